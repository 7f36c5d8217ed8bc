#!/usr/bin/env python3
"""Write scenarios/vanguard_2015_2018.toml: the historical programme on
England's real places.

The sites are those of scenarios/england_baseline.toml (written by `carescale
place --england` from the open-data bundle): England's 207 CCGs of April 2017,
with the 29 population-based vanguard sites (PACS, MCP, EHCH) on their CCG
footprints (data/places/vanguard_footprints.csv). This script adds who adopts
what, and when, from data/vanguards.csv:

  - a population-based vanguard adopts its care model from the month after
    its wave was announced (wave 1: April 2015);
  - every site on a CCG of an urgent and emergency care network (tagged
    `uec_network`; wave 2) adopts the UEC model from August 2015, whatever its
    group: the UEC networks were system-wide, not population vanguards;
  - the acute care collaborations (wave 3) that are chains of acute hospitals
    adopt the ACC model from October 2015 on the CCGs their hospitals mainly
    serve (ACC_FOOTPRINTS below, [E] from the trusts' catchments); the
    specialist networks among them (eye, orthopaedic, neurological, cancer,
    mental health, radiology, women's and children's services) act on
    specialist services the model does not represent and adopt nothing;
  - the three sites the Improvement Analytics Unit evaluated are tagged for
    the care-home targets (iau_rushcliffe, iau_wakefield, iau_sutton).

Sites keep the groups of the baseline (`pacs`, `mcp`, `ehch`, `comparison`),
so the rest of England is every place outside a population-based vanguard,
as in the published comparison. Usage:
    python3 scripts/vanguard_scenario.py > scenarios/vanguard_2015_2018.toml
"""
import csv
import os
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
ROWS = list(csv.DictReader(open(os.path.join(ROOT, "data", "vanguards.csv"), encoding="utf-8")))
BASE = tomllib.load(open(os.path.join(ROOT, "scenarios", "england_baseline.toml"), "rb"))
CCGS = {r["ccg17_name"]: r["ccg17_code"] for r in csv.DictReader(open(os.path.join(ROOT, "data", "places", "ccg17_population.csv"), encoding="utf-8"))}

START = {"1": "2015-04-01", "2": "2015-08-01", "3": "2015-10-01"}
IAU = {  # sites evaluated by the Improvement Analytics Unit (EVIDENCE 3b)
    "Connecting Care - Wakefield District": "iau_wakefield",
    "Sutton Homes of Care": "iau_sutton",
    "Principia Partners in Health (Southern Nottinghamshire)": "iau_rushcliffe",
}
# Acute care collaborations that are chains of acute hospitals, on the CCGs
# their hospitals mainly serve [E] (trust catchments; NHS England ACC pages).
ACC_FOOTPRINTS = {
    "Salford and Wigan Foundation Chain": ["NHS Salford CCG", "NHS Wigan Borough CCG"],
    "Northumbria Foundation Group": ["NHS Northumberland CCG", "NHS North Tyneside CCG"],
    "Royal Free London": ["NHS Barnet CCG", "NHS Camden CCG", "NHS Enfield CCG"],
    "Foundation Healthcare Group (Dartford and Gravesham)": ["NHS Dartford, Gravesham and Swanley CCG"],
    "Developing One NHS in Dorset": ["NHS Dorset CCG"],
    "Working Together Partnership (South Yorkshire, Mid Yorkshire, North Derbyshire)": [
        "NHS Barnsley CCG", "NHS Bassetlaw CCG", "NHS Doncaster CCG", "NHS North Derbyshire CCG",
        "NHS Rotherham CCG", "NHS Sheffield CCG", "NHS Wakefield CCG"],
}


def site_name(text):
    """As the model names a site after a vanguard (src/model/place.rs)."""
    out = ""
    for c in text:
        if c.isascii() and c.isalnum():
            out += c.lower()
        elif out and not out.endswith("_"):
            out += "_"
    return out.rstrip("_")[:64].rstrip("_")


def fail(msg):
    sys.exit(f"vanguard_scenario.py: {msg}")


vanguard = {}  # site name -> row of vanguards.csv
specialist = []
acc_codes = {}  # CCG code -> ACC names
for r in ROWS:
    if r["type"] in ("pacs", "mcp", "ehch"):
        vanguard[site_name(r["name"])] = r
    elif r["type"] == "acc":
        if r["name"] in ACC_FOOTPRINTS:
            for ccg in ACC_FOOTPRINTS[r["name"]]:
                if ccg not in CCGS:
                    fail(f"ACC {r['name']}: no CCG named {ccg!r} in data/places/ccg17_population.csv")
                acc_codes.setdefault(CCGS[ccg], []).append(r["name"])
        else:
            specialist.append(r["name"])
uec_wave = {r["wave"] for r in ROWS if r["type"] == "uec"}
acc_wave = {r["wave"] for r in ROWS if r["type"] == "acc"}
if len(uec_wave) != 1 or len(acc_wave) != 1:
    fail("UEC and ACC vanguards are expected in one wave each")
UEC_FROM, ACC_FROM = START[uec_wave.pop()], START[acc_wave.pop()]

sites = BASE["sites"]
names = {s["name"] for s in sites}
for n in vanguard:
    if n not in names:
        fail(f"vanguard site {n} is not a site of scenarios/england_baseline.toml (rebuild it with carescale place --england)")

q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
out = []
w = out.append
w(f"""# Question: what did the new care models programme (2015-2018) do to the growth
# of emergency admissions, and does the model reproduce what was published?
#
# The historical programme on England's real places: the sites of
# scenarios/england_baseline.toml (its 207 CCGs of April 2017, the 29
# population-based vanguards of data/vanguards.csv on their CCG footprints),
# simulated from April 2012 (a year of warm-up) to March 2021:
#   - each population-based vanguard (PACS, MCP, EHCH) adopts its care model
#     from the month after its wave was announced;
#   - every site in an urgent and emergency care network (tag uec_network)
#     adopts the UEC model from {UEC_FROM};
#   - the acute care collaborations that are hospital chains adopt the ACC model
#     from {ACC_FROM} on the CCGs their hospitals mainly serve [E]; the
#     {len(specialist)} specialist networks adopt nothing (the model has no
#     specialist services).
# Written by scripts/vanguard_scenario.py; edit the script, not this file.
#
# `carescale calibrate scenarios/vanguard_2015_2018.toml` checks:
#   V1  growth of emergency admissions per 1,000, 2016/17 vs 2015/16, for MCP,
#       PACS and the rest of England (+2.5% / +0.8% / +3.0%, within 1 point);
#   V6-V8 care-home effects in the sites tagged iau_rushcliffe, iau_wakefield
#       and iau_sutton, against a paired run without the programme.
# Implementation conditions are the defaults ([implementation], calibrated so
# that effects are small in years 1-2, detectable in year 3 and about full by
# year 5), except that vanguards were selected for readiness, and Principia
# (Rushcliffe) had built enhanced care-home support since before the programme
# (IAU 2017) and so starts EHCH in late 2013.

[scenario]
name = "vanguard_2015_2018"
question = "What did the 50 vanguards of 2015-2018 do to emergency admissions, A&E, delays and cost, compared with the rest of England?"
description = "All of England as its 207 places (CCGs of April 2017, ONS mid-2017 populations), the population-based vanguards on their CCG footprints adopting from 2015, UEC networks and hospital-chain acute care collaborations on theirs; simulated April 2012 to March 2021, reported from April 2013."

[run]
start_date = "2012-04-01"
warm_up_months = 12
horizon_months = 96
replicates = 2

[rollout]
national_support = 1.0
national_funding_end_date = "2018-03-31"
""")
ready = "implementation = { prior_relationships = 0.8 }   # selected for readiness; 'building on years of work' [P] Starling 2018"
for s in sites:
    codes = s["place"] if isinstance(s["place"], list) else [s["place"]]
    tags = list(s.get("tags", []))
    r = vanguard.get(s["name"])
    adopts, notes = [], []
    principia = False
    if r is not None:
        tag = IAU.get(r["name"])
        if tag:
            tags.append(tag)
        if tag == "iau_rushcliffe":
            principia = True
            adopts.append(("ehch", "2013-10-01"))
            notes.append("care-home support began before the programme [E]")
        adopts.append((r["type"], START[r["wave"]]))
    if "uec_network" in tags:
        adopts.append(("uec", UEC_FROM))
    accs = sorted({a for c in codes for a in acc_codes.get(c, [])})
    if accs:
        adopts.append(("acc", ACC_FROM))
        notes.append("ACC: " + "; ".join(accs))
    w("\n[[sites]]")
    w(f"name = {q(s['name'])}")
    w("place = " + ("[" + ", ".join(q(c) for c in codes) + "]" if isinstance(s["place"], list) else q(s["place"])))
    if "population" in s:
        w(f"population = {s['population']}")
    w(f"group = {q(s['group'])}")
    if tags:
        w("tags = [" + ", ".join(q(t) for t in tags) + "]")
    if adopts:
        line = "adopts = [" + ", ".join(f'{{ model = "{m}", from = "{d}" }}' for m, d in adopts) + "]"
        w(line + ("   # " + "; ".join(notes) if notes else ""))
        if principia:
            w("implementation = { prior_relationships = 0.9, distributed_leadership = 0.9, design_quality = 0.9 }")
        else:
            w(ready)
print("\n".join(out))
