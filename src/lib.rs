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
// Tables indexed by age band and frailty category are read side by side;
// an index says that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

pub mod analysis;
pub mod bench;
pub mod error;
pub mod experiment;
pub mod model;
pub mod output;
pub mod scenario;
pub mod stats;
