#!/usr/bin/env bash
# Many runs of one 250,000-person site over 5 reported years (after a year
# of warm-up), through the same runner a sweep uses: `bash run_sweep.sh
# [OUT_DIR]` from the repository root after `cargo build --release`.
set -euo pipefail
here="$(dirname "$0")"
out="${1:-$here}"
for r in 10 100; do
    echo "== sweep_${r}: carescale bench $here/psa_site.toml --replicates $r --threads 2" >&2
    ./target/release/carescale bench "$here/psa_site.toml" --replicates "$r" --threads 2 \
        --json "$out/sweep_${r}.json" | tee "$out/sweep_${r}.txt"
done
