//! Sweep orchestration: many small runs through `executor::run_replicates`
//! (the layer a sweep or PSA hands its runs to: plan, thread pool, ordered
//! collection). Throughput in simulated patient-days, for growing numbers of
//! runs of a small site, so per-run overhead shows as a falling rate.

mod common;

use carescale::experiment::executor;
use carescale::model::metrics::b;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

fn orchestration(c: &mut Criterion) {
    let mut g = c.benchmark_group("sweep/run_replicates");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6));
    for runs in [8u32, 64, 256] {
        let scn = common::one_site(2_000, 12, runs);
        let results = executor::run_replicates(&scn, 0, runs, &executor::Options::threads(0))
            .expect("the bench runs");
        let days: f64 = results
            .iter()
            .flat_map(|r| r.sites.iter())
            .flat_map(|s| s.months.iter().map(|m| m[b::PERSON_DAYS]))
            .sum();
        g.throughput(Throughput::Elements(days.round() as u64));
        g.bench_with_input(BenchmarkId::new("runs", runs), &scn, |bch, scn| {
            bch.iter(|| {
                executor::run_replicates(scn, 0, runs, &executor::Options::threads(0))
                    .expect("the bench runs")
            })
        });
    }
    g.finish();
}

criterion_group!(benches, orchestration);
criterion_main!(benches);
