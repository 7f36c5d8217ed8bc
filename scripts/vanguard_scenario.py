#!/usr/bin/env python3
"""Write scenarios/vanguard_2015_2018.toml from data/vanguards.csv.

Every vanguard site becomes a [[sites]] entry adopting its care model from the
month after its wave was announced. Missing populations are estimated by a
stated rule (printed into the scenario next to each estimate):
  - MCP, PACS, EHCH, UEC: the median of the known populations of the same type;
  - ACC: 500,000, a typical acute trust catchment [E] (most ACC entries are
    hospital chains or specialist networks without a defined population).
The rest of England is split into the nine ONS regions (mid-2017 populations
[P] ONS) less the vanguard populations in each region; they are the comparison
sites. Sites whose region is 'multiple' are taken from all regions in
proportion. Usage: python3 scripts/vanguard_scenario.py > scenarios/vanguard_2015_2018.toml
"""
import csv
import os
import re
import statistics

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = list(csv.DictReader(open(os.path.join(HERE, "..", "data", "vanguards.csv"), encoding="utf-8")))

REGIONS = {  # ONS mid-2017, people [P]
    "North East": 2_644_700, "North West": 7_258_600, "Yorkshire and The Humber": 5_450_100,
    "East Midlands": 4_771_700, "West Midlands": 5_860_700, "East of England": 6_168_400,
    "London": 8_825_000, "South East": 9_080_800, "South West": 5_559_300,
}
START = {"1": "2015-04-01", "2": "2015-08-01", "3": "2015-10-01"}
TAGS = {  # sites evaluated by the Improvement Analytics Unit (EVIDENCE 3b)
    "Connecting Care - Wakefield District": "iau_wakefield",
    "Sutton Homes of Care": "iau_sutton",
    "Principia Partners in Health (Southern Nottinghamshire)": "iau_rushcliffe",
}


def slug(name):
    s = re.sub(r"\(.*?\)", "", name).lower()
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s[:40].strip("_")


known = {}
for r in ROWS:
    if r["population"]:
        known.setdefault(r["type"], []).append(int(r["population"]))
median = {t: int(statistics.median(v)) for t, v in known.items()}

sites = []
for r in ROWS:
    t = r["type"]
    if r["population"]:
        pop, note = int(r["population"]), "known: " + r["population_source"].replace('"', "'")[:150]
    elif t == "acc":
        pop, note = 500_000, "estimate: 500,000, a typical acute trust catchment [E]"
    else:
        pop, note = median[t], f"estimate: median of the {len(known[t])} known {t.upper()} populations [D]"
    sites.append((r, pop, note))

# UEC and ACC footprints overlap the population-based vanguards; where the
# vanguards of a region would take more than 60% of it, the UEC and ACC sites
# there are scaled down to fit (stated next to each such site).
for region, rpop in REGIONS.items():
    here = [i for i, (r, _, _) in enumerate(sites) if r["region"] == region]
    fixed = sum(sites[i][1] for i in here if sites[i][0]["type"] not in ("uec", "acc"))
    wide = [i for i in here if sites[i][0]["type"] in ("uec", "acc")]
    wide_pop = sum(sites[i][1] for i in wide)
    room = 0.6 * rpop - fixed
    if wide and wide_pop > room:
        f = max(room, 0.1 * rpop) / wide_pop
        for i in wide:
            r, pop, note = sites[i]
            sites[i] = (r, int(pop * f), note + f"; scaled by {f:.2f} to fit {region} (overlapping footprints)")

used = {k: 0 for k in REGIONS}
multiple = 0
for r, pop, _ in sites:
    if r["region"] in REGIONS:
        used[r["region"]] += pop
    else:
        multiple += pop
total = sum(REGIONS.values())
comparison = {k: REGIONS[k] - used[k] - multiple * REGIONS[k] / total for k in REGIONS}

out = []
w = out.append
w("""# Question: what did the new care models programme (2015-2018) do to the growth
# of emergency admissions, and does the model reproduce what was published?
#
# The historical programme: the 50 vanguard sites of data/vanguards.csv with
# their care model types and waves, and the rest of England as nine regional
# comparison sites (ONS mid-2017 populations less the vanguards in each), all
# simulated from April 2012 (a year of warm-up) to March 2021. Written by
# scripts/vanguard_scenario.py; edit the script, not this file.
#
# `carescale calibrate scenarios/vanguard_2015_2018.toml` checks:
#   V1  growth of emergency admissions per 1,000, 2016/17 vs 2015/16, for MCP,
#       PACS and the rest of England (+2.5% / +0.8% / +3.0%, within 1 point);
#   V6-V8 care-home effects in the sites tagged iau_rushcliffe, iau_wakefield
#       and iau_sutton, against a paired run without the programme.
# Implementation conditions are the defaults ([implementation], calibrated so
# that effects are small in years 1-2, detectable in year 3 and about full by
# year 5), except Principia (Rushcliffe), which had built enhanced care-home
# support since before the programme (IAU 2017) and so starts EHCH in late 2013.
#
# Simplification: sites are disjoint populations. In reality UEC and ACC
# footprints overlap the population-based vanguards; here each person belongs
# to one site.

[scenario]
name = "vanguard_2015_2018"
question = "What did the 50 vanguards of 2015-2018 do to emergency admissions, A&E, delays and cost, compared with the rest of England?"

[run]
start_date = "2012-04-01"
warm_up_months = 12
horizon_months = 96
replicates = 2

[rollout]
national_support = 1.0
national_funding_end_date = "2018-03-31"
""")
for r, pop, note in sites:
    name = slug(r["name"])
    t = r["type"]
    w("\n[[sites]]")
    w(f'name = "{name}"   # {r["name"][:70]}; {r["region"]}')
    w(f"population = {pop}   # {note}")
    w(f'group = "{t}"')
    tag = TAGS.get(r["name"])
    w(f'tags = ["vanguard"{", " + chr(34) + tag + chr(34) if tag else ""}]')
    if tag == "iau_rushcliffe":
        w(f'adopts = [{{ model = "ehch", from = "2013-10-01" }}, {{ model = "{t}", from = "{START[r["wave"]]}" }}]   # care-home support began before the programme [E]')
        w("implementation = { prior_relationships = 0.9, distributed_leadership = 0.9, design_quality = 0.9 }")
    else:
        w(f'adopts = [{{ model = "{t}", from = "{START[r["wave"]]}" }}]')
        w("implementation = { prior_relationships = 0.8 }   # selected for readiness; 'building on years of work' [P] Starling 2018")
for k, pop in comparison.items():
    w("\n[[sites]]")
    w(f'name = "rest_of_{slug(k)}"')
    w(f"population = {int(round(pop))}   # ONS mid-2017 {REGIONS[k]:,} less vanguards [D]")
    w('group = "comparison"')
print("\n".join(out))
