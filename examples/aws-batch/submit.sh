#!/bin/bash
# A carescale sweep as an AWS Batch array job (AWS_BATCH_JOB_ARRAY_INDEX
# gives the shard), then a merge job that waits for the whole array.
# Needs a job definition whose image has carescale and the scenarios, and a
# shared file system (EFS) mounted at /results.
#   QUEUE=my-queue JOBDEF=carescale ./examples/aws-batch/submit.sh
set -euo pipefail
N=${N:-8}
SWEEP=${SWEEP:-scenarios/sweeps/rollout_pace_x_support.toml}
array=$(aws batch submit-job --job-name carescale-sweep \
  --job-queue "$QUEUE" --job-definition "$JOBDEF" \
  --array-properties size="$N" \
  --container-overrides "command=[sh,-c,carescale sweep $SWEEP --shard-from-env --shards $N --out /results/parts/part-\$AWS_BATCH_JOB_ARRAY_INDEX]" \
  --query jobId --output text)
aws batch submit-job --job-name carescale-merge \
  --job-queue "$QUEUE" --job-definition "$JOBDEF" \
  --depends-on jobId="$array" \
  --container-overrides "command=[sh,-c,carescale merge /results/parts/part-* --out /results/$(basename "$SWEEP" .toml)]"
echo "submitted array job $array and its merge"
