#!/usr/bin/env python3
"""Rebuild the place tables (CCGs, April 2017 boundaries, and their ICBs of
July 2022) from the raw files.

    python3 data/build_places.py              # writes data/places/*.csv
    python3 data/build_places.py --out DIR    # writes DIR/*.csv instead
    python3 data/build_places.py --raw DIR    # reads the raw files from DIR
    python3 data/build_places.py --gzip-raw SRC DST
        # how data/raw/ons-lookups/143.csv.gz was made from the upstream
        # csv/143.csv: gzip level 9, header mtime 0, no file name; the
        # content is byte-identical to the upstream file (checked below).

Every raw file is checked against the SHA-256 in RAW before anything is
read; a mismatch stops the build. Inputs, methods, estimates [E] and gaps
are described in data/README.md, section "Places (CCG 2017)" (the ICB
lookup under `ccg17_icb22.csv`).

Needs python3 with pandas and numpy.
"""

import argparse
import bz2
import csv
import gzip
import hashlib
import io
import lzma
import os
import re
import struct
import sys

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
RAW_DIR = os.path.join(HERE, "raw")
_raw_dir = [RAW_DIR]  # where build() reads the raw files (tests point it elsewhere)

# path under data/raw -> (sha256 of the stored file, sha256 of the
# decompressed content for files stored gzip-compressed, else None)
RAW = {
    "demographr/population17_lsoa11.rda":
        ("aa447e2572ab0f6ca8c4204afdaea53d6903946326527aec808aed985712e061", None),
    "ons-lookups/143.csv.gz":
        ("a2b55785e650f1faba29bf37715d792a22928ade97bd3d50b037f992a19c4cd8",
         "fbed242698e92e4695ba9c48fcc08a3ee755a5639bb432507c4ea264708c6aa5"),
    "ons-lookups/066.csv":
        ("f785fc6abc12d4b90364005c77e0db3721aa3731f6e3be328b208698327195da", None),
    "ons-lookups/270.csv":
        ("670d6a2e65c096f61dd7d726fc8f52d9e20a9c3c82978172f2a203cec47be39e", None),
    "IMD/imd2015_england_lsoa11.rda":
        ("47915cd7982fe3bf11a912f36e267f188a5cd31b7fe9e7b43fca368fa06667ea", None),
    "IMD/imd2019_england_msoa11.rda":
        ("d1b3b7ad1f454af542610790ad35130bedcdeb1202597541e1c21006d6582dfc", None),
    "geographr/lookup_lsoa11_msoa11.rda":
        ("f5ca191f7889f71de23dbf07aef1db8348105dbc6afc24f873324e26b6ab6490", None),
    "geographr/lookup_lsoa11_ltla19.rda":
        ("7645f10902e877983212882c5e222a4a58f9edb47e4ef295a6571ab245484fb9", None),
    "geographr/lookup_lsoa11_ltla20.rda":
        ("2b83de808eb855bd904008e89833859b0fe32aa4c35ca646586b70164985255e", None),
    "geographr/lookup_trust_trust.rda":
        ("7cf922fcd82565c0d1203fa8a4030e11a8a42d9aeccb9c19adc55c3de6962de3", None),
    "resilience-index/care-home-beds.rds":
        ("7870aeaf4e9b24a4dfe623e8d57d6ec354468d50cc5076657fc069a65a8ca5a2", None),
    "resilience-index/care-home-beds-nursing.rds":
        ("38420966a44f60757022ea14a7d45705885a6fbb7b317c0fc34368079a8da7d2", None),
    "resilience-index/lookup_trust_lad.rds":
        ("d114d4e1a3bd25012a8fa2909ff4952603c35b162949608c1efb2c7173e83af5", None),
    "NHSRdatasets/ae_attendances.rda":
        ("6ce6bc34c538d681b0b75fec3c6fee9586e56c611ad263978bffa2f350d0ce4d", None),
    "geographr/lookup_lsoa11_sicbl22_icb22_ltla22.rda":
        ("5aa7c63afb0f5a929bcadd17355fe8add201cee508ba0fb544e35efe984968b2", None),
    "mental-health-bulletin/Reference Data.py":
        ("2f960e626465e6d58c28ef1f8c360c4eb140c5d25ad990953bfff1e5e3efba8f", None),
}

ENGLAND_POPULATION_2017 = 55_619_430  # ONS mid-2017, England
N_CCG17 = 207
N_ICB22 = 42

# CCG17s whose STP of 2021 (NHS Digital's mapping, by ODS code) is not the
# ICB of July 2022 that holds most of their people: ODS code -> (STP 2021
# ODS code, ICB 2022 ODS code). Bassetlaw moved wholly from South Yorkshire
# and Bassetlaw to Nottingham and Nottinghamshire on 1 July 2022.
MOVED_2022 = {"02Q": ("QF7", "QT1")}

# The model's six age bands: (column suffix, first age, last age or None for open)
AGE_BANDS = [("0_17", 0, 17), ("18_49", 18, 49), ("50_64", 50, 64),
             ("65_74", 65, 74), ("75_84", 75, 84), ("85_plus", 85, None)]


class BuildError(Exception):
    pass


# ---------------------------------------------------------------- raw files

def sha256(data):
    return hashlib.sha256(data).hexdigest()


def raw_bytes(rel):
    """The raw file's content, after checking its checksum(s)."""
    path = os.path.join(_raw_dir[0], rel)
    if not os.path.exists(path):
        raise BuildError(f"raw file missing: data/raw/{rel}")
    with open(path, "rb") as f:
        data = f.read()
    want, want_inner = RAW[rel]
    got = sha256(data)
    if got != want:
        raise BuildError(f"checksum mismatch for data/raw/{rel}: sha256 {got}, expected {want}")
    if want_inner is not None:
        data = gzip.decompress(data)
        got = sha256(data)
        if got != want_inner:
            raise BuildError(f"checksum mismatch for the content of data/raw/{rel}: "
                             f"sha256 {got}, expected {want_inner}")
    return data


def check_all_raw():
    for rel in sorted(RAW):
        raw_bytes(rel)


def read_r(rel):
    """The one data frame stored in an .rda or .rds file."""
    objs = read_r_frames(raw_bytes(rel))
    if len(objs) != 1:
        raise BuildError(f"data/raw/{rel}: expected one object, found {sorted(objs)}")
    return next(iter(objs.values()))


def read_csv_raw(rel):
    return pd.read_csv(io.BytesIO(raw_bytes(rel)), dtype=str, keep_default_na=False)


def gzip_raw(src, dst):
    with open(src, "rb") as f:
        data = f.read()
    with open(dst, "wb") as f:
        f.write(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{dst}: sha256 {sha256(open(dst, 'rb').read())}; content sha256 {sha256(data)}")


# ---------------------------------------------------------------- R data files
# A small reader for R's XDR serialization (format versions 2 and 3, as
# written by save() and saveRDS()), enough for data frames of character,
# factor, integer, logical and double columns. It gives the same frames as
# the rdata package (data/check_places.py compares them) and is much faster
# on character columns.


_NIL, _REF, _SYM, _LIST, _LANG, _CHAR, _LGL, _INT, _REAL, _STR, _VEC = 254, 255, 1, 2, 6, 9, 10, 13, 14, 16, 19
_SPECIAL = {254, 242, 241, 253, 252, 251, 247}


def _decompress(b):
    if b[:2] == b"\x1f\x8b":
        return gzip.decompress(b)
    if b[:3] == b"BZh":
        return bz2.decompress(b)
    if b[:6] == b"\xfd7zXZ\x00":
        return lzma.decompress(b)
    return b


class _Reader:
    def __init__(self, buf, pos):
        self.b, self.p, self.refs = buf, pos, []

    def int(self):
        v = struct.unpack_from(">i", self.b, self.p)[0]
        self.p += 4
        return v

    def length(self):
        n = self.int()
        if n == -1:
            hi, lo = self.int(), self.int()
            n = (hi << 32) + lo
        return n

    def item(self):
        flags = self.int()
        t = flags & 0xFF
        has_attr, has_tag = flags & (1 << 9), flags & (1 << 10)
        if t in _SPECIAL:
            return None
        if t == _REF:
            i = flags >> 8
            if i == 0:
                i = self.int()
            return self.refs[i - 1]
        if t == _SYM:
            name = self.item()
            self.refs.append(("sym", name))
            return ("sym", name)
        if t in (_LIST, _LANG):
            out = []  # pairlist as [(tag, value)]
            while True:
                attr = self.item() if has_attr else None
                tag = self.item() if has_tag else None
                car = self.item()
                out.append((tag[1] if tag else None, car))
                flags = self.int()
                t = flags & 0xFF
                if t == _NIL:
                    return ("pairlist", out)
                if t not in (_LIST, _LANG):
                    raise BuildError(f"unexpected pairlist tail of type {t}")
                has_attr, has_tag = flags & (1 << 9), flags & (1 << 10)
        if t == _CHAR:
            n = self.int()
            if n == -1:
                return None
            s = self.b[self.p:self.p + n].decode("utf-8")
            self.p += n
            return s
        if t in (_LGL, _INT):
            n = self.length()
            v = np.frombuffer(self.b, dtype=">i4", count=n, offset=self.p).astype(np.int64)
            self.p += 4 * n
            val = ("int", v, t == _LGL)
        elif t == _REAL:
            n = self.length()
            v = np.frombuffer(self.b, dtype=">f8", count=n, offset=self.p).astype(np.float64)
            self.p += 8 * n
            val = ("real", v)
        elif t == _STR:
            n = self.length()
            b, p, out = self.b, self.p, [None] * n
            unpack = struct.unpack_from
            for i in range(n):
                fl, m = unpack(">ii", b, p)
                p += 8
                if (fl & 0xFF) != _CHAR:
                    raise BuildError("string vector element is not a CHARSXP")
                if m != -1:
                    out[i] = b[p:p + m].decode("utf-8")
                    p += m
            self.p = p
            val = ("str", out)
        elif t == _VEC:
            n = self.length()
            val = ("list", [self.item() for _ in range(n)])
        else:
            raise BuildError(f"unsupported R object type {t}")
        attrs = {}
        if has_attr:
            a = self.item()
            attrs = {k: v for k, v in a[1]}
        return (val, attrs)


def _attr_strs(attrs, key):
    a = attrs.get(key)
    if a is None:
        return []
    (kind, *rest), _ = a
    return rest[0] if kind == "str" else []


def _column(obj):
    (kind, *rest), attrs = obj
    cls = _attr_strs(attrs, "class")
    if kind == "str":
        return pd.array(rest[0], dtype="string")
    if kind == "int":
        v = rest[0]
        na = v == -2147483648
        if "factor" in cls:
            levels = _attr_strs(attrs, "levels")
            codes = np.where(na, -1, v - 1)
            return pd.Categorical.from_codes(codes, categories=levels)
        if na.any():
            return pd.array(np.where(na, 0, v), dtype="Int64").astype("Float64")
        return v.astype(np.float64)
    if kind == "real":
        return rest[0]
    raise BuildError(f"unsupported column kind {kind}")


def _frame(obj):
    (kind, *rest), attrs = obj
    if kind != "list" or "data.frame" not in _attr_strs(attrs, "class"):
        raise BuildError("object is not a data frame")
    names = _attr_strs(attrs, "names")
    return pd.DataFrame({n: _column(c) for n, c in zip(names, rest[0])})


def read_r_frames(data):
    """Data frames in an .rda (name -> frame) or .rds ({'': frame}) byte string."""
    d = _decompress(data)
    if d[:5] in (b"RDX2\n", b"RDX3\n"):
        pos, rda = 5, True
    else:
        pos, rda = 0, False
    if d[pos:pos + 2] != b"X\n":
        raise BuildError("not an XDR R serialization")
    r = _Reader(d, pos + 2)
    version = r.int()
    r.int(); r.int()
    if version == 3:
        n = r.int(); r.p += n
    elif version != 2:
        raise BuildError(f"serialization version {version}")
    top = r.item()
    if rda:
        return {k: _frame(v) for k, v in top[1]}
    return {"": _frame(top)}


# ---------------------------------------------------------------- output

def fmt(x, decimals):
    """Fixed-point text for a number; integers when decimals == 0; never '-0'."""
    if x is None or (isinstance(x, float) and not np.isfinite(x)):
        raise BuildError(f"non-finite value in output: {x!r}")
    s = f"{float(x):.{decimals}f}"
    if s.startswith("-") and float(s) == 0.0:
        s = s[1:]
    return s


def write_table(out_dir, name, df, spec):
    """Write df with columns in spec order; spec: list of (column, decimals or None for text)."""
    path = os.path.join(out_dir, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([c for c, _ in spec])
        cols = [df[c].tolist() for c, _ in spec]
        for row in zip(*cols):
            w.writerow([v if d is None else fmt(v, d) for v, (_, d) in zip(row, spec)])
    return path


# ---------------------------------------------------------------- geography

def load_lsoa():
    """England's 32,844 LSOAs with CCG17, STP17, LAD17, LAD19, LAD20 codes and
    mid-2017 population by single year of age (ages 0..89 and 90+)."""
    lk = read_csv_raw("ons-lookups/143.csv.gz")
    if not lk["LSOA11CD"].is_unique:
        raise BuildError("143.csv: duplicate LSOA codes")
    lk = lk[["LSOA11CD", "CCG17CD", "CCG17CDH", "CCG17NM", "STP17CD", "STP17NM", "LAD17CD"]]

    pop = read_r("demographr/population17_lsoa11.rda")
    pop = pop[pop["lsoa11_code"].str.startswith("E")].copy()
    ages = [str(a) for a in range(90)] + ["90+"]
    pop[ages] = pop[ages].astype("float64")
    if (pop[ages].sum(axis=1) - pop["total_population"]).abs().max() > 0:
        raise BuildError("population17_lsoa11: ages do not sum to the total")

    df = lk.merge(pop[["lsoa11_code"] + ages], left_on="LSOA11CD", right_on="lsoa11_code",
                  how="left", validate="one_to_one").drop(columns="lsoa11_code")
    if df[ages].isna().any().any():
        raise BuildError("some LSOAs of the CCG17 lookup have no mid-2017 population")
    if len(pop) != len(df):
        raise BuildError("English LSOAs with a population but no CCG17")

    for rel, col in [("geographr/lookup_lsoa11_ltla19.rda", "ltla19_code"),
                     ("geographr/lookup_lsoa11_ltla20.rda", "ltla20_code")]:
        lad = read_r(rel)
        if not lad["lsoa11_code"].is_unique:
            raise BuildError(f"{rel}: duplicate LSOA codes")
        df[col] = df["LSOA11CD"].map(dict(zip(lad["lsoa11_code"], lad[col])))
        if df[col].isna().any():
            raise BuildError(f"{rel}: LSOAs without a district")
    df = df.rename(columns={"ltla19_code": "LAD19CD", "ltla20_code": "LAD20CD"})

    def band(lo, hi):
        cols = [str(a) for a in range(lo, 90 if hi is None else hi + 1)]
        if hi is None:
            cols.append("90+")
        return df[cols].sum(axis=1)

    for suffix, lo, hi in AGE_BANDS:
        df["pop_" + suffix] = band(lo, hi)
    df["pop_total"] = df[ages].sum(axis=1)
    df["pop_65_plus"] = band(65, None)
    keep = ["LSOA11CD", "CCG17CD", "CCG17CDH", "CCG17NM", "STP17CD", "STP17NM",
            "LAD17CD", "LAD19CD", "LAD20CD", "pop_total", "pop_65_plus"] + \
        ["pop_" + s for s, _, _ in AGE_BANDS]
    return df[keep].sort_values("LSOA11CD").reset_index(drop=True)


def build_population(lsoa):
    cols = ["pop_" + s for s, _, _ in AGE_BANDS] + ["pop_total"]
    g = (lsoa.groupby(["CCG17CD", "CCG17CDH", "CCG17NM", "STP17CD", "STP17NM"], sort=True)[cols]
         .sum().reset_index())
    # cross-check names and STPs against the CCG17 names (270) and CCG17->STP17 (066) files
    names = read_csv_raw("ons-lookups/270.csv")
    stps = read_csv_raw("ons-lookups/066.csv")
    chk = g.merge(names, on="CCG17CD", suffixes=("", "_n"), how="outer", indicator=True)
    if (chk["_merge"] != "both").any() or (chk["CCG17NM"] != chk["CCG17NM_n"]).any() \
            or (chk["CCG17CDH"] != chk["CCG17CDH_n"]).any():
        raise BuildError("CCG17 codes or names differ between 143.csv and 270.csv")
    chk = g.merge(stps, on="CCG17CD", suffixes=("", "_s"), how="outer", indicator=True)
    if (chk["_merge"] != "both").any() or (chk["STP17CD"] != chk["STP17CD_s"]).any():
        raise BuildError("CCG17 -> STP17 differs between 143.csv and 066.csv")
    if len(g) != N_CCG17:
        raise BuildError(f"{len(g)} CCGs, expected {N_CCG17}")
    if g["pop_total"].sum() != ENGLAND_POPULATION_2017:
        raise BuildError(f"CCG populations sum to {g['pop_total'].sum():,.0f}, "
                         f"expected {ENGLAND_POPULATION_2017:,}")
    if (g[cols[:-1]].sum(axis=1) != g["pop_total"]).any():
        raise BuildError("age bands do not sum to the total")
    return g.rename(columns={"CCG17CD": "ccg17_code", "CCG17CDH": "ccg17_ods_code",
                             "CCG17NM": "ccg17_name", "STP17CD": "stp17_code",
                             "STP17NM": "stp17_name"})


# ---------------------------------------------------------------- ICBs (July 2022)

def read_ccg_mapping_2021():
    """NHS Digital's hard-coded CCG mapping of 2021 (table ccg_mapping_2021 in
    the Mental Health Bulletin's reference-data notebook): one row per CCG
    ODS code of 2013-2021 with its 2021 CCG, STP and NHS England region."""
    text = raw_bytes("mental-health-bulletin/Reference Data.py").decode("utf-8")
    parts = text.split("INSERT INTO $db_output.ccg_mapping_2021")
    if len(parts) != 2:
        raise BuildError("Reference Data.py: no single ccg_mapping_2021 insert")
    block = parts[1].split("# COMMAND")[0]
    field = r"'([^']*)'"
    rows = re.findall(r"\(" + ",".join([field] * 10) + r"\)", block)
    cols = ["ccg_code", "ccg21_code", "ccg21_ons_code", "ccg21_name", "stp21_ons_code",
            "stp21_code", "stp21_name", "region21_ons_code", "region_code", "region_name"]
    m = pd.DataFrame(rows, columns=cols)
    m = m[m["ccg_code"] != "Unknown"]
    if len(m) < 200 or not m["ccg_code"].is_unique:
        raise BuildError(f"Reference Data.py: {len(m)} CCG rows in ccg_mapping_2021, "
                         "expected 200 or more with unique codes")
    return m


def build_icb(lsoa):
    """Each CCG17 with the ICB (July 2022) holding most of its mid-2017
    residents, the ICB's NHS England region, and how much of the CCG lies
    in another ICB [E]."""
    lk = read_r("geographr/lookup_lsoa11_sicbl22_icb22_ltla22.rda")
    if not lk["lsoa11_code"].is_unique:
        raise BuildError("lookup_lsoa11_sicbl22_icb22_ltla22: duplicate LSOA codes")
    icbs = lk[["icb22_code", "icb22_code_h", "icb22_name"]].drop_duplicates()
    if len(icbs) != N_ICB22 or icbs["icb22_code"].nunique() != N_ICB22 \
            or icbs["icb22_code_h"].nunique() != N_ICB22:
        raise BuildError(f"lookup_lsoa11_sicbl22_icb22_ltla22: {len(icbs)} ICB code/name "
                         f"combinations, expected {N_ICB22} one-to-one")
    d = lsoa[["LSOA11CD", "CCG17CD", "CCG17CDH", "CCG17NM", "pop_total"]].merge(
        lk[["lsoa11_code", "icb22_code"]], left_on="LSOA11CD", right_on="lsoa11_code",
        how="left", validate="one_to_one")
    if d["icb22_code"].isna().any() or len(lk) != len(lsoa):
        raise BuildError("the ICB 2022 lookup and the CCG17 lookup have different LSOAs")
    g = (d.groupby(["CCG17CD", "CCG17CDH", "CCG17NM", "icb22_code"], sort=True)["pop_total"]
         .sum().reset_index())
    g = g.sort_values(["CCG17CD", "pop_total", "icb22_code"], ascending=[True, False, True])
    ccg_pop = g.groupby("CCG17CD")["pop_total"].transform("sum")
    first = ~g.duplicated("CCG17CD")
    out = g[first].copy()
    rest = g[~first].groupby("CCG17CD")
    if (rest.size() > 1).any():
        raise BuildError("a CCG17 lies in three or more ICBs")
    out["share_in_icb22"] = out["pop_total"] / ccg_pop[first]
    out["pop_in_other_icb22"] = out["CCG17CD"].map(rest["pop_total"].sum()).fillna(0.0)
    out["other_icb22_code"] = out["CCG17CD"].map(rest["icb22_code"].first()).fillna("")
    out["estimate"] = np.where(out["pop_in_other_icb22"] > 0, "E", "")
    out = out.merge(icbs, on="icb22_code", how="left", validate="many_to_one")

    # NHS England region of each ICB: that of the STP of 2021 with the same
    # ODS code; and a cross-check of the CCG17 -> ICB assignment against the
    # CCGs' STPs of 2021.
    m = read_ccg_mapping_2021()
    reg = m[["stp21_code", "region_code", "region_name"]].drop_duplicates()
    if not reg["stp21_code"].is_unique:
        raise BuildError("ccg_mapping_2021: an STP in two regions")
    reg = reg.rename(columns={"stp21_code": "icb22_code_h"})
    out = out.merge(reg, on="icb22_code_h", how="left", validate="many_to_one")
    if out["region_code"].isna().any():
        raise BuildError("ICBs without an STP of 2021 of the same ODS code: "
                         f"{sorted(out.loc[out['region_code'].isna(), 'icb22_code_h'].unique())}")
    stp21 = dict(zip(m["ccg_code"], m["stp21_code"]))
    checked, moved = 0, {}
    for r in out.itertuples():
        if r.CCG17CDH not in stp21:
            continue
        checked += 1
        if stp21[r.CCG17CDH] != r.icb22_code_h:
            moved[r.CCG17CDH] = (stp21[r.CCG17CDH], r.icb22_code_h)
    if moved != MOVED_2022:
        raise BuildError(f"CCG17s whose STP of 2021 is not their ICB of 2022: {moved}, "
                         f"expected {MOVED_2022}")
    if out["icb22_code"].nunique() != N_ICB22 or len(out) != N_CCG17:
        raise BuildError("not every ICB has a CCG17")
    out = out.rename(columns={"CCG17CD": "ccg17_code", "CCG17CDH": "ccg17_ods_code",
                              "CCG17NM": "ccg17_name", "icb22_code_h": "icb22_ods_code",
                              "region_code": "nhser_ods_code", "region_name": "nhser_name"})
    out = out.sort_values("ccg17_code").reset_index(drop=True)
    splits = [(r.ccg17_name, r.icb22_code, r.share_in_icb22, r.other_icb22_code,
               r.pop_in_other_icb22) for r in out.itertuples() if r.estimate]
    icb_pop = (lsoa.groupby("CCG17CD")["pop_total"].sum().rename("p").reset_index()
               .merge(out, left_on="CCG17CD", right_on="ccg17_code")
               .groupby("icb22_name")["p"].sum().sort_values())
    return out, {"checked_against_2021": checked, "moved": moved, "splits": splits,
                 "smallest": (icb_pop.index[0], icb_pop.iloc[0]),
                 "largest": (icb_pop.index[-1], icb_pop.iloc[-1])}


# ---------------------------------------------------------------- deprivation

def weighted_mean(df, by, value, weight):
    t = df.assign(_wx=df[value] * df[weight])
    s = t.groupby(by, sort=True)[["_wx", weight]].sum()
    return s["_wx"] / s[weight]


def build_imd(lsoa):
    pop = lsoa[["LSOA11CD", "CCG17CD", "pop_total"]]

    # IMD 2015: LSOA scores and deciles, weighted by mid-2017 population
    i15 = read_r("IMD/imd2015_england_lsoa11.rda")[["lsoa11_code", "IMD_score", "IMD_decile"]]
    d = pop.merge(i15, left_on="LSOA11CD", right_on="lsoa11_code", how="left",
                  validate="one_to_one")
    if d[["IMD_score", "IMD_decile"]].isna().any().any():
        raise BuildError("IMD 2015: LSOAs without a score")
    out = pd.DataFrame({"imd2015_score": weighted_mean(d, "CCG17CD", "IMD_score", "pop_total")})
    d["quintile"] = ((d["IMD_decile"].astype(int) + 1) // 2)
    q = d.pivot_table(index="CCG17CD", columns="quintile", values="pop_total",
                      aggfunc="sum", fill_value=0.0).sort_index()
    q = q.reindex(columns=[1, 2, 3, 4, 5], fill_value=0.0)
    q = q.div(q.sum(axis=1), axis=0)
    for k in range(1, 6):
        out[f"imd2015_q{k}_share"] = q[k]

    # IMD 2019 [E]: LSOA scores are not in the bundle; each LSOA takes its
    # MSOA's score (the population-weighted mean of the MSOA's LSOA scores)
    msoa = read_r("geographr/lookup_lsoa11_msoa11.rda")[["lsoa11_code", "msoa11_code"]]
    i19 = read_r("IMD/imd2019_england_msoa11.rda")[["msoa11_code", "Score"]]
    d19 = (pop.merge(msoa, left_on="LSOA11CD", right_on="lsoa11_code", how="left",
                     validate="one_to_one")
           .merge(i19, on="msoa11_code", how="left", validate="many_to_one"))
    if d19["Score"].isna().any():
        raise BuildError("IMD 2019: LSOAs without an MSOA score")
    out["imd2019_score_est"] = weighted_mean(d19, "CCG17CD", "Score", "pop_total")

    # Test of the MSOA route on IMD 2015, where LSOA scores are known: the
    # MSOA score (mid-2017 weights) given to each LSOA, then to CCGs.
    d15 = d.merge(msoa, left_on="LSOA11CD", right_on="lsoa11_code", how="left",
                  suffixes=("", "_m"))
    m15 = weighted_mean(d15, "msoa11_code", "IMD_score", "pop_total").rename("msoa_score")
    d15 = d15.merge(m15, left_on="msoa11_code", right_index=True, how="left")
    via_msoa = weighted_mean(d15, "CCG17CD", "msoa_score", "pop_total")
    route_err = (via_msoa - out["imd2015_score"]).abs()

    # ranks among the 207 CCGs, 1 = most deprived (ties by code)
    out = out.reset_index().rename(columns={"CCG17CD": "ccg17_code"})
    for col, rank in [("imd2015_score", "imd2015_rank"), ("imd2019_score_est", "imd2019_rank_est")]:
        order = out.sort_values([col, "ccg17_code"], ascending=[False, True])["ccg17_code"]
        out[rank] = out["ccg17_code"].map({c: i + 1 for i, c in enumerate(order)})
    stats = {"msoa_route_max_abs_err_2015": float(route_err.max()),
             "msoa_route_mean_abs_err_2015": float(route_err.mean())}
    return out, stats


# ---------------------------------------------------------------- care homes

def build_care_homes(lsoa):
    beds = read_r("resilience-index/care-home-beds.rds")
    nurs = read_r("resilience-index/care-home-beds-nursing.rds")
    lad20 = set(lsoa["LAD20CD"])
    for name, t in [("care-home-beds", beds), ("care-home-beds-nursing", nurs)]:
        extra = set(t["lad_code"]) - lad20
        if extra:
            raise BuildError(f"{name}: district codes not of the 2020 vintage: {sorted(extra)}")
        if not t["lad_code"].is_unique:
            raise BuildError(f"{name}: duplicate districts")
    d = (lsoa[["CCG17CD", "LAD20CD", "pop_65_plus"]]
         .merge(beds.rename(columns={"lad_code": "LAD20CD"}), on="LAD20CD", how="left")
         .merge(nurs.rename(columns={"lad_code": "LAD20CD"}), on="LAD20CD", how="left"))
    # districts absent from a CQC table had no such beds in the directory
    missing_all = sorted(set(d.loc[d["beds_per_1000_over_65"].isna(), "LAD20CD"]))
    missing_nursing = sorted(set(d.loc[d["nursing_beds_per_1000_over_65"].isna(), "LAD20CD"]))
    d = d.fillna({"beds_per_1000_over_65": 0.0, "nursing_beds_per_1000_over_65": 0.0})
    d["beds"] = d["beds_per_1000_over_65"] * d["pop_65_plus"] / 1000.0
    d["nursing"] = d["nursing_beds_per_1000_over_65"] * d["pop_65_plus"] / 1000.0
    g = d.groupby("CCG17CD", sort=True).agg(
        pop_65_plus_2017=("pop_65_plus", "sum"), care_home_beds=("beds", "sum"),
        nursing_beds=("nursing", "sum"), lad20_parts=("LAD20CD", "nunique")).reset_index()
    g["care_home_beds_per_1000_65_plus"] = g["care_home_beds"] / g["pop_65_plus_2017"] * 1000
    g["nursing_beds_per_1000_65_plus"] = g["nursing_beds"] / g["pop_65_plus_2017"] * 1000
    g = g.rename(columns={"CCG17CD": "ccg17_code"})
    stats = {"districts_without_beds": missing_all, "districts_without_nursing_beds": missing_nursing,
             "care_home_beds": float(g["care_home_beds"].sum()),
             "nursing_beds": float(g["nursing_beds"].sum())}
    return g, stats


# ---------------------------------------------------------------- A&E

def load_ae():
    ae = read_r("NHSRdatasets/ae_attendances.rda")
    ae = ae.assign(org_code=ae["org_code"].astype(str), type=ae["type"].astype(str))
    if ae.duplicated(["period", "org_code", "type"]).any():
        raise BuildError("ae_attendances: duplicate rows")
    date = pd.to_datetime(ae["period"].astype("int64"), unit="D")  # R Date: days since 1970-01-01
    ae["month"] = date.dt.strftime("%Y-%m")
    ae["fy_start"] = np.where(date.dt.month >= 4, date.dt.year, date.dt.year - 1)
    w = ae.pivot_table(index=["org_code", "month", "fy_start"], columns="type",
                       values=["attendances", "breaches", "admissions"], aggfunc="sum",
                       fill_value=0.0)
    w.columns = [f"{v}_{'type1' if t == '1' else 'type2' if t == '2' else 'other'}"
                 for v, t in w.columns]
    w = w.reset_index()
    for v in ["attendances", "breaches", "admissions"]:
        for t in ["type1", "type2", "other"]:
            if f"{v}_{t}" not in w:
                w[f"{v}_{t}"] = 0.0
        w[f"{v}_total"] = w[f"{v}_type1"] + w[f"{v}_type2"] + w[f"{v}_other"]
    return w.sort_values(["org_code", "month"]).reset_index(drop=True)


# Successions missing from lookup_trust_trust: Weston Area Health NHS Trust
# (RA3) merged into University Hospitals Bristol NHS FT, which became
# University Hospitals Bristol and Weston NHS FT (RA7), on 1 April 2020.
MANUAL_SUCCESSORS = {"RA3": "RA7"}


def catchment_codes(orgs, catch_trusts):
    """org code -> (catchment trust code, route). Direct if the org is in the
    2019 catchment lookup, else the successor reached by following
    lookup_trust_trust (old -> new code) until a catchment trust is found,
    else MANUAL_SUCCESSORS."""
    tt = read_r("geographr/lookup_trust_trust.rda")
    succ = {}
    for old, new in sorted(zip(tt["old_code"].astype(str), tt["new_code"].astype(str))):
        succ.setdefault(old, []).append(new)
    out = {}
    for o in orgs:
        if o in catch_trusts:
            out[o] = (o, "direct")
            continue
        if o in MANUAL_SUCCESSORS and MANUAL_SUCCESSORS[o] in catch_trusts:
            out[o] = (MANUAL_SUCCESSORS[o], "successor_manual")
            continue
        seen, frontier, found = {o}, [o], None
        while frontier and found is None:
            nxt = []
            for c in frontier:
                for n in succ.get(c, []):
                    if n in catch_trusts:
                        found = n
                        break
                    if n not in seen:
                        seen.add(n)
                        nxt.append(n)
                if found:
                    break
            frontier = nxt
        out[o] = (found, "successor") if found else ("", "unmapped")
    return out


def build_ae(lsoa, ccg_pop):
    w = load_ae()
    cat = read_r("resilience-index/lookup_trust_lad.rds")
    cat = cat[["trust_code", "lad_code", "trust_prop_by_lad"]].astype(
        {"trust_code": str, "lad_code": str})
    sums = cat.groupby("trust_code")["trust_prop_by_lad"].sum()
    if (sums - 1).abs().max() > 1e-9:
        raise BuildError("lookup_trust_lad: trust_prop_by_lad does not sum to 1 by trust")
    extra = set(cat["lad_code"]) - set(lsoa["LAD19CD"])
    if extra:
        raise BuildError(f"lookup_trust_lad: district codes not of the 2019 vintage: {sorted(extra)}")

    cc = catchment_codes(sorted(set(w["org_code"])), set(cat["trust_code"]))
    w["catchment_trust"] = w["org_code"].map(lambda o: cc[o][0])
    w["catchment_route"] = w["org_code"].map(lambda o: cc[o][1])

    # district (2019 codes) -> CCG17: share of the district's mid-2017 population in each CCG
    dl = lsoa.groupby(["LAD19CD", "CCG17CD"], sort=True)["pop_total"].sum().reset_index()
    dl["lad_share"] = dl["pop_total"] / dl.groupby("LAD19CD")["pop_total"].transform("sum")
    trust_ccg = (cat.merge(dl[["LAD19CD", "CCG17CD", "lad_share"]], left_on="lad_code",
                           right_on="LAD19CD", how="left"))
    trust_ccg["w"] = trust_ccg["trust_prop_by_lad"] * trust_ccg["lad_share"]
    trust_ccg = trust_ccg.groupby(["trust_code", "CCG17CD"], sort=True)["w"].sum().reset_index()

    vals = [f"attendances_{t}" for t in ["type1", "type2", "other", "total"]] + \
           [f"admissions_{t}" for t in ["type1", "type2", "other", "total"]]
    y = (w[w["catchment_route"] != "unmapped"]
         .groupby(["catchment_trust", "fy_start"], sort=True)[vals].sum().reset_index())
    s = y.merge(trust_ccg, left_on="catchment_trust", right_on="trust_code", how="inner")
    for v in vals:
        s[v] = s[v] * s["w"]
    g = s.groupby(["CCG17CD", "fy_start"], sort=True)[vals].sum()
    full = pd.MultiIndex.from_product([sorted(ccg_pop["ccg17_code"]), sorted(set(w["fy_start"]))],
                                      names=["CCG17CD", "fy_start"])
    g = g.reindex(full, fill_value=0.0).reset_index().rename(columns={"CCG17CD": "ccg17_code"})
    g = g.merge(ccg_pop[["ccg17_code", "pop_total"]].rename(columns={"pop_total": "population_2017"}),
                on="ccg17_code", how="left")
    # share of the CCG's population living in districts split between CCGs,
    # where the CCG gets the district's average rate
    ncc = dl.groupby("LAD19CD")["CCG17CD"].nunique()
    dl["shared"] = dl["LAD19CD"].map(ncc) > 1
    sh = (dl[dl["shared"]].groupby("CCG17CD")["pop_total"].sum()
          / dl.groupby("CCG17CD")["pop_total"].sum()).fillna(0.0)
    g["pop_share_in_shared_districts"] = g["ccg17_code"].map(sh).fillna(0.0)
    g["attendances_type1_per_1000"] = g["attendances_type1"] / g["population_2017"] * 1000
    g["attendances_total_per_1000"] = g["attendances_total"] / g["population_2017"] * 1000
    g["admissions_total_per_1000"] = g["admissions_total"] / g["population_2017"] * 1000

    # coverage: share of national figures that reached a CCG
    cov = {}
    for fy in sorted(set(w["fy_start"])):
        a = w[w["fy_start"] == fy]
        row = {}
        for v in ["attendances_type1", "attendances_total", "admissions_total"]:
            tot = a[v].sum()
            row[v] = {"national": float(tot),
                      "direct": float(a.loc[a["catchment_route"] == "direct", v].sum() / tot),
                      "successor": float(a.loc[a["catchment_route"].str.startswith("successor"),
                                               v].sum() / tot),
                      "mapped": float(g.loc[g["fy_start"] == fy, v].sum() / tot)}
        cov[int(fy)] = row
    allfy = {}
    for v in ["attendances_type1", "attendances_total", "admissions_total"]:
        allfy[v] = float(g[v].sum() / w[v].sum())
    cov["all"] = allfy
    orgs = pd.Series(cc).apply(lambda x: x[1]).value_counts().to_dict()
    successors = sorted((o, c) for o, (c, r) in cc.items() if r.startswith("successor"))
    unmapped_acute = sorted(set(w.loc[(w["catchment_route"] == "unmapped")
                                      & (w["attendances_type1"] > 0), "org_code"]))
    return w, g, {"coverage": cov, "org_routes": orgs, "successors": successors,
                  "unmapped_type1_orgs": unmapped_acute,
                  "ccgs_in_shared_districts": int((g.loc[g["fy_start"] == g["fy_start"].min(),
                                                         "pop_share_in_shared_districts"] > 0).sum())}


# ---------------------------------------------------------------- vanguards

WHOLE = "whole"            # the whole CCG, named in the site's lead organisations or notes
WHOLE_E = "whole_inferred"  # whole CCGs inferred from the site's description [E]
PART = "published_population"  # share = site's published population / CCG population [E]

# Site name (as in vanguards.csv) -> [(CCG17 name as in 270.csv, rule)].
# Population-based sites (PACS, MCP, EHCH: 29) and the urgent and emergency
# care networks (UEC: 8). Acute care collaborations (ACC) are provider
# chains without a population footprint and are not mapped.
VANGUARD_CCGS = {
    # PACS
    "Wirral Partners": [("NHS Wirral CCG", WHOLE)],
    "Mid Nottinghamshire Better Together": [("NHS Mansfield and Ashfield CCG", WHOLE),
                                            ("NHS Newark & Sherwood CCG", WHOLE)],
    "South Somerset Symphony Programme": [("NHS Somerset CCG", PART)],
    "Northumberland Accountable Care Organisation": [("NHS Northumberland CCG", WHOLE)],
    "Salford Together": [("NHS Salford CCG", WHOLE)],
    # Lancashire North CCG and the south of Cumbria CCG became NHS Morecambe Bay CCG on 1 April 2017
    "Better Care Together (Morecambe Bay Health Community)": [("NHS Morecambe Bay CCG", WHOLE)],
    "North East Hampshire and Farnham": [("NHS North East Hampshire and Farnham CCG", WHOLE)],
    "Harrogate and Rural District": [("NHS Harrogate and Rural District CCG", WHOLE)],
    "My Life a Full Life (Isle of Wight)": [("NHS Isle of Wight CCG", WHOLE)],
    # MCP
    "Calderdale Health and Social Care Economy": [("NHS Calderdale CCG", WHOLE)],
    "Erewash Multispecialty Community Provider": [("NHS Erewash CCG", WHOLE)],
    "Fylde Coast Local Health Economy": [("NHS Blackpool CCG", WHOLE), ("NHS Fylde & Wyre CCG", WHOLE)],
    "Modality Birmingham & Sandwell": [("NHS Sandwell and West Birmingham CCG", PART)],
    "West Wakefield Health and Wellbeing Ltd": [("NHS Wakefield CCG", "median_mcp_population")],
    "All Together Better Sunderland": [("NHS Sunderland CCG", WHOLE)],
    "Dudley Multispecialty Community Provider": [("NHS Dudley CCG", WHOLE)],
    "Encompass (Whitstable, Faversham, Canterbury, Ash and Sandwich)":
        [("NHS Canterbury and Coastal CCG", PART)],
    "Stockport Together": [("NHS Stockport CCG", WHOLE)],
    "Tower Hamlets Together": [("NHS Tower Hamlets CCG", WHOLE)],
    "Better Local Care (Southern Hampshire)": [("NHS Fareham and Gosport CCG", WHOLE),
                                               ("NHS South Eastern Hampshire CCG", WHOLE_E)],
    "West Cheshire Way": [("NHS West Cheshire CCG", WHOLE)],
    "Lakeside Healthcare (Northamptonshire)": [("NHS Corby CCG", "registered_share_from_notes")],
    "Principia Partners in Health (Southern Nottinghamshire)": [("NHS Rushcliffe CCG", PART)],
    # EHCH
    "Connecting Care - Wakefield District": [("NHS Wakefield CCG", WHOLE)],
    "Gateshead Care Home Project (Newcastle Gateshead)": [("NHS Newcastle Gateshead CCG", WHOLE)],
    "East and North Hertfordshire": [("NHS East and North Hertfordshire CCG", WHOLE)],
    "Nottingham City CCG": [("NHS Nottingham City CCG", WHOLE)],
    "Sutton Homes of Care": [("NHS Sutton CCG", WHOLE)],
    "Airedale & Partners": [("NHS Airedale, Wharfedale and Craven CCG", WHOLE_E),
                            ("NHS Bradford City CCG", WHOLE_E),
                            ("NHS Bradford Districts CCG", WHOLE_E),
                            ("NHS East Lancashire CCG", WHOLE_E)],
    # UEC networks
    "Greater Nottingham System Resilience Group": [("NHS Nottingham City CCG", WHOLE),
                                                   ("NHS Nottingham West CCG", WHOLE),
                                                   ("NHS Nottingham North and East CCG", WHOLE),
                                                   ("NHS Erewash CCG", WHOLE),
                                                   ("NHS Rushcliffe CCG", WHOLE)],
    "Cambridgeshire and Peterborough CCG": [("NHS Cambridgeshire and Peterborough CCG", WHOLE)],
    "North East Urgent Care Network": [(n, WHOLE_E) for n in [
        "NHS Northumberland CCG", "NHS North Tyneside CCG", "NHS Newcastle Gateshead CCG",
        "NHS South Tyneside CCG", "NHS Sunderland CCG", "NHS North Durham CCG",
        "NHS Durham Dales, Easington and Sedgefield CCG", "NHS Darlington CCG",
        "NHS Hartlepool and Stockton-on-Tees CCG", "NHS South Tees CCG"]],
    "Barking and Dagenham, Havering and Redbridge System Resilience Group":
        [("NHS Barking and Dagenham CCG", WHOLE), ("NHS Havering CCG", WHOLE),
         ("NHS Redbridge CCG", WHOLE)],
    "West Yorkshire Urgent and Emergency Care Network": [(n, WHOLE_E) for n in [
        "NHS Airedale, Wharfedale and Craven CCG", "NHS Bradford City CCG",
        "NHS Bradford Districts CCG", "NHS Calderdale CCG", "NHS Greater Huddersfield CCG",
        "NHS North Kirklees CCG", "NHS Leeds North CCG", "NHS Leeds South and East CCG",
        "NHS Leeds West CCG", "NHS Wakefield CCG"]],
    "Leicester, Leicestershire and Rutland System Resilience Group":
        [("NHS Leicester City CCG", WHOLE), ("NHS West Leicestershire CCG", WHOLE),
         ("NHS East Leicestershire and Rutland CCG", WHOLE)],
    "Solihull Together for Better Lives": [("NHS Solihull CCG", WHOLE)],
    "South Devon and Torbay System Resilience Group": [("NHS South Devon and Torbay CCG", WHOLE)],
}

# Lakeside: the site's notes give ~47,000-50,000 registered in Corby of Corby
# CCG's ~75,000 registered (HSJ 2015); the midpoint over the CCG's list.
LAKESIDE_SHARE = 48_500 / 75_000


def build_vanguards(ccg_pop):
    path = os.path.join(HERE, "vanguards.csv")
    v = pd.read_csv(path, dtype=str, keep_default_na=False)
    names = dict(zip(ccg_pop["ccg17_name"], ccg_pop["ccg17_code"]))
    popn = dict(zip(ccg_pop["ccg17_code"], ccg_pop["pop_total"]))
    mcp_known = sorted(int(p) for t, p in zip(v["type"], v["population"]) if t == "mcp" and p)
    mcp_median = float(np.median(mcp_known))
    place_types = {"pacs", "mcp", "ehch", "uec"}
    expected = set(v.loc[v["type"].isin(place_types), "name"])
    if set(VANGUARD_CCGS) != expected:
        raise BuildError(f"vanguard sites not mapped: {sorted(expected - set(VANGUARD_CCGS))}; "
                         f"mapped but not in vanguards.csv: {sorted(set(VANGUARD_CCGS) - expected)}")
    rows = []
    for _, site in v.iterrows():
        if site["name"] not in VANGUARD_CCGS:
            continue
        published = int(site["population"]) if site["population"] else None
        for ccg_name, rule in VANGUARD_CCGS[site["name"]]:
            if ccg_name not in names:
                raise BuildError(f"{site['name']}: no CCG17 named {ccg_name!r}")
            code = names[ccg_name]
            cpop = popn[code]
            est = ""
            if rule in (WHOLE, WHOLE_E):
                share = 1.0
                est = "E" if rule == WHOLE_E else ""
            elif rule == PART:
                share = published / cpop
                est = "E"
                if share >= 1.0:
                    share, rule = 1.0, "published_population_capped"
            elif rule == "median_mcp_population":
                share = min(1.0, mcp_median / cpop)
                est = "E"
            elif rule == "registered_share_from_notes":
                share = LAKESIDE_SHARE
                est = "E"
            else:
                raise BuildError(f"unknown rule {rule}")
            rows.append({"site_name": site["name"], "site_type": site["type"],
                         "site_published_population": published if published else "",
                         "ccg17_code": code, "ccg17_name": ccg_name,
                         "ccg17_population_2017": cpop, "share": share,
                         "population_2017": round(share * cpop), "share_method": rule,
                         "estimate": est})
    out = pd.DataFrame(rows)
    # stable order: file order of sites, then CCG code
    order = {n: i for i, n in enumerate(v["name"])}
    out["_o"] = out["site_name"].map(order)
    out = out.sort_values(["_o", "ccg17_code"]).drop(columns="_o").reset_index(drop=True)
    out["site_published_population"] = out["site_published_population"].astype(str)
    return out, {"mcp_median": mcp_median, "mcp_known": mcp_known}


# ---------------------------------------------------------------- main

def build(out_dir, raw_dir=RAW_DIR, quiet=False):
    """Check every raw file, then write the tables to out_dir; returns summary figures."""
    _raw_dir[0] = raw_dir
    check_all_raw()
    os.makedirs(out_dir, exist_ok=True)
    lsoa = load_lsoa()
    pop = build_population(lsoa)
    imd, imd_stats = build_imd(lsoa)
    ch, ch_stats = build_care_homes(lsoa)
    trust, ccg_ae, ae_stats = build_ae(lsoa, pop)
    van, van_stats = build_vanguards(pop)
    icb, icb_stats = build_icb(lsoa)

    pop_cols = ["pop_" + s for s, _, _ in AGE_BANDS] + ["pop_total"]
    write_table(out_dir, "ccg17_population.csv", pop,
                [("ccg17_code", None), ("ccg17_ods_code", None), ("ccg17_name", None),
                 ("stp17_code", None), ("stp17_name", None)] + [(c, 0) for c in pop_cols])
    write_table(out_dir, "ccg17_imd.csv", imd,
                [("ccg17_code", None), ("imd2015_score", 3), ("imd2015_rank", 0)] +
                [(f"imd2015_q{k}_share", 4) for k in range(1, 6)] +
                [("imd2019_score_est", 3), ("imd2019_rank_est", 0)])
    write_table(out_dir, "ccg17_care_home_beds.csv", ch,
                [("ccg17_code", None), ("pop_65_plus_2017", 0), ("care_home_beds", 1),
                 ("nursing_beds", 1), ("care_home_beds_per_1000_65_plus", 2),
                 ("nursing_beds_per_1000_65_plus", 2), ("lad20_parts", 0)])
    tv = [f"{v}_{t}" for v in ["attendances", "breaches", "admissions"]
          for t in ["type1", "type2", "other", "total"]]
    write_table(out_dir, "trust_ae_monthly.csv", trust,
                [("org_code", None), ("month", None), ("fy_start", 0)] + [(c, 0) for c in tv] +
                [("catchment_trust", None), ("catchment_route", None)])
    av = [f"{v}_{t}" for v in ["attendances", "admissions"] for t in ["type1", "type2", "other", "total"]]
    write_table(out_dir, "ccg17_ae_yearly.csv", ccg_ae,
                [("ccg17_code", None), ("fy_start", 0)] + [(c, 1) for c in av] +
                [("population_2017", 0), ("pop_share_in_shared_districts", 4),
                 ("attendances_type1_per_1000", 2),
                 ("attendances_total_per_1000", 2), ("admissions_total_per_1000", 2)])
    write_table(out_dir, "vanguard_footprints.csv", van,
                [("site_name", None), ("site_type", None), ("site_published_population", None),
                 ("ccg17_code", None), ("ccg17_name", None), ("ccg17_population_2017", 0),
                 ("share", 4), ("population_2017", 0), ("share_method", None), ("estimate", None)])
    write_table(out_dir, "ccg17_icb22.csv", icb,
                [("ccg17_code", None), ("ccg17_ods_code", None), ("ccg17_name", None),
                 ("icb22_code", None), ("icb22_ods_code", None), ("icb22_name", None),
                 ("nhser_ods_code", None), ("nhser_name", None), ("share_in_icb22", 4),
                 ("pop_in_other_icb22", 0), ("other_icb22_code", None), ("estimate", None)])

    stats = {"imd": imd_stats, "care_homes": ch_stats, "ae": ae_stats, "vanguards": van_stats,
             "icb": icb_stats,
             "population": float(pop["pop_total"].sum()), "ccgs": len(pop)}
    if not quiet:
        report(stats, van)
    return stats


def report(stats, van):
    p = print
    p(f"CCGs {stats['ccgs']}, England mid-2017 population {stats['population']:,.0f}")
    s = stats["imd"]
    p(f"IMD 2019 via MSOA scores, tested on 2015: CCG score error max "
      f"{s['msoa_route_max_abs_err_2015']:.3f}, mean {s['msoa_route_mean_abs_err_2015']:.3f}")
    s = stats["care_homes"]
    p(f"care-home beds {s['care_home_beds']:,.0f}, nursing {s['nursing_beds']:,.0f}; districts "
      f"without beds {s['districts_without_beds']}, without nursing beds "
      f"{s['districts_without_nursing_beds']}")
    s = stats["ae"]
    p(f"A&E organisations by route: {dict(sorted(s['org_routes'].items()))}")
    p(f"predecessors mapped to successors: {s['successors']}")
    p(f"unmapped organisations with type 1 attendances: {s['unmapped_type1_orgs']}")
    p(f"CCGs with population in districts shared with another CCG: {s['ccgs_in_shared_districts']}")
    for fy, row in s["coverage"].items():
        if fy == "all":
            p("A&E mapped share, all years: " + "; ".join(f"{k} {v:.4f}" for k, v in row.items()))
            continue
        p(f"A&E mapped share {fy}/{(fy + 1) % 100:02d}: " + "; ".join(
            f"{k} {v['national']:,.0f} mapped {v['mapped']:.4f} (direct {v['direct']:.4f}, "
            f"successor {v['successor']:.4f})" for k, v in row.items()))
    s = stats["vanguards"]
    p(f"vanguard footprints: {van['site_name'].nunique()} sites, {len(van)} rows; MCP median "
      f"{s['mcp_median']:,.0f} of {s['mcp_known']}")
    for name, g in van.groupby("site_name", sort=False):
        parts = ", ".join("%s %.3f%s" % (r.ccg17_name, r.share, " [E]" if r.estimate else "")
                          for r in g.itertuples())
        p(f"  {name}: {g['population_2017'].sum():,} ({parts})")
    s = stats["icb"]
    p(f"ICBs (July 2022): {N_ICB22}; CCG17 -> ICB checked against the STPs of 2021 for "
      f"{s['checked_against_2021']} CCGs; moved: {s['moved']}")
    p("ICB populations, mid-2017, on whole CCGs: smallest %s %s, largest %s %s" % (
        s["smallest"][0], f"{s['smallest'][1]:,.0f}", s["largest"][0], f"{s['largest'][1]:,.0f}"))
    for name, code, share, other, people in s["splits"]:
        p(f"  split [E]: {name} -> {code} ({share:.4f}); {people:,.0f} people in {other}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(HERE, "places"), help="output directory")
    ap.add_argument("--raw", default=RAW_DIR, help="directory of the raw files")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--gzip-raw", nargs=2, metavar=("SRC", "DST"))
    a = ap.parse_args(argv)
    if a.gzip_raw:
        gzip_raw(*a.gzip_raw)
        return 0
    try:
        build(a.out, raw_dir=a.raw, quiet=a.quiet)
    except BuildError as e:
        print(f"build_places: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
