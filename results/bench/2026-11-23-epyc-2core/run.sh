#!/usr/bin/env bash
# Re-run every measurement in this folder: `bash run.sh [OUT_DIR]` from the
# repository root after `cargo build --release`. Each run is a separate
# process, so each peak-memory figure is that run's own high-water mark.
set -euo pipefail
out="${1:-$(dirname "$0")}"
bin=./target/release/carescale
run() { # name, then bench arguments
    local name="$1"; shift
    echo "== $name: carescale bench $*" >&2
    "$bin" bench "$@" --json "$out/$name.json" | tee "$out/$name.txt"
}
# All of England: 55.6 million people, 5 reported years after 1 year of warm-up.
run england_2threads --threads 2
# Population scaling (2 threads, 5 years).
for n in 10000 100000 1000000 10000000; do
    run "population_${n}" --population "$n" --threads 2
done
# Length scaling (1 million people, 2 threads).
for y in 1 5 20; do
    run "years_${y}" --population 1000000 --years "$y" --threads 2
done
# Threads: 1 against 2 (10 million people, 5 years).
run threads_1 --population 10000000 --threads 1
run threads_2 --population 10000000 --threads 2
