//! Results: pure metric [`tables`], the [`csv`] writer of a run's tables,
//! the [`manifest`](mod@manifest), the results folder ([`dir`]), the [`number`] format
//! every file shares, the [`aggregate`] files of a sweep, reading
//! results back ([`read`]) and Parquet copies of the long tables
//! ([`parquet`](mod@parquet)).

pub mod aggregate;
pub mod csv;
pub mod dir;
pub mod manifest;
pub mod number;
pub mod parquet;
pub mod read;
pub mod spool;
pub mod tables;

pub use self::csv::{
    runs_csv, summarise_finite, summary_csv, summary_csv_from, timeseries_csv,
    timeseries_groups_csv, write_tables,
};
pub use dir::{move_into_place, OutputDir};
pub use manifest::{git_commit, machine, manifest};
pub use number::num;
pub use tables::{groups, run_metric_names, run_table, run_values, totals};
