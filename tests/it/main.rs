//! carescale's integration tests, built as one test binary (one link, not one per file).

mod bench_cli;
mod calibration;
mod cli;
mod cluster_cli;
#[allow(dead_code)]
mod common;
mod dictionary;
mod economics;
mod fit;
mod fuzz_inputs;
mod htcondor;
mod inputs;
mod levers;
mod longrun;
mod model;
mod options;
mod pairing;
mod parquet_output;
mod places;
mod plots;
mod python_csv;
mod r_snippets;
mod ranges;
mod reliability;
mod report_browser;
mod rollout;
mod strict;
mod sweep_report;
mod sweeps;
