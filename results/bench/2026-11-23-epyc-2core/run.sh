#!/usr/bin/env bash
# Re-run every measurement in this folder: `bash run.sh [OUT_DIR]` from the
# repository root (it builds the release binary first). Each run is its own
# process, so each peak-memory figure is that run's own high-water mark. Run
# it on an otherwise idle machine: wall times count whatever else runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"
mkdir -p "$out"
cargo build --release --quiet
bin=./target/release/carescale

# 1. All of England (55.6 million people, 5 reported years after a year of
#    warm-up, one replicate, all cores), three times.
for k in 1 2 3; do
    echo "== england_$k: carescale bench" >&2
    "$bin" bench --json "$out/england_$k.json" | tee "$out/england_$k.txt"
done

# 2. Scaling: cost per patient-day from 10,000 to 10 million people and over
#    1, 5 and 20 years; 1 thread against all cores (5 interleaved rounds).
echo "== scaling: carescale bench --scaling --rounds 5" >&2
"$bin" bench --scaling --rounds 5 --json "$out/scaling.json" | tee "$out/scaling.txt"

# 2b. The same study on one place (one site) instead of England's seven
#    regions: at 10,000 people England is seven regions of about 1,430 people.
echo "== scaling_one_place: carescale bench one_place.toml --scaling --rounds 5" >&2
"$bin" bench "$here/one_place.toml" --scaling --rounds 5 --json "$out/scaling_one_place.json" \
    | tee "$out/scaling_one_place.txt"

# 3. Sweeps: a PSA of one 250,000-person place over 5 reported years, 100
#    and 1,000 draws (plus the baseline run), timed end to end by the
#    operating system (wall, CPU, peak resident memory).
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for n in 100 1000; do
    sed "s/samples = 1000/samples = $n/; s/name = \"psa_1000\"/name = \"psa_$n\"/" \
        "$here/psa_1000.toml" > "$tmp/psa_$n.toml"
    cp "$here/psa_site.toml" "$tmp/"
    echo "== psa_$n: carescale sweep psa_$n.toml" >&2
    /usr/bin/time -v "$bin" sweep "$tmp/psa_$n.toml" --out "$tmp/out_$n" --quiet \
        2> "$out/psa_$n.time.txt"
    sed -i "s|$tmp/||g" "$out/psa_$n.time.txt"
    echo "runs.csv rows: $(($(wc -l < "$tmp/out_$n/runs.csv") - 1))" >> "$out/psa_$n.time.txt"
    grep -E "Elapsed|Maximum resident|User time|System time|runs.csv" "$out/psa_$n.time.txt"
done
