#!/usr/bin/env bash
# Regression check on the cost of a simulated event, in instructions (not
# wall time: the machine is shared and noisy). Runs a fixed small benchmark
# under callgrind, divides the instructions of the whole process by the
# events it simulated, and compares the figure with the one committed in
# results/bench/instructions.json: a rise of more than 10% fails (more than
# 50% when the compiler or the CPU differ from the committed figure's).
#
#   bash .ci/instructions.sh            # check
#   bash .ci/instructions.sh --update   # measure and rewrite the committed figure
#
# Update the committed figure in the change that makes the engine cheaper
# (so that the next regression is measured from there), or, saying why in
# the commit message, in a change that makes it dearer on purpose.
# Instruction counts depend on the compiler and on the CPU features the C
# library picks its routines by, so compare figures from the same kind of
# machine (the committed file names its own).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=results/bench/instructions.json
tolerance=0.10
update=false
case "${1:-}" in
  --update) update=true ;;
  "") ;;
  *) echo "usage: bash .ci/instructions.sh [--update]" >&2; exit 2 ;;
esac
command -v valgrind >/dev/null 2>&1 || { echo "instructions: valgrind is not installed" >&2; exit 1; }
# BIN: a carescale binary to measure instead of building this checkout's.
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=target/release/carescale
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The benchmark: the embedded England baseline scaled to 200,000 people, a
# year of warm-up and 5 reported years, one worker thread (the count must
# not depend on scheduling). About 1.7 million events; about a minute
# under callgrind.
args=(bench --population 200000 --years 5 --threads 1)
valgrind --tool=callgrind --callgrind-out-file="$tmp/callgrind.out" \
  "$BIN" "${args[@]}" --json "$tmp/bench.json" > "$tmp/bench.txt" 2> "$tmp/valgrind.txt" || {
  cat "$tmp/valgrind.txt" >&2
  echo "instructions: the benchmark failed under callgrind" >&2
  exit 1
}
# The simulation alone (inclusive cost of the engine's run of each site)
# and the set-up alone, for the record; the check is on the whole process.
callgrind_annotate --inclusive=yes --threshold=100 "$tmp/callgrind.out" > "$tmp/inclusive.txt" 2>/dev/null || true

python3 - "$tmp" "$ref" "$tolerance" "$update" "${args[*]}" <<'PY'
import json, re, subprocess, sys, datetime
tmp, ref_path, tolerance, update, args = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4] == "true", sys.argv[5]
gross_tolerance = 0.5
total = None
with open(f"{tmp}/callgrind.out") as f:
    for line in f:
        if line.startswith(("summary:", "totals:")):
            total = int(line.split()[1])
bench = json.load(open(f"{tmp}/bench.json"))
events = bench["events"]
if not total or not events:
    sys.exit("instructions: no instruction or event count (callgrind or bench output changed?)")

def inclusive(symbol):
    """Instructions of a function and everything it calls (0 if not found)."""
    best = 0
    for line in open(f"{tmp}/inclusive.txt", errors="replace"):
        m = re.match(r"\s*([\d,]+)\s+\([^)]*\)\s+\S*?:(.*)$", line)
        if m and m.group(2).strip().startswith(symbol + " ["):
            best = max(best, int(m.group(1).replace(",", "")))
    return best

sim = inclusive("carescale::model::engine::SiteSim::run")
setup = inclusive("carescale::model::engine::setup::<impl carescale::model::engine::SiteSim>::new")
per_event = total / events
people = bench["people_simulated"]
figures = {
    "benchmark": f"carescale {args}",
    "events": events,
    "people_simulated": people,
    "instructions": total,
    "instructions_per_event": round(per_event, 1),
    "simulation_instructions_per_event": round(sim / events, 1) if sim else None,
    "setup_instructions_per_person": round(setup / people, 1) if setup and people else None,
}
show = lambda x: "NA" if x is None else f"{x:,.1f}" if isinstance(x, float) else f"{x:,}"
print(f"benchmark: {figures['benchmark']} under valgrind --tool=callgrind")
for k in ("events", "instructions", "instructions_per_event", "simulation_instructions_per_event", "setup_instructions_per_person"):
    print(f"  {k:36} {show(figures[k])}")
if update:
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    valgrind = subprocess.run(["valgrind", "--version"], capture_output=True, text=True).stdout.strip()
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    out = {
        **figures,
        "tolerance": tolerance,
        "git_commit": commit,
        "date": datetime.date.today().isoformat(),
        "machine": bench["machine"]["cpu"],
        "valgrind": valgrind,
        "rustc": rustc,
        "command": "bash .ci/instructions.sh --update",
    }
    with open(ref_path, "w") as f:
        f.write(json.dumps(out, indent=2) + "\n")
    print(f"wrote {ref_path}")
    sys.exit(0)
ref = json.load(open(ref_path))
rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
same = rustc == ref["rustc"] and bench["machine"]["cpu"] == ref["machine"]
# Another compiler or CPU (its C library picks other routines) moves the
# count by a few percent: then only a gross rise fails.
allowed = tolerance if same else gross_tolerance
limit = ref["instructions_per_event"] * (1 + allowed)
change = per_event / ref["instructions_per_event"] - 1
print(f"committed: {ref['instructions_per_event']:,.1f} instructions per event (commit {ref['git_commit'][:12]}, {ref['machine']}, {ref['rustc']})")
print(f"measured:  {per_event:,.1f} instructions per event ({change:+.1%}; limit {limit:,.1f}, +{allowed:.0%})")
if not same:
    print(f"note: measured with {rustc} on {bench['machine']['cpu']}, not the committed figure's "
          f"compiler and CPU, so the limit is +{gross_tolerance:.0%}, not +{tolerance:.0%}")
if per_event > limit:
    print("instructions: FAILED: instructions per event rose by more than "
          f"{tolerance:.0%}. Find the cause with callgrind_annotate on this benchmark; "
          "if the rise is intended, say why and run bash .ci/instructions.sh --update", file=sys.stderr)
    sys.exit(1)
print("instructions: ok")
PY
