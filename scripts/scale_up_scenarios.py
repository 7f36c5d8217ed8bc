#!/usr/bin/env python3
"""Write the national scale-up scenarios (scenarios/scale_up_*.toml,
care_home_support_everywhere.toml, implementation_*.toml).

All of them share one England: the sites of scenarios/england_baseline.toml
(written by `carescale place --england` from the open-data bundle: the 207
CCGs of April 2017, with their own age structure, deprivation, care-home beds
and random effect), so any two are paired under common random numbers and
differ only in who adopts what, when, and how. Scale-up goes by integrated
care board (July 2022, data/places/ccg17_icb22.csv): the sites of an ICB adopt
together. The 42 ICBs are put in a fixed order that spreads each year's
adopters over the seven NHS England regions (round robin over the regions,
ICBs by code within a region). Usage:
python3 scripts/scale_up_scenarios.py   (writes the files into scenarios/)
"""
import csv
import os
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
OUT = os.path.join(ROOT, "scenarios")
BASE = tomllib.load(open(os.path.join(OUT, "england_baseline.toml"), "rb"))["sites"]
LOOKUP = {r["ccg17_code"]: r for r in csv.DictReader(open(os.path.join(ROOT, "data", "places", "ccg17_icb22.csv"), encoding="utf-8"))}
POPS = {r["ccg17_code"]: int(r["pop_total"]) for r in csv.DictReader(open(os.path.join(ROOT, "data", "places", "ccg17_population.csv"), encoding="utf-8"))}
MODELS = ["mcp", "pacs", "mcp", "pacs", "mcp"]


def codes(site):
    return site["place"] if isinstance(site["place"], list) else [site["place"]]


def people(site):
    return site.get("population") or sum(POPS[c] for c in codes(site))


# Each site's ICB: that of its first CCG (a CCG split between ICBs counts in
# the one with most of its people, as `carescale place --by icb` does).
ICB_OF = [LOOKUP[codes(s)[0]]["icb22_code"] for s in BASE]
REGION = {r["icb22_code"]: r["nhser_name"] for r in LOOKUP.values()}
ICB_NAME = {r["icb22_code"]: r["icb22_name"] for r in LOOKUP.values()}
by_region = {}
for icb in sorted(set(ICB_OF)):
    by_region.setdefault(REGION[icb], []).append(icb)
ORDER = []
regions = sorted(by_region)
while any(by_region.values()):
    for reg in regions:
        if by_region[reg]:
            ORDER.append(by_region[reg].pop(0))
ICB_PEOPLE = {icb: sum(people(s) for s, i in zip(BASE, ICB_OF) if i == icb) for icb in ORDER}
TOTAL = sum(ICB_PEOPLE.values())
N = len(ORDER)


def write(name, question, header, waves, rollout="", implementation="", models=None):
    """waves: {ICB position in ORDER: (model(s), from date)}"""
    lines = [f"# Question: {question}", "#"] + [f"# {h}" for h in header] + [
        "#",
        "# England as the sites of scenarios/england_baseline.toml (its 207 places); the",
        "# sites of an integrated care board (July 2022) adopt together.",
        "# Written by scripts/scale_up_scenarios.py; edit the script, not this file.",
        "",
        "[scenario]",
        f'name = "{name}"',
        f'question = "{question}"',
        "",
        "[run]",
        'start_date = "2016-04-01"',
        "warm_up_months = 12",
        "horizon_months = 168   # April 2017 to March 2031",
        "replicates = 2",
    ]
    if rollout:
        lines += ["", "[rollout]"] + rollout.strip().splitlines()
    if implementation:
        lines += ["", "[implementation]"] + implementation.strip().splitlines()
    for s, icb in zip(BASE, ICB_OF):
        k = ORDER.index(icb)
        place = codes(s)
        lines += ["", "[[sites]]", f'name = "{s["name"]}"   # {ICB_NAME[icb]}',
                  "place = " + (("[" + ", ".join(f'"{c}"' for c in place) + "]") if isinstance(s["place"], list) else f'"{place[0]}"')]
        if "population" in s:
            lines.append(f"population = {s['population']}")
        if k in waves:
            ms, date = waves[k]
            ms = ms if isinstance(ms, list) else [ms]
            lines.append('group = "adopter"')
            lines.append("adopts = [" + ", ".join(f'{{ model = "{m}", from = "{date}" }}' for m in ms) + "]")
        else:
            lines.append('group = "comparison"')
    open(os.path.join(OUT, name + ".toml"), "w").write("\n".join(lines) + "\n")


def model(i):
    return [MODELS[i % len(MODELS)], "ehch"]


# The fragmented counterfactual of every scale-up scenario.
write("scale_up_baseline", "What happens to emergency admissions, delays and cost in a fragmented England with no new care models, 2017-2031?",
      ["The counterfactual for the scale-up scenarios: the same places, no adoption."], {})

# Half of England by 2020/21, as planned (NAO 2018: DHSC expected 50% coverage by 2020/21):
# ICBs in ORDER until half of England's people are covered, in four yearly
# waves from 2015 to 2018 reaching 10%, 25%, 40% and 50% of them.
half = {}
cum = 0
for k, icb in enumerate(ORDER):
    if cum >= 0.5 * TOTAL:
        break
    share = cum / TOTAL
    year = 2015 if share < 0.10 else 2016 if share < 0.25 else 2017 if share < 0.40 else 2018
    half[k] = (model(k), f"{year}-04-01")
    cum += ICB_PEOPLE[icb]
HALF_SHARE = cum / TOTAL
write("scale_up_half_2021", "If new care models had reached half of England by 2020/21, as planned, what would have happened to admissions, A&E, delays and cost?",
      [f"{len(half)} of {N} ICBs ({HALF_SHARE:.0%} of England's people) adopt an MCP or PACS with enhanced care-home",
       "support, in waves from 2015 to 2018 reaching 10%, 25%, 40% and 50% of England, so half of England is",
       "covered by 2020/21 [P] NAO 2018. National support as in 2015-2018, ending March 2018."], half)

# Every ICB adopts, a fifth of them a year from April 2019 to April 2023.
allw = {k: (model(k), f"{2019 + 5 * k // N}-04-01") for k in range(N)}
support_on = 'national_support = 1.0\nnational_funding_end_date = "2031-03-31"'
write("scale_up_all_2024_fast", "If every place adopted new care models by 2023/24, quickly and with national support, what would happen?",
      ["Every ICB adopts, a fifth of them a year from April 2019 to April 2023, at 1.5 times the usual pace,",
       "with national funding and support to 2031."], allw, rollout=support_on + "\npace_multiplier = 1.5")
write("scale_up_all_2024_slow", "If every place adopted new care models by 2023/24 but implemented them slowly, what would happen?",
      ["As scale_up_all_2024_fast, at 0.6 times the usual pace."], allw, rollout=support_on + "\npace_multiplier = 0.6")
write("scale_up_all_2024_no_support", "If every place adopted new care models by 2023/24 without national funding or support, what would happen?",
      ["As scale_up_all_2024_fast at the usual pace, with no national funding, support team or learning community:",
       "sites rely on local transformation money."], allw, rollout='national_support = 0.0\nnational_funding_end_date = "2031-03-31"')
write("scale_up_all_2024", "If every place adopted new care models by 2023/24 at the usual pace with national support, what would happen?",
      ["Every ICB adopts, a fifth of them a year from April 2019 to April 2023; national support to 2031. The base",
       "scenario of the shipped sweeps (pace x support grid, one-at-a-time lessons, PSA)."], allw, rollout=support_on)
write("care_home_support_everywhere", "What would enhanced health in care homes everywhere from 2019 do to admissions from care homes, A&E and cost?",
      ["Every place adopts enhanced health in care homes (EHCH) in April 2019, with national support to 2031."],
      {k: ("ehch", "2019-04-01") for k in range(N)}, rollout=support_on)
strong = """prior_relationships = 0.9
primary_care_engagement = 0.8
distributed_leadership = 0.9
workforce_training = 0.8
design_quality = 0.9
learning_network_strength = 0.8
leadership_turnover_per_year = 0.05"""
weak = """prior_relationships = 0.1
primary_care_engagement = 0.2
distributed_leadership = 0.1
workforce_training = 0.2
design_quality = 0.4
learning_network_strength = 0.1
leadership_turnover_per_year = 0.3
workstream_cost_per_head_year_gbp = 14.0"""
write("implementation_strong", "How much does strong implementation (relationships, engaged primary care, an engine room, distributed leadership, training, tested designs) change what scale-up achieves?",
      ["As scale_up_all_2024 with the conditions of the ten lessons at their strong end."], allw, rollout=support_on, implementation=strong)
write("implementation_weak", "How much does weak implementation (poor relationships, disengaged primary care, a thin engine room, top-down leadership, little training, untested designs) cost scale-up?",
      ["As scale_up_all_2024 with the conditions of the ten lessons at their weak end (workstreams cost twice as much:",
       "a thin engine room)."], allw, rollout=support_on, implementation=weak)
