#!/bin/bash
# Run a carescale sweep as N shards with GNU parallel, then merge.
#   ./examples/gnu-parallel/run_shards.sh scenarios/sweeps/rollout_pace_x_support.toml 8
# Install the binary first: cargo install --path . --locked
# Across machines that share this folder, add e.g.
#   --sshlogin 4/node1,4/node2 --workdir .
# to the parallel line (each host runs 4 shards at a time).
#
# Rerun the same line after a failure: parts already complete are skipped
# (carescale says so and exits 0) and unfinished ones resume from the runs
# they had finished.
set -euo pipefail
SWEEP=${1:?usage: run_shards.sh SWEEP.toml [N] [OUT]}
N=${2:-4}
OUT=${3:-results/parts}
CARESCALE=${CARESCALE:-carescale}
mkdir -p "$OUT"
# Each shard on one thread; parallel keeps as many running as there are
# cores. Every shard is tried (no --halt); parallel's exit status counts the
# failures, and then the merge is not attempted.
seq 0 $((N - 1)) | parallel --line-buffer \
  "$CARESCALE" sweep "$SWEEP" --shard {}/"$N" --threads 1 --out "$OUT"/part-{}
parts=()
for ((k = 0; k < N; k++)); do parts+=("$OUT/part-$k"); done
"$CARESCALE" merge "${parts[@]}" --out "results/$(basename "$SWEEP" .toml)"
