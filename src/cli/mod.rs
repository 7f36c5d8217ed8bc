//! The command line (binary only): arguments, one module per command and
//! progress display. The library does the work; these modules turn
//! arguments into its calls and its results into text and exit codes.

/// Print a line to stdout; a closed pipe (e.g. `| head`) is not an error.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

pub mod bench;
pub mod calibrate;
pub mod common;
pub mod demo;
pub mod describe;
pub mod dictionary;
pub mod fit;
pub mod growth;
pub mod merge;
pub mod place;
pub mod progress;
pub mod report;
pub mod reps;
pub mod run;
pub mod sweep;
pub mod template;
pub mod validate;
