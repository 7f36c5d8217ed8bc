//! Experiments: a sweep file ([`sweep`]) names a design ([`design`], with
//! [`distribution`]s for PSA) over a base scenario; the plan's runs are
//! split into [`shard`]s, run by the [`executor`] and kept one file a run in
//! the [`store`], so a sweep resumes and merges; [`precision`] chooses the
//! number of replicates by CI half-width.

pub mod design;
pub mod distribution;
pub mod executor;
pub mod options;
pub mod precision;
pub mod shard;
pub mod store;
pub mod sweep;
