//! carescale: an agent-based simulator of what happens when England's NHS
//! scales up joined-up care for people with complex needs.
//!
//! The layout is the pipeline (see `docs/ARCHITECTURE.md`):
//!
//! - [`scenario`]: a scenario file is read, overridden (`--set`) and checked
//!   against the parameter registry ([`scenario::params`]) into a typed
//!   scenario;
//! - [`model`]: each site of each replicate is simulated patient by patient;
//! - [`experiment`]: runs are planned (designs, sweeps, shards), executed in
//!   parallel and stored;
//! - [`output`]: results are aggregated and written as tidy tables, and read
//!   back;
//! - [`analysis`]: comparisons, calibration, growth, economics, plots,
//!   reports and dictionaries;
//! - [`bench`](mod@bench): throughput measurement;
//! - [`stats`] and [`error`]: statistics and errors shared by all.

#![warn(missing_docs)]
// The library returns data; only the binary (src/cli) prints.
#![cfg_attr(not(test), deny(clippy::print_stdout, clippy::print_stderr))]

pub mod analysis;
pub mod bench;
pub mod error;
pub mod experiment;
pub mod files;
pub mod model;
pub mod output;
pub mod scenario;
pub mod stats;
