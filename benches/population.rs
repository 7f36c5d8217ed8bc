//! Population set-up: drawing a site's people, filling services and
//! scheduling every first event (`SiteSim::new`). Throughput in people set
//! up; the patient-days that set-up serves are in the engine bench.

mod common;

use carescale::experiment::executor;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

fn population(c: &mut Criterion) {
    let mut g = c.benchmark_group("population/set_up");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6));
    for people in [10_000u64, 100_000, 1_000_000] {
        let scn = common::one_site(people, 12, 1);
        let tl = executor::timeline(&scn);
        g.throughput(Throughput::Elements(people));
        g.bench_with_input(BenchmarkId::new("people", people), &scn, |b, scn| {
            b.iter(|| common::set_up(scn, &tl))
        });
    }
    g.finish();
}

criterion_group!(benches, population);
criterion_main!(benches);
