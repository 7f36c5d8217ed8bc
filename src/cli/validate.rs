//! `carescale validate`: check scenario files (or files of care models)
//! without running them; every problem of every file is reported.

use carescale::error::{Error, Result};
use carescale::scenario::Scenario;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct ValidateArgs {
    /// Scenario files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Check each file; an "ok" line per good file, all problems as one error.
pub fn validate(a: ValidateArgs) -> Result<i32> {
    let mut errs = Vec::new();
    for f in &a.files {
        let text =
            carescale::files::read_text(f, carescale::files::MAX_INPUT_BYTES, "scenario file")?;
        // A file of care models only is checked as bundles: a minimal scenario
        // is appended so line numbers stay those of the file.
        let bundles_only = !text.contains("[scenario]") && text.contains("[care_models.");
        let checked = if bundles_only {
            let probe = format!("{text}\n[scenario]\nname = \"bundles\"\nquestion = \"?\"\n[[sites]]\nname = \"probe\"\npopulation = 1\n");
            Scenario::from_str(&probe, &f.display().to_string(), &[])
                .map(|s| format!("ok ({} care models)", s.own_care_models()))
        } else {
            Scenario::from_str(&text, &f.display().to_string(), &[]).map(|s| {
                format!(
                    "ok ({} sites, {} people, {} replicates)",
                    s.sites.len(),
                    s.total_population(),
                    s.run.replicates
                )
            })
        };
        match checked {
            Ok(msg) => say!("{}: {msg}", f.display()),
            Err(Error::Input(mut e)) => errs.append(&mut e),
            Err(e) => return Err(e),
        }
    }
    if errs.is_empty() {
        Ok(0)
    } else {
        Err(Error::Input(errs))
    }
}
