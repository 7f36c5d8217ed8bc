//! The command line (binary only): arguments, one module per command and
//! progress display.

pub mod progress;
pub mod sweep;
