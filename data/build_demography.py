#!/usr/bin/env python3
"""Rebuild data/england/demography.csv, the England demography the model
reads, from the raw ONS files in data/raw/ (see data/README.md).

    python3 data/build_demography.py          # rewrite the table
    python3 data/build_demography.py --check  # fail if it would change

Needs pandas, openpyxl and rdata (pip install pandas openpyxl rdata).

For each mid-year y (the year from 1 July y to 30 June y+1) and each of the
model's six age bands (0-17, 18-49, 50-64, 65-74, 75-84, 85+) the table has:

- population: ONS mid-year estimate (2010-2019), then a projection [E];
- at_top_age: people at the band's last single year of age (17, 49, 64, 74,
  84), who move to the next band within the year; from five-year groups,
  assumed spread evenly within each group [E];
- deaths: deaths in the year from mid-y to mid-y+1, the mean of calendar
  years y and y+1 [D];
- births (band 0-17 only): births in the year, taken as the population aged
  under 1 at mid-y+1 plus deaths under 1 [D];
- net_migration: the residual of the components of change (population at
  mid-y+1 less population at mid-y, less births and ageing in, plus ageing
  out and deaths) [D]. It also takes up the error of the even-spread
  assumption, which keeps each band's change equal to ONS's.

Years after the last complete one (2019 population, 2019 deaths) are
projected by single year of age [E]: deaths by the 2017-2019 mean death
rates of each band improving 1% a year, births held at their 2017-2019 mean
rate per person, and net migration by band in its 2015-2019 proportions,
scaled to ONS's long-term assumption (190,000 a year to the UK; England's
share 87%).
"""
import hashlib
import sys
import warnings
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import rdata

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
OUT = HERE / "england" / "demography.csv"
SHA256 = {
    "popsbyimdengland20012019.xlsx": "1bc102c889f29baae1aac1bd3f0758947a1e677ff625d6f1fc42e92c7722acff",
    "ons_mortality.rda": "8834f8de26b840f46160166fc4eb18a3e8f3c00b57feefa0187fac28c9f17a04",
}
FIRST_YEAR, LAST_DATA_YEAR, LAST_YEAR = 2010, 2019, 2045
BANDS = ["0-17", "18-49", "50-64", "65-74", "75-84", "85+"]
LOWER = [0, 18, 50, 65, 75, 85]
IMPROVEMENT = 0.01  # [E] yearly fall of death rates in the projection
MAX_AGE = 105


def check_raw():
    for name, want in SHA256.items():
        got = hashlib.sha256((RAW / name).read_bytes()).hexdigest()
        if got != want:
            sys.exit(f"data/raw/{name}: sha256 {got}, expected {want}; "
                     "restore the file from its source (data/README.md)")


def population_by_group():
    """ONS mid-year population of England by five-year group (<1 and 1-4
    apart), both sexes, summed over IMD quintiles: {year: 20 numbers}."""
    ws = openpyxl.load_workbook(RAW / "popsbyimdengland20012019.xlsx",
                                read_only=True)["Table"]
    out, year = {}, None
    for row in ws.iter_rows(values_only=True):
        if isinstance(row[0], int):
            year = row[0]
        if year is None or not isinstance(row[1], int):
            continue
        male, female = row[2:22], row[23:43]
        vals = np.array(male, dtype=float) + np.array(female, dtype=float)
        out[year] = out.get(year, 0) + vals
    return out


def single_years(groups):
    """Spread five-year groups over single years 0..MAX_AGE [E]: within each
    group a straight line through the group's mean with the slope between
    its neighbours' means (so each group keeps its total), and 90+ over
    90-105 falling by a quarter a year."""
    lo = [0, 1] + [5 * k for k in range(1, 19)]
    hi = lo[1:] + [MAX_AGE + 1]
    width = [h - l for l, h in zip(lo, hi)]
    width[19] = None
    mean = [g / w if w else None for g, w in zip(groups, width)]
    centre = [(l + h - 1) / 2 for l, h in zip(lo, hi)]
    ages = np.zeros(MAX_AGE + 1)
    ages[0] = groups[0]
    for k in range(1, 19):
        left, right = k - 1 if k > 1 else k, k + 1 if k < 18 else k
        slope = (mean[right] - mean[left]) / (centre[right] - centre[left])
        x = np.arange(lo[k], hi[k])
        v = mean[k] + slope * (x - centre[k])
        v = np.maximum(v, 0.0)
        ages[lo[k]:hi[k]] = v * groups[k] / v.sum()
    w = 0.75 ** np.arange(MAX_AGE + 1 - 90)
    ages[90:] = groups[19] * w / w.sum()
    return ages


def bands_of(ages):
    edges = LOWER + [MAX_AGE + 1]
    return np.array([ages[edges[i]:edges[i + 1]].sum() for i in range(6)])


def top_of(ages):
    return np.array([ages[LOWER[i + 1] - 1] for i in range(5)] + [0.0])


def deaths_by_year():
    """Deaths registered in England by calendar year, all ages (the English
    regions), and by band (England and Wales by age, times England's share
    of the year's England and Wales deaths) [D]. Weekly counts are
    annualised to 365.25 days (some years have 53 weeks)."""
    with warnings.catch_warnings():
        # rdata names the R classes it converts generically (Date, tibble).
        warnings.simplefilter("ignore")
        d = rdata.read_rda(str(RAW / "ons_mortality.rda"))["ons_mortality"]
    d = d.copy()
    d["date"] = pd.to_datetime(d["date"].astype(float), unit="D")
    d["year"] = d["date"].dt.year
    d = d[(d["year"] >= FIRST_YEAR) & (d["year"] <= LAST_DATA_YEAR)]
    weeks = d[d.category_1 == "Total deaths"].groupby("year").size() / 2
    regions = d[(d.category_1 == "Region") & (d.category_2 != "Wales")]
    england = regions.groupby("year")["counts"].sum()
    ew = d[(d.category_1 == "Region")].groupby("year")["counts"].sum()
    per = d[d.category_1 == "Persons"].pivot_table(
        index="year", columns="category_2", values="counts", aggfunc="sum")
    # ONS age groups -> model bands [E]: 15-44 spread evenly over its 30
    # years, 45-64 over its 20.
    g = lambda c: per[c]
    by_band = pd.DataFrame({
        "0-17": g("Under 1 year") + g("01-14") + g("15-44") * 3 / 30,
        "18-49": g("15-44") * 27 / 30 + g("45-64") * 5 / 20,
        "50-64": g("45-64") * 15 / 20,
        "65-74": g("65-74"),
        "75-84": g("75-84"),
        "85+": g("85+"),
    })
    share = england / ew
    scale = (365.25 / 7) / weeks
    by_band = by_band.mul(share * scale, axis=0)
    infant = g("Under 1 year") * share * scale
    return england * scale, by_band, infant


def main():
    check_raw()
    groups = population_by_group()
    total_deaths, deaths_cal, infant_cal = deaths_by_year()
    years = list(range(FIRST_YEAR, LAST_DATA_YEAR + 1))
    ages = {y: single_years(groups[y]) for y in years}
    rows = {}
    for y in years:
        rows[y] = dict(population=bands_of(ages[y]), at_top_age=top_of(ages[y]))
    # Components of change for mid-y -> mid-y+1 with both ends observed.
    for y in years[:-1]:
        d = (deaths_cal.loc[y].values + deaths_cal.loc[y + 1].values) / 2
        births = groups[y + 1][0] + (infant_cal[y] + infant_cal[y + 1]) / 2
        p0, p1 = rows[y]["population"], rows[y + 1]["population"]
        top = rows[y]["at_top_age"]
        # At 65 and over, net migration is taken as nil [E] (it is a few
        # thousand a year against hundreds of thousands of deaths), so the
        # people ageing into each older band are its change plus its deaths
        # plus those ageing out: this keeps the older bands' ageing flows
        # consistent with ONS instead of the even-spread estimate.
        for b in (5, 4, 3):
            entering = p1[b] - p0[b] + d[b] + top[b]
            top[b - 1] = entering
        inflow = np.concatenate([[births], top[:-1]])
        mig = p1 - p0 - inflow + top + d
        rows[y].update(deaths=d, births=births, net_migration=mig)
    # Projection [E] by single year of age from mid-2019.
    last = LAST_DATA_YEAR
    rate = np.mean([rows[y]["deaths"] / rows[y]["population"]
                    for y in range(last - 2, last)], axis=0)
    birth_rate = np.mean([rows[y]["births"] / rows[y]["population"].sum()
                          for y in range(last - 2, last)])
    mig_band = np.mean([rows[y]["net_migration"]
                        for y in range(last - 4, last)], axis=0)
    # Scaled to ONS's long-term assumption of the 2018-based projection:
    # net international migration of 190,000 a year to the UK, of which
    # England takes about 87% (its share of the UK population) [E].
    mig_band *= 190_000 * 0.87 / mig_band.sum()
    band_of_age = np.searchsorted(LOWER, np.arange(MAX_AGE + 1), side="right") - 1
    width = np.bincount(band_of_age, minlength=6).astype(float)
    pop = ages[last].copy()
    for y in range(last, LAST_YEAR + 1):
        band_pop = bands_of(pop)
        improve = (1 - IMPROVEMENT) ** (y - last + 1)
        # Death rate by single age: the band's rate, log-linear between
        # band mid-points from 50 on [E]; flat below 50.
        q = rate * improve
        mids = np.array([9, 34, 57.5, 70, 80, 90])
        mu = np.exp(np.interp(np.arange(MAX_AGE + 1), mids, np.log(q)))
        mu[:50] = q[band_of_age[:50]]
        # Rescale so each band's deaths equal its rate times its population.
        raw = np.bincount(band_of_age, weights=mu * pop, minlength=6)
        mu *= (q * band_pop / np.where(raw > 0, raw, 1))[band_of_age]
        deaths_age = np.minimum(mu, 1.0) * pop
        births = birth_rate * band_pop.sum()
        mig_age = (mig_band / width)[band_of_age]
        nxt = np.zeros_like(pop)
        nxt[1:] = (pop - deaths_age + mig_age)[:-1]
        nxt[-1] += (pop - deaths_age + mig_age)[-1]
        nxt[0] = births - births * q[0] / 18 + mig_age[0]
        nxt = np.maximum(nxt, 0.0)
        deaths = np.bincount(band_of_age, weights=deaths_age, minlength=6)
        if y > last:
            rows[y] = dict(population=band_pop, at_top_age=top_of(pop))
        if y == last or y < LAST_YEAR:
            p1 = bands_of(nxt)
            top = rows[y]["at_top_age"]
            for b in (5, 4, 3):
                top[b - 1] = p1[b] - band_pop[b] + deaths[b] + top[b]
            inflow = np.concatenate([[births], top[:-1]])
            mig = p1 - rows[y]["population"] - inflow + top + deaths
            rows[y].update(deaths=deaths, births=births, net_migration=mig)
        pop = nxt
    lines = ["year,band,population_source,population,at_top_age,deaths,births,net_migration"]
    for y in sorted(rows):
        r = rows[y]
        if "deaths" not in r:
            continue
        src = "ons" if y <= LAST_DATA_YEAR else "projection"
        for i, b in enumerate(BANDS):
            births = f"{r['births']:.0f}" if i == 0 else "0"
            lines.append(f"{y},{b},{src},{r['population'][i]:.0f},"
                         f"{r['at_top_age'][i]:.0f},{r['deaths'][i]:.0f},"
                         f"{births},{r['net_migration'][i]:.0f}")
    text = "\n".join(lines) + "\n"
    if "--check" in sys.argv:
        if OUT.read_text() != text:
            sys.exit(f"{OUT.name} is out of date: run python3 data/build_demography.py")
        print(f"{OUT.name} is up to date")
        return
    OUT.write_text(text)
    tot = {y: rows[y]["population"].sum() for y in rows if "deaths" in rows[y]}
    for y in sorted(tot):
        print(y, f"{tot[y]:,.0f}", f"deaths {rows[y]['deaths'].sum():,.0f}",
              f"cdr {1000*rows[y]['deaths'].sum()/tot[y]:.2f}",
              f"births {rows[y]['births']:,.0f}",
              "mig", " ".join(f"{m:,.0f}" for m in rows[y]["net_migration"]))


if __name__ == "__main__":
    main()
