#!/usr/bin/env python3
"""Simulation-based check of `carescale fit` on the real model.

For each trial (fixed seeds), known values of three calibrated ([C])
parameters are drawn from their uniform priors; the targets are made by the
real model at those values (one run of a small one-site scenario with a
root seed the fit never uses, plus observation noise of the stated SD);
the fit runs at the same small scale with `stochastic_factor = 1` (the
targets are one run at this scale) and no discrepancy; and the known values
are checked against the final non-implausible range and the posterior's
90% credible interval (5% to 95%) in the fit's `parameters.csv`.

    python3 scripts/sbc.py --out results/calibration/sbc

writes `sbc.csv` (one row per trial and parameter), `targets.csv` (the
targets of each trial) and `summary.txt` into the output folder, and exits 1
when either coverage (over trial-parameter pairs) is below 90%, or when
the fit learns little (the mean 90% credible interval wider than
`--max-ci-share` of the prior range: coverage of a fit that learns
nothing would be trivial), 2 on a failed run. `--trials 2 --population 10000 --points 8` is the cheap version
the integration tests run. Standard library only.
"""

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (path, prior min, prior max, balance): priors as in
# calibration/england_baseline_fit.toml.
PARAMETERS = [
    ("routing.share_ae", 0.50, 0.70, "routing.share_general_practice"),
    ("routing.share_direct_admission", 0.01, 0.08, "routing.share_general_practice"),
    ("demand.post_discharge_hr_crisis", 1.0, 2.0, None),
]
# The targets that inform them.
TARGETS = [
    "ae_attendances_per_1000",
    "emergency_admissions_per_1000",
    "ae_major_conversion",
    "readmission_30d_rate",
]
OBS_SHARE = 0.01  # observation SD, share of each target (noise of this SD is added)
FIT_SEED = 20240600  # + trial: the fit's root seed (common random numbers across its points)
TRUTH_SEED = 777000  # + trial: the targets' run, never one the fit runs

SCENARIO = """[scenario]
name = "sbc_site"
question = "Does a fit recover parameter values the model was run at?"

[run]
start_date = "2016-04-01"
warm_up_months = 12
horizon_months = {horizon}
replicates = 1
seed = {seed}

[[sites]]
name = "alpha"
population = {population}
"""


def carescale_bin(given):
    if given:
        return given
    exe = os.path.join(ROOT, "target", "release", "carescale")
    if os.path.exists(exe):
        return exe
    return shutil.which("carescale") or sys.exit("carescale not found: cargo build --release")


def run(cmd, ok=(0,)):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in ok:
        sys.stderr.write(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}\n")
        sys.exit(2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "results", "calibration", "sbc"))
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--population", type=int, default=50000)
    ap.add_argument("--horizon", type=int, default=12, help="reported months")
    ap.add_argument("--points", type=int, default=20, help="design points per wave")
    ap.add_argument("--replicates", type=int, default=4)
    ap.add_argument("--waves", type=int, default=3)
    ap.add_argument("--carescale", default=None)
    ap.add_argument("--max-ci-share", type=float, default=0.6,
                    help="fail if the mean 90%% CrI width exceeds this share of the prior range")
    ap.add_argument("--keep", action="store_true", help="keep the fits' folders (in OUT/work)")
    a = ap.parse_args()
    exe = carescale_bin(a.carescale)
    os.makedirs(a.out, exist_ok=True)
    work = os.path.join(a.out, "work") if a.keep else tempfile.mkdtemp(prefix="sbc-")
    os.makedirs(work, exist_ok=True)
    t0 = time.time()
    c0 = os.times()

    rows, target_rows = [], []
    n_runs = 0
    for trial in range(1, a.trials + 1):
        g = random.Random(1000 + trial)
        truth = [lo + (hi - lo) * g.random() for (_, lo, hi, _) in PARAMETERS]
        tdir = os.path.join(work, f"trial-{trial:02d}")
        os.makedirs(tdir, exist_ok=True)
        scn = os.path.join(tdir, "s.toml")
        with open(scn, "w") as f:
            f.write(SCENARIO.format(horizon=a.horizon, seed=FIT_SEED + trial, population=a.population))
        # The balance takes up the changes, as the fit does, from the model's
        # defaults (0.61, 0.04, 0.25), which the one-site scenario keeps.
        base = {"routing.share_ae": 0.61, "routing.share_direct_admission": 0.04}
        gp = 0.25 - sum(v - base[p] for (p, _, _, b), v in zip(PARAMETERS, truth) if b)
        sets = [f"{p}={v!r}" for (p, _, _, _), v in zip(PARAMETERS, truth)]
        sets.append(f"routing.share_general_practice={gp!r}")
        cmd = [exe, "calibrate", scn, "--replicates", "1", "--seed", str(TRUTH_SEED + trial),
               "--threads", "1", "--out", os.path.join(tdir, "truth"), "--force", "-q"]
        for s in sets:
            cmd += ["--set", s]
        run(cmd, ok=(0, 1))  # 1: some targets outside their tolerance (expected here)
        n_runs += 1
        sim = {}
        with open(os.path.join(tdir, "truth", "calibration.csv")) as f:
            for r in csv.DictReader(f):
                sim[r["target"]] = float(r["simulated"])
        fit = [
            "[fit]",
            f'name = "sbc_trial_{trial:02d}"',
            'question = "Recover known values of three parameters from targets the model made."',
            'scenario = "s.toml"',
            f"seed = {FIT_SEED + trial}",
            "discrepancy_share = 0.0",
            "stochastic_factor = 1.0",
            "",
            "[waves]",
            f"points = {a.points}",
            f"replicates = {a.replicates}",
            f"max_waves = {a.waves}",
            "candidates = 20000",
            "posterior_draws = 400",
            "confirm_draws = 0",
        ]
        for (p, lo, hi, b) in PARAMETERS:
            fit += ["", "[[parameters]]", f'path = "{p}"', f"min = {lo!r}", f"max = {hi!r}"]
            if b:
                fit.append(f'balance = "{b}"')
        for t in TARGETS:
            sd = OBS_SHARE * abs(sim[t])
            z = sim[t] + sd * g.gauss(0.0, 1.0)
            target_rows.append({"trial": trial, "target": t, "model_run": sim[t], "value": z, "sd": sd})
            fit += ["", "[[targets]]", f'name = "{t}"', f"value = {z!r}", f"sd = {sd!r}"]
        with open(os.path.join(tdir, "fit.toml"), "w") as f:
            f.write("\n".join(fit) + "\n")
        fdir = os.path.join(tdir, "fit")
        p = subprocess.run([exe, "fit", os.path.join(tdir, "fit.toml"), "--out", fdir,
                            "--threads", "1", "--force", "-q"], capture_output=True, text=True)
        if p.returncode == 1:
            sys.stderr.write(f"trial {trial}: nothing non-implausible\n")
            for (path, lo, hi, _), v in zip(PARAMETERS, truth):
                rows.append(dict(trial=trial, fit_seed=FIT_SEED + trial, target_seed=TRUTH_SEED + trial,
                                 parameter=path, prior_min=lo, prior_max=hi, known=v,
                                 nroy_min="NA", nroy_max="NA", p05="NA", p95="NA",
                                 nroy_share=1.0, ci90_share=1.0, in_nroy=False, in_ci90=False))
            continue
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            sys.exit(2)
        with open(os.path.join(fdir, "waves.csv")) as f:
            n_runs += sum(int(r["runs"]) for r in csv.DictReader(f))
        with open(os.path.join(fdir, "parameters.csv")) as f:
            fitted = {r["parameter"]: r for r in csv.DictReader(f)}
        for (path, lo, hi, _), v in zip(PARAMETERS, truth):
            r = fitted[path]
            n0, n1 = float(r["non_implausible_min"]), float(r["non_implausible_max"])
            q05, q95 = float(r["posterior_p05"]), float(r["posterior_p95"])
            rows.append(dict(trial=trial, fit_seed=FIT_SEED + trial, target_seed=TRUTH_SEED + trial,
                             parameter=path, prior_min=lo, prior_max=hi, known=v,
                             nroy_min=n0, nroy_max=n1, p05=q05, p95=q95,
                             nroy_share=(n1 - n0) / (hi - lo), ci90_share=(q95 - q05) / (hi - lo),
                             in_nroy=n0 <= v <= n1, in_ci90=q05 <= v <= q95))
        print(f"trial {trial}: " + ", ".join(
            f"{r['parameter']}={r['known']:.4g} nroy={r['in_nroy']} ci90={r['in_ci90']}"
            for r in rows[-len(PARAMETERS):]), flush=True)

    with open(os.path.join(a.out, "sbc.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(a.out, "targets.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(target_rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(target_rows)
    n = len(rows)
    nroy = sum(r["in_nroy"] for r in rows)
    ci = sum(r["in_ci90"] for r in rows)
    trials_nroy = sum(all(r["in_nroy"] for r in rows if r["trial"] == t) for t in range(1, a.trials + 1))
    trials_ci = sum(all(r["in_ci90"] for r in rows if r["trial"] == t) for t in range(1, a.trials + 1))
    nroy_w = sum(r["nroy_share"] for r in rows) / n
    ci_w = sum(r["ci90_share"] for r in rows) / n
    c1 = os.times()
    cpu = (c1.children_user + c1.children_system) - (c0.children_user + c0.children_system)
    summary = (
        f"trials {a.trials}, parameters {len(PARAMETERS)}, population {a.population}, "
        f"horizon {a.horizon} months, {a.points} points x {a.replicates} replicates, "
        f"at most {a.waves} waves\n"
        f"model runs {n_runs}, CPU {cpu:.0f} s, wall {time.time() - t0:.0f} s\n"
        f"known value inside the non-implausible range: {nroy} of {n} ({100 * nroy / n:.0f}%); "
        f"every parameter of a trial: {trials_nroy} of {a.trials}\n"
        f"known value inside the 90% credible interval: {ci} of {n} ({100 * ci / n:.0f}%); "
        f"every parameter of a trial: {trials_ci} of {a.trials}\n"
        f"mean width as a share of the prior range: non-implausible range {nroy_w:.2f}, "
        f"90% credible interval {ci_w:.2f}\n"
    )
    with open(os.path.join(a.out, "summary.txt"), "w") as f:
        f.write(summary)
    print(summary, end="")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    if nroy < 0.9 * n or ci < 0.9 * n:
        print("FAIL: coverage below 90%", file=sys.stderr)
        sys.exit(1)
    if ci_w > a.max_ci_share:
        print(f"FAIL: the fit learns little (mean 90% CrI {ci_w:.2f} of the prior range)",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
