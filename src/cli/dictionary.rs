//! `carescale dictionary`: write (or check) the parameter and output
//! dictionaries.

use carescale::error::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct DictionaryArgs {
    /// Folder to write into.
    #[arg(long, default_value = "docs")]
    out: PathBuf,
    /// Write nothing; exit 1 if the files are stale.
    #[arg(long)]
    check: bool,
}

/// Write the dictionaries, or with `--check` exit 1 if they are stale.
pub fn dictionary(a: DictionaryArgs) -> Result<i32> {
    let stale = carescale::analysis::dictionary::write(&a.out, a.check)?;
    for s in &stale {
        eprintln!("{} {s}", if a.check { "stale:" } else { "wrote" });
    }
    if a.check && !stale.is_empty() {
        eprintln!("run `carescale dictionary` to update them");
        return Ok(1);
    }
    Ok(0)
}
