//! carescale: an agent-based simulator of what happens when England's NHS
//! scales up joined-up care for people with complex needs.
//!
//! The pipeline, in module order: a [`scenario`] file is read and checked
//! (parameters declared in [`params`]); a [`population`] of [`patient`]s is
//! drawn for each site; the [`engine`] moves them through services event by
//! event, with lever strengths over time from [`rollout`]; the [`runner`]
//! runs replicates x sites in parallel with randomness from [`rng`]; the
//! [`output`] module writes tidy CSVs and a manifest, [`calibrate`] compares
//! with published targets, and [`stats`] gives the intervals.

#![warn(missing_docs)]
// Tables indexed by age band and frailty category are read side by side;
// an index says that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

pub mod aggregate;
pub mod bench;
pub mod bench_scaling;
pub mod calendar;
pub mod calibrate;
pub mod caremix;
pub mod compare;
pub mod describe;
pub mod design;
pub mod dictionary;
pub mod distribution;
pub mod economics;
pub mod engine;
pub mod error;
pub mod executor;
pub mod growth;
pub mod metrics;
pub mod output;
pub mod params;
pub mod patient;
pub mod plot;
pub mod population;
pub mod precision;
pub mod progress;
pub mod report;
pub mod results;
pub mod rng;
pub mod rollout;
pub mod runner;
pub mod runstore;
pub mod scenario;
pub mod schedule;
pub mod shard;
pub mod stats;
pub mod sweep;
