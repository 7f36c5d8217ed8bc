#!/bin/bash
# Run a carescale sweep as N shards with GNU parallel, then merge.
#   ./examples/gnu-parallel/run_shards.sh scenarios/sweeps/rollout_pace_x_support.toml 8
# Across machines that share this folder, add e.g.
#   --sshlogin 4/node1,4/node2 --workdir .
# to the parallel line (each host runs 4 shards at a time).
set -euo pipefail
SWEEP=${1:?usage: run_shards.sh SWEEP.toml [N] [OUT]}
N=${2:-4}
OUT=${3:-results/parts}
mkdir -p "$OUT"
# Each shard on one thread; parallel keeps as many running as there are cores.
# A failed shard can be rerun with the same line: it resumes.
seq 0 $((N - 1)) | parallel --halt now,fail=1 --line-buffer \
  carescale sweep "$SWEEP" --shard {}/"$N" --threads 1 --out "$OUT"/part-{}
carescale merge "$OUT"/part-* --out "results/$(basename "$SWEEP" .toml)"
