//! The engine: simulating one site, set-up excluded. Throughput in
//! simulated patient-days (and, in a second group, events), for sites of
//! growing size, so cost per patient-day can be seen to stay flat.

mod common;

use carescale::experiment::executor;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

fn engine(c: &mut Criterion) {
    let mut by_days = c.benchmark_group("engine/patient_days");
    by_days
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    let mut sizes = Vec::new();
    for population in [10_000u64, 100_000, 1_000_000] {
        let scn = common::one_site(population, 12, 1);
        let (days, events) = common::workload(&scn);
        sizes.push((population, scn, events));
        let (_, scn, _) = sizes.last().expect("just pushed");
        let tl = executor::timeline(scn);
        by_days.throughput(Throughput::Elements(days));
        by_days.bench_with_input(BenchmarkId::new("one_year", population), scn, |b, scn| {
            b.iter_batched(
                || common::set_up(scn, &tl),
                |sim| sim.run(),
                BatchSize::PerIteration,
            )
        });
    }
    by_days.finish();

    let mut by_events = c.benchmark_group("engine/events");
    by_events
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (population, scn, events) in sizes.iter().take(2) {
        let tl = executor::timeline(scn);
        by_events.throughput(Throughput::Elements(*events));
        by_events.bench_with_input(BenchmarkId::new("one_year", population), scn, |b, scn| {
            b.iter_batched(
                || common::set_up(scn, &tl),
                |sim| sim.run(),
                BatchSize::PerIteration,
            )
        });
    }
    by_events.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
