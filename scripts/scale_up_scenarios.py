#!/usr/bin/env python3
"""Write the national scale-up scenarios (scenarios/scale_up_*.toml,
care_home_support_everywhere.toml, implementation_*.toml).

All of them share one England of 20 places (2.78 million people each, the
need index of their region), so any two are paired under common random
numbers and differ only in who adopts what, when, and how. Usage:
python3 scripts/scale_up_scenarios.py   (writes the files into scenarios/)
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "scenarios")
NEED = [1.06, 1.06, 1.06, 1.06, 1.02, 1.02, 1.02, 0.96, 0.96, 0.98, 0.98, 0.98, 0.94, 0.94, 0.94, 0.97, 0.97, 1.02, 1.06, 0.96]
MODELS = ["mcp", "pacs", "mcp", "pacs", "mcp"]
POP = 2_780_000


def write(name, question, header, waves, rollout="", implementation="", models=None):
    """waves: {place index: (model(s), from date)}"""
    lines = [f"# Question: {question}", "#"] + [f"# {h}" for h in header] + [
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
    for i in range(20):
        lines += ["", "[[sites]]", f'name = "place_{i + 1:02d}"', f"population = {POP}", f"need_index = {NEED[i]}"]
        if i in waves:
            ms, date = waves[i]
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
      ["The counterfactual for the scale-up scenarios: same 20 places, no adoption."], {})

# Half of England by 2020/21, as planned (NAO 2018: DHSC expected 50% coverage by 2020/21).
half = {}
for i, (date) in enumerate(["2015-04-01"] * 2 + ["2016-04-01"] * 3 + ["2017-04-01"] * 3 + ["2018-04-01"] * 2):
    half[i] = (model(i), date)
write("scale_up_half_2021", "If new care models had reached half of England by 2020/21, as planned, what would have happened to admissions, A&E, delays and cost?",
      ["Ten of 20 places adopt an MCP or PACS with enhanced care-home support, in waves from 2015 to 2018",
       "(2, 3, 3 and 2 places), so half of England is covered by 2020/21 [P] NAO 2018. National support",
       "as in 2015-2018, ending March 2018."], half)

allw = {i: (model(i), f"{2019 + i // 4}-04-01") for i in range(20)}
support_on = 'national_support = 1.0\nnational_funding_end_date = "2031-03-31"'
write("scale_up_all_2024_fast", "If every place adopted new care models by 2023/24, quickly and with national support, what would happen?",
      ["All 20 places adopt, four a year from April 2019 to April 2023, at 1.5 times the usual pace,",
       "with national funding and support to 2031."], allw, rollout=support_on + "\npace_multiplier = 1.5")
write("scale_up_all_2024_slow", "If every place adopted new care models by 2023/24 but implemented them slowly, what would happen?",
      ["As scale_up_all_2024_fast, at 0.6 times the usual pace."], allw, rollout=support_on + "\npace_multiplier = 0.6")
write("scale_up_all_2024_no_support", "If every place adopted new care models by 2023/24 without national funding or support, what would happen?",
      ["As scale_up_all_2024_fast at the usual pace, with no national funding, support team or learning community:",
       "sites rely on local transformation money."], allw, rollout='national_support = 0.0\nnational_funding_end_date = "2031-03-31"')
write("scale_up_all_2024", "If every place adopted new care models by 2023/24 at the usual pace with national support, what would happen?",
      ["All 20 places adopt, four a year from April 2019 to April 2023; national support to 2031. The base",
       "scenario of the shipped sweeps (pace x support grid, one-at-a-time lessons, PSA)."], allw, rollout=support_on)
write("care_home_support_everywhere", "What would enhanced health in care homes everywhere from 2019 do to admissions from care homes, A&E and cost?",
      ["Every place adopts enhanced health in care homes (EHCH) in April 2019, with national support to 2031."],
      {i: ("ehch", "2019-04-01") for i in range(20)}, rollout=support_on)
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
