#!/bin/bash
# Submit the shards as a job array, then the merge to run when all succeed.
#   SWEEP=scenarios/sweeps/rollout_pace_x_support.toml ./examples/slurm/submit.sh
set -euo pipefail
here=$(dirname "$0")
mkdir -p logs
array=$(sbatch --parsable --export=ALL "$here/sweep_array.sbatch")
sbatch --dependency=afterok:"$array" --export=ALL "$here/merge.sbatch"
echo "submitted shards as job $array; the merge waits for them"
