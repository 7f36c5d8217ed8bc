//! `carescale template`: a complete scenario file, every parameter at its
//! default with units, range and source.

use crate::cli::common::say_raw;
use carescale::error::Result;

/// Print the template.
pub fn template() -> Result<i32> {
    say_raw(&format!(
        "[scenario]\nname = \"my_scenario\"\nquestion = \"What question does this scenario answer?\"\n{}\n[[sites]]\nname = \"site_a\"\npopulation = 100000\n",
        carescale::scenario::params::template_sections()
    ));
    Ok(0)
}
