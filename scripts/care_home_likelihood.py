#!/usr/bin/env python3
"""Score calibration tables on the care-home targets (V6-V8) together.

For each table written by `carescale calibrate` on the programme scenario,
the Gaussian log-likelihood of the nine care-home rate ratios: each
target's observation SD is the one the programme fit uses
(results/calibration/vanguard_programme_fit/targets.csv: a published 95%
interval's width / 4; for a published null, the SD a study of that size and
follow-up would have had), plus the simulated mean's standard error (the
table's 95% half-width / 1.96). The growth targets are left out: the
parameters this compares do not move them.

    python3 scripts/care_home_likelihood.py results/calibration/vanguard_2015_2018.csv \
        results/calibration/ehch_ae_share_check/*.csv
"""
import csv
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SDS = os.path.join(HERE, "..", "results", "calibration", "vanguard_programme_fit", "targets.csv")


def main(paths):
    if not paths:
        sys.exit("usage: care_home_likelihood.py CALIBRATION.csv...")
    sd = {r["target"]: float(r["observation_sd"]) for r in csv.DictReader(open(SDS))}
    for path in paths:
        loglik, shown = 0.0, []
        for r in csv.DictReader(open(path)):
            t = r["target"]
            if t not in sd or "growth" in t:
                continue
            mean = float(r["simulated"])
            se = float(r["half_width"]) / 1.96
            z = (mean - float(r["published"])) / math.sqrt(sd[t] ** 2 + se ** 2)
            loglik -= 0.5 * z * z
            shown.append(f"{t}={mean:.3f}")
        print(f"{path}: log-likelihood {loglik:.2f} over {len(shown)} targets")
        print("  " + " ".join(shown))


if __name__ == "__main__":
    main(sys.argv[1:])
