//! Output aggregation: turning the monthly accumulators of many runs into
//! the standard tables (time series by site and group, run table, summary
//! with intervals). Throughput in run-months aggregated (replicates x sites x
//! months), for growing numbers of replicates.

mod common;

use carescale::experiment::executor;
use carescale::output;
use carescale::scenario::Scenario;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

/// Three sites in two groups, so group totals are exercised too.
fn three_sites(replicates: u32) -> Scenario {
    let text = format!(
        "[scenario]\nname = \"bench\"\nquestion = \"How fast?\"\n\n\
         [run]\nwarm_up_months = 0\nhorizon_months = 60\nreplicates = {replicates}\nseed = {}\n\n\
         [[sites]]\nname = \"a\"\npopulation = 1000\ngroup = \"g1\"\n\n\
         [[sites]]\nname = \"b\"\npopulation = 1000\ngroup = \"g1\"\n\n\
         [[sites]]\nname = \"c\"\npopulation = 1000\ngroup = \"g2\"\n",
        common::SEED
    );
    Scenario::from_str(&text, "<bench>", &[]).expect("the bench scenario is valid")
}

fn aggregation(c: &mut Criterion) {
    let mut g = c.benchmark_group("output/tables");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for replicates in [10u32, 100] {
        let scn = three_sites(replicates);
        let results = executor::run_replicates(&scn, 0, replicates, &executor::Options::threads(0))
            .expect("the bench runs");
        let run_months = replicates as u64 * 3 * 60;
        g.throughput(Throughput::Elements(run_months));
        g.bench_with_input(
            BenchmarkId::new("replicates", replicates),
            &results,
            |b, results| {
                b.iter(|| {
                    let table = output::run_table(&scn, results);
                    black_box(output::timeseries_csv(&scn, results));
                    black_box(output::timeseries_groups_csv(&scn, results));
                    black_box(output::runs_csv(&scn, results, &table));
                    black_box(output::summary_csv(&scn, &table))
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, aggregation);
criterion_main!(benches);
