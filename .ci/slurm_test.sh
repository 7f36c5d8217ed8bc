#!/usr/bin/env bash
# The cluster path, for real: a one-node Slurm on this machine runs the
# shipped job array (examples/slurm) on a tiny sweep; the merged results
# must equal the single-machine sweep byte for byte. Then: resubmitting one
# task runs the right shard, and a failed shard cancels the merge (and
# `carescale merge` names the missing shard) instead of hanging.
# Needs root (it starts munged, slurmctld and slurmd). Every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
BIN=${BIN:-$repo/target/release/carescale}
[ -x "$BIN" ] || cargo build --release --quiet
W=$(mktemp -d /tmp/carescale-slurm.XXXXXX)
SWEEP=$repo/scenarios/sweeps/demo_sweep.toml
EXTRA="--scale 0.002 --replicates 2 --quiet"
fail() { echo "slurm test FAILED: $*" >&2; tail -n 20 "$W"/logs/* 2>/dev/null >&2 || true; exit 1; }

if ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi

host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
conf=/etc/slurm/slurm.conf
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge /var/lib/munge /var/log/munge
cat > "$conf" <<CONF
ClusterName=carescale-ci
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
# Processes this script starts, stopped on exit by their ids.
pids=()
cleanup() {
  scancel --quiet --user=root 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT

[ -s /etc/munge/munge.key ] || { mkdir -p /etc/munge; dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; }
chmod 400 /etc/munge/munge.key
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
if ! munge -n >/dev/null 2>&1; then
  runuser -u munge -- munged --foreground >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do munge -n >/dev/null 2>&1 && break; sleep 0.2; done
  munge -n >/dev/null 2>&1 || fail "munged did not start"
fi
slurmctld -D -c -f "$conf" >/dev/null 2>&1 &
pids+=($!)
slurmd -D -f "$conf" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  sinfo -h -o %t 2>/dev/null | grep -qx idle && break
  sleep 0.5
done
sinfo -h -o %t | grep -qx idle || { tail -n 20 /var/log/slurm/*.log >&2; fail "the Slurm node did not come up"; }
echo "slurm: one node ($cpus CPUs) up"

# Wait for jobs to leave the queue, at most $2 seconds.
wait_jobs() {
  local t=0
  while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do
    sleep 1; t=$((t + 1))
    [ "$t" -lt "$2" ] || { squeue >&2; fail "jobs $1 still queued after $2 s"; }
  done
}
state() { scontrol show job "$1" | grep -o 'JobState=[A-Z_]*' | head -n 1 | cut -d= -f2; }

cd "$W"
mkdir -p logs
echo "== single machine"
"$BIN" sweep "$SWEEP" $EXTRA --out "$W/single"

echo "== job array of 3 shards + dependent merge (examples/slurm/submit.sh)"
export SWEEP EXTRA CARESCALE=$BIN OUT=$W/parts RESULTS=$W/merged SHARDS=3 SHARD_BASE=0
out=$("$repo"/examples/slurm/submit.sh --cpus-per-task=1 --mem=500M --time=10)
echo "$out"
jobs=$(echo "$out" | grep -o 'job [0-9]*' | awk '{print $2}' | paste -sd,)
wait_jobs "$jobs" 240
[ -f "$W/merged/summary.csv" ] || fail "the merge did not write results"
compare() {
  diff -r -q -x manifest.json "$W/single" "$1" || fail "$1 differs from the single-machine sweep"
}
compare "$W/merged"
echo "merged results equal the single-machine sweep (all files but manifest.json)"

echo "== resubmitting one task (sbatch --array=1) runs shard 1/3"
rm -rf "$W/parts/part-1" "$W/merged"
id=$(sbatch --parsable --export=ALL --array=1 --cpus-per-task=1 --mem=500M --time=10 "$repo"/examples/slurm/sweep_array.sbatch)
wait_jobs "${id%%;*}" 120
grep -q '"shard": "1/3"' "$W/parts/part-1/part.json" || fail "the resubmitted task did not run shard 1/3"
id=$(sbatch --parsable --export=ALL --cpus-per-task=1 --mem=500M --time=10 "$repo"/examples/slurm/merge.sbatch)
wait_jobs "${id%%;*}" 120
compare "$W/merged"
echo "resubmitted task ran shard 1/3; merged results still equal"

echo "== a failed shard cancels the merge instead of leaving it pending"
rm -rf "$W/parts" "$W/merged"
mkdir -p "$W/parts"
: > "$W/parts/part-2"   # a file where shard 2's folder should go: that task fails
out=$("$repo"/examples/slurm/submit.sh --cpus-per-task=1 --mem=500M --time=10)
array=$(echo "$out" | grep -o 'job [0-9]*' | head -n 1 | awk '{print $2}')
merge=$(echo "$out" | grep -o 'job [0-9]*' | tail -n 1 | awk '{print $2}')
wait_jobs "$array,$merge" 240
s=$(state "$merge")
[ "$s" = CANCELLED ] || fail "the merge job ended $s, not CANCELLED"
[ ! -e "$W/merged" ] || fail "a merge ran without every shard"
echo "merge job $merge: $s (dependency never satisfied)"
rm -f "$W/parts/part-2"
set +e
msg=$(timeout 60 "$BIN" merge "$W"/parts/part-0 "$W"/parts/part-1 "$W"/parts/part-2 --out "$W/merged" 2>&1)
rc=$?
set -e
[ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] || fail "merge with a missing part exited $rc"
echo "$msg" | grep -q 'part-2' || fail "merge did not name the missing part: $msg"
echo "carescale merge with shard 2 missing: exit $rc: $(echo "$msg" | head -n 1)"
echo "== slurm test passed in ${SECONDS} s"
