#!/bin/bash
# Submit the shards as a job array, then the merge to run only if every
# shard succeeds (afterok; with --kill-on-invalid-dep=yes a failed shard
# cancels the merge instead of leaving it pending for ever).
#   SWEEP=scenarios/sweeps/rollout_pace_x_support.toml SHARDS=8 ./examples/slurm/submit.sh
# Check the plan and the resources a shard needs first:
#   carescale sweep "$SWEEP" --dry-run --shard 0/8 --threads 8
# Options after the script go to both sbatch calls, e.g. to change the
# resources in the job scripts' headers: ./submit.sh --cpus-per-task=4 --mem=2G
set -euo pipefail
here=$(dirname "$0")
export SHARDS=${SHARDS:-8} SHARD_BASE=${SHARD_BASE:-0}
mkdir -p logs
array=$(sbatch --parsable --export=ALL \
  --array="$SHARD_BASE-$((SHARD_BASE + SHARDS - 1))" "$@" "$here/sweep_array.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --export=ALL \
  --dependency=afterok:"$array" --kill-on-invalid-dep=yes "$@" "$here/merge.sbatch")
echo "submitted $SHARDS shards as job $array and the merge as job ${merge%%;*}"
