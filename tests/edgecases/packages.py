"""Edge packages: next year's data package made from the sample, and variants at the edges.

For the chapter tests: every judgement a chapter writes must hold for data it
was not written against. Each package here is a real data package on disk
(``naravard validate`` and ``naravard build`` read it), made in three steps::

    from tests.edgecases.packages import make
    make("counts-0", tmp_path / "pkg")        # next year, every survey count 0

1. ``naravard new-edition`` moves the sample on a year (reference year 2025);
2. :func:`fill` gives it a year of data: every series and question that
   ``edition.toml`` expects gets the previous year's values again
   (``seed`` perturbs them), and each citation role its work of the year
   (:func:`fill_citations`);
3. a variant from :data:`VARIANTS` bends the new year's data to an edge.

Variants (see :data:`VARIANTS` for the list and :func:`make` for names):

* ``next-year``, ``next-year-kept`` (2023 answers kept), ``next-year-perturbed``;
* ``counts-0``, ``counts-1``, ``counts-all-but-one``, ``counts-all``: every
  survey count of the new year at 0, 1, 20 or 21 regions (kommun shares at
  0 %, one kommun or län, all but one, 100 %); ``numbers-1``: one region gave
  a number to each numeric question (35, 36, 38), the others could not;
* ``ties``: tied lowest and highest regions in every regional indicator and
  numeric question, and tied top and bottom options in every question;
* ``reversed``: every indicator's development and every survey change reversed;
* ``region-missing``: one region did not answer the survey and has no new values;
* ``not-asked-last-year``: the questions compared with last year (:data:`COMPARED`)
  were not asked then; ``not-asked-this-year``: they are not asked this year
  (each passage about such a question leaves itself out);
* ``year-missing``: the previous year is missing from every series and survey.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from naravard.data.catalogue import load_catalogue
from naravard.data.models import Catalogue
from naravard.new_edition import new_edition

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample-2024"
CATALOGUE = ROOT / "data" / "catalogue"

POSITIVE = "Ja"
NEGATIVE = {"yes_no": "Nej", "yes_partly_no": "Nej", "ticked": ".", "choice": "Nej"}
KOMMUNER, LAN = 290, 21
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")


@dataclass
class Package:
    """A package folder with its tables as text frames (cells exactly as written)."""

    root: Path
    catalogue: Catalogue

    def __post_init__(self) -> None:
        self.year = tomllib.loads((self.root / "report.toml").read_text(encoding="utf-8"))["year"]
        self.tables = {stem: _read(self.root / f"{stem}.csv") for stem in ("indicators", "costs", "survey_regions", "survey_municipalities")}

    @property
    def prev(self) -> int:
        return self.year - 1

    def save(self) -> Path:
        for stem, frame in self.tables.items():
            frame.to_csv(self.root / f"{stem}.csv", index=False, lineterminator="\n")
        self._prune_exclusions()
        return self.root

    def _prune_exclusions(self) -> None:
        """exclusions.csv keeps only the answers that are still there (a variant may drop some)."""
        path = self.root / "exclusions.csv"
        if not path.is_file():
            return
        ex = _read(path)
        sr = self.tables["survey_regions"]
        have = set(zip(sr["question"], sr["option"], sr["year"], sr["area"]))
        ex[[(q, o, y, a) in have for q, o, y, a in zip(ex["question"], ex["option"], ex["year"], ex["area"])]].to_csv(path, index=False, lineterminator="\n")

    def expectations(self) -> dict:
        path = self.root / "edition.toml"
        return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    def drop_expected_questions(self, qids) -> None:
        """Say in edition.toml that these questions were not asked this year (as an author would)."""
        path = self.root / "edition.toml"
        if not path.is_file():
            return
        text = path.read_text(encoding="utf-8")
        for qid in qids:
            text = text.replace(f'"{qid}", ', "").replace(f', "{qid}"', "").replace(f'"{qid}"', "")
        path.write_text(text, encoding="utf-8")

    def set_answered(self, n: int) -> None:
        """method.toml's number of regions that answered."""
        path = self.root / "method.toml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(\[surveys\.regioner\][^\[]*?answered = )\d+", lambda m: m.group(1) + str(n), text, count=1, flags=re.S)
        path.write_text(text, encoding="utf-8")

    # --- the parts of the tables a variant bends ----------------------------------------------

    def region_questions(self, year: int | None = None) -> list[str]:
        sr = self.tables["survey_regions"]
        year = self.year if year is None else year
        return list(dict.fromkeys(sr.loc[sr["year"] == str(year), "question"]))

    def kind(self, qid: str) -> str:
        return self.catalogue.questions[qid].kind


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


# ---- next year --------------------------------------------------------------------------------


def next_year(dest: Path, *, keep_years: int = 1, seed: int | None = None, source: Path = SAMPLE) -> Package:
    """The sample moved on a year with :func:`naravard.new_edition.new_edition`, then filled."""
    new_edition(source, dest, CATALOGUE, keep_years=keep_years)
    pkg = Package(dest, load_catalogue(CATALOGUE))
    fill(pkg, seed)
    return pkg


def fill(pkg: Package, seed: int | None = None) -> None:
    """A year of data where edition.toml expects it: the previous values again, perturbed with *seed*."""
    rng = random.Random(seed) if seed is not None else None
    expected = pkg.expectations()
    for stem in ("indicators", "costs"):
        frame = pkg.tables[stem]
        new = []
        for ident, year in expected.get("indicators", {}).items():
            rows = frame[(frame["indicator"] == ident) & (frame["year"] == str(year - 1))].copy()
            if rows.empty:
                continue
            rows["year"] = str(year)
            rows["missing"] = rows["missing"].map(lambda t: _shift_years(t, 1))
            if rng is not None:
                unit = pkg.catalogue.indicators[ident].unit
                rows = _perturbed(rows, rng, bounded=unit in ("procent", "index"))
            new.append(rows)
        if new:
            pkg.tables[stem] = pd.concat([frame, *new], ignore_index=True)
    sr = pkg.tables["survey_regions"]
    qids = expected.get("survey_regions", {}).get("questions", [])
    rows = sr[(sr["year"] == str(pkg.prev)) & sr["question"].isin(qids)].copy()
    rows["year"] = str(pkg.year)
    rows["reported"] = ""
    rows["note"] = ""  # corrections and notes belong to the year they were made
    if rng is not None:
        rows["answer"] = [_perturbed_answer(pkg, q, a, rng) for q, a in zip(rows["question"], rows["answer"])]
    pkg.tables["survey_regions"] = pd.concat([sr, rows], ignore_index=True)
    sm = pkg.tables["survey_municipalities"]
    qids = expected.get("survey_municipalities", {}).get("questions", [])
    rows = sm[(sm["year"] == str(pkg.prev)) & sm["question"].isin(qids)].copy()
    rows["year"] = str(pkg.year)
    if rng is not None:
        rows["value"] = [_fmt(min(100.0, max(0.0, float(v) + rng.choice((-7, -3, 0, 4, 8))))) for v in rows["value"]]
    pkg.tables["survey_municipalities"] = pd.concat([sm, rows], ignore_index=True)
    pkg.save()
    fill_citations(pkg)


def fill_citations(pkg: Package) -> None:
    """This year's work for each citation role new-edition left open: last year's work a year on
    (an illustrative entry in references.json). The agreement ended with method.toml's
    agreement_last, so after that year the role stays without a work, and a fact that cited the
    role cites last year's work by its id."""
    citations = pkg.root / "citations.toml"
    if not citations.is_file():
        return
    offsets = tomllib.loads((CATALOGUE / "citation_roles.toml").read_text(encoding="utf-8"))
    method = tomllib.loads((pkg.root / "method.toml").read_text(encoding="utf-8"))
    agreement_last = method.get("assignment", {}).get("agreement_last", pkg.year)
    works = json.loads((pkg.root / "references.json").read_text(encoding="utf-8"))
    by_id = {w["id"]: w for w in works}
    text = citations.read_text(encoding="utf-8")
    left = {}
    for m in re.finditer(r'^# ([A-Za-z_][\w-]*) = "([^"]+)".*$', text, re.M):
        role, old = m.group(1), m.group(2)
        no_work = "issued_offset" not in offsets.get(role, {}) or (role == "overenskommelse" and pkg.year > agreement_last)
        if no_work or old not in by_id:
            left[role] = old
            continue
        work = json.loads(json.dumps(by_id[old]))
        work["id"] = _shift_years(old, 1) if _shift_years(old, 1) != old else f"{old}_{pkg.year}"
        work["title"] = _shift_years(work["title"], 1)
        work["issued"] = {"date-parts": [[y + 1 for y in work["issued"]["date-parts"][0][:1]]]}
        work["note"] = f"Illustrativ post för testpaketet: {old} ett år senare."
        works.append(work)
        text = text.replace(m.group(0), f'{role} = "{work["id"]}"')
    if "[roles]" in text:  # a role named after the commented lines still belongs to [roles]
        lines = [line for line in text.splitlines() if not re.match(r"^[A-Za-z_][\w-]* = ", line)]
        named = [line for line in text.splitlines() if re.match(r"^[A-Za-z_][\w-]* = ", line)]
        text = "\n".join(lines).replace("[roles]", "[roles]\n" + "\n".join(named), 1) + "\n"
    citations.write_text(text, encoding="utf-8")
    (pkg.root / "references.json").write_text(json.dumps(works, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    facts = pkg.root / "facts.csv"
    if facts.is_file() and left:
        frame = _read(facts)
        frame["reference"] = frame["reference"].map(lambda r: left.get(r, r))
        frame.to_csv(facts, index=False, lineterminator="\n")


def _shift_years(text: str, years: int) -> str:
    return _YEAR_IN_TEXT.sub(lambda m: str(int(m.group(1)) + years), text)


def _fmt(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _perturbed(rows: pd.DataFrame, rng: random.Random, *, bounded: bool) -> pd.DataFrame:
    """Values moved by up to ±12 %, confidence limits moved with them; counts left out."""
    rows = rows.copy()
    for i in rows.index:
        if rows.at[i, "value"] == "":
            continue
        v = float(rows.at[i, "value"])
        new = max(0.0, v * (1 + rng.uniform(-0.12, 0.12)))
        if bounded:
            new = min(new, 100.0)
        rows.at[i, "value"] = _fmt(round(new, 3))
        if rows.at[i, "ci_lower"] != "":
            lo, hi = float(rows.at[i, "ci_lower"]), float(rows.at[i, "ci_upper"])
            lo, hi = max(0.0, min(new, new - (v - lo))), max(new, new + (hi - v))
            rows.at[i, "ci_lower"], rows.at[i, "ci_upper"] = _fmt(round(lo, 3)), _fmt(round(min(hi, 100.0) if bounded else hi, 3))
    rows["numerator"] = ""
    rows["denominator"] = ""
    return rows


def _perturbed_answer(pkg: Package, qid: str, answer: str, rng: random.Random) -> str:
    kind = pkg.kind(qid)
    if rng.random() > 0.3:
        return answer
    if kind in NEGATIVE:
        choices = list(pkg.catalogue.questions[qid].answers) if kind == "choice" else [POSITIVE, NEGATIVE[kind]]
        return rng.choice(choices)
    number = _number(answer)
    if number is None:
        return answer
    if kind == "percent":
        return f"{min(100, max(0, round(number + rng.uniform(-15, 15))))} %"
    return str(max(0, round(number * rng.uniform(0.8, 1.2))))


def _number(answer: str) -> float | None:
    text = answer.replace("%", "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


# ---- variants ---------------------------------------------------------------------------------


def counts(n_of: Callable[[int], int]) -> Callable[[Package], None]:
    """Every survey count of the new year at ``n_of(total)`` (0, 1, total - 1, total)."""

    def variant(pkg: Package) -> None:
        regions = [r.code for r in pkg.catalogue.regions]
        n = n_of(len(regions))
        chosen = set(regions[:n])
        sr = pkg.tables["survey_regions"]
        now = sr["year"] == str(pkg.year)
        for i in sr.index[now]:
            qid, area = sr.at[i, "question"], sr.at[i, "area"]
            kind = pkg.kind(qid)
            if kind in NEGATIVE:
                sr.at[i, "answer"] = POSITIVE if area in chosen else NEGATIVE[kind]
        sm = pkg.tables["survey_municipalities"]
        for i in sm.index[sm["year"] == str(pkg.year)]:
            unit = pkg.catalogue.questions[sm.at[i, "question"]].unit
            total = KOMMUNER if unit == "andel_kommuner" else LAN
            sm.at[i, "value"] = _fmt(round(100 * n_of(total) / total, 4))

    return variant


def numbers(n: int) -> Callable[[Package], None]:
    """Only *n* regions (the first in länskod order) could give a number to each numeric question."""

    def variant(pkg: Package) -> None:
        regions = [r.code for r in pkg.catalogue.regions]
        sr = pkg.tables["survey_regions"]
        for i in sr.index[sr["year"] == str(pkg.year)]:
            kind = pkg.kind(sr.at[i, "question"])
            if kind not in ("percent", "count"):
                continue
            if regions.index(sr.at[i, "area"]) >= n:
                sr.at[i, "answer"] = "kan ej"
            elif _number(sr.at[i, "answer"]) is None:
                sr.at[i, "answer"] = "50 %" if kind == "percent" else "1000"

    return variant


def ties(pkg: Package) -> None:
    """The two lowest and the two highest regions tie in every regional indicator's base and
    latest year and in every numeric question; the top two and the bottom two options tie."""
    for stem in ("indicators", "costs"):
        frame = pkg.tables[stem]
        regional = frame[(frame["level"] == "region") & (frame["sex"] == "totalt") & (frame["value"] != "")]
        for (_, _, _), g in regional.groupby(["indicator", "year", "period"]):
            if len(g) < 4:
                continue
            order = g["value"].astype(float).sort_values()
            for a, b in ((order.index[0], order.index[1]), (order.index[-1], order.index[-2])):
                _copy_value(frame, a, b)
    sr = pkg.tables["survey_regions"]
    now = sr[sr["year"] == str(pkg.year)]
    for qid, g in now.groupby("question"):
        q = pkg.catalogue.questions[qid]
        if q.kind in ("percent", "count"):
            numbers = g["answer"].map(_number).dropna().sort_values()
            if len(numbers) >= 4:
                sr.at[numbers.index[1], "answer"] = sr.at[numbers.index[0], "answer"]
                sr.at[numbers.index[-2], "answer"] = sr.at[numbers.index[-1], "answer"]
            continue
        options = [o.id for o in q.options]
        if len(options) < 3:
            continue
        yes = {o: (g[(g["option"] == o)]["answer"] == POSITIVE).sum() for o in options}
        ranked = sorted(options, key=lambda o: -yes[o])
        for src, dst in ((ranked[0], ranked[1]), (ranked[-1], ranked[-2])):
            answers = g[g["option"] == src].set_index("area")["answer"]
            for i in g.index[g["option"] == dst]:
                sr.at[i, "answer"] = answers[sr.at[i, "area"]]
    sm = pkg.tables["survey_municipalities"]
    now = sm[(sm["year"] == str(pkg.year)) & (sm["option"] != "")]
    for _, g in now.groupby("question"):
        if len(g) < 3:
            continue
        order = g["value"].astype(float).sort_values()
        sm.at[order.index[1], "value"] = sm.at[order.index[0], "value"]
        sm.at[order.index[-2], "value"] = sm.at[order.index[-1], "value"]


def _copy_value(frame: pd.DataFrame, src, dst) -> None:
    for col in ("value", "ci_lower", "ci_upper", "numerator", "denominator"):
        frame.at[dst, col] = frame.at[src, col]


def reversed_directions(pkg: Package) -> None:
    """Every indicator mirrored around its mean, so every change runs the other way (within
    the unit's bounds); the survey's new year and previous year swapped."""
    bounded = {i.id for i in pkg.catalogue.indicators.values() if i.unit in ("procent", "index")}
    for stem in ("indicators", "costs"):
        frame = pkg.tables[stem]
        has = frame["value"] != ""
        values = frame["value"].where(has, "nan").astype(float)
        keys = [frame["indicator"], frame["level"], frame["area"], frame["period"]]
        mean = values.groupby(keys).transform("mean")
        mirrored = (2 * mean - values).clip(lower=0)
        top = np.where(frame["indicator"].isin(bounded), 100.0, np.inf)
        mirrored = np.minimum(mirrored, top)
        lo = frame["ci_lower"].where(frame["ci_lower"] != "", "nan").astype(float)
        hi = frame["ci_upper"].where(frame["ci_upper"] != "", "nan").astype(float)
        new_lo = np.minimum((2 * mean - hi).clip(lower=0), mirrored)
        new_hi = np.minimum(np.maximum(2 * mean - lo, mirrored), top)
        frame["value"] = [(_fmt(round(v, 3)) if h else "") for v, h in zip(mirrored, has)]
        frame["ci_lower"] = [(_fmt(round(v, 3)) if v == v and h else "") for v, h in zip(new_lo, has)]
        frame["ci_upper"] = [(_fmt(round(v, 3)) if v == v and h else "") for v, h in zip(new_hi, has)]
        frame.loc[frame["ci_lower"] == "", "ci_upper"] = ""
        frame.loc[frame["ci_upper"] == "", "ci_lower"] = ""
        frame["numerator"] = ""
        frame["denominator"] = ""
    for stem in ("survey_regions", "survey_municipalities"):
        frame = pkg.tables[stem]
        y, p = str(pkg.year), str(pkg.prev)
        swap = frame["year"].isin([y, p])
        asked_both = frame.groupby("question")["year"].agg(lambda s: {y, p} <= set(s))
        both = frame["question"].map(asked_both).fillna(False).astype(bool)
        frame.loc[swap & both, "year"] = frame.loc[swap & both, "year"].map({y: p, p: y})
        if "reported" in frame:
            frame.loc[swap & both, ["reported", "note"]] = ""


def region_missing(code: str = "12") -> Callable[[Package], None]:
    """Region *code* did not answer this year's survey and has no new indicator values."""

    def variant(pkg: Package) -> None:
        sr = pkg.tables["survey_regions"]
        pkg.tables["survey_regions"] = sr[~((sr["year"] == str(pkg.year)) & (sr["area"] == code))]
        for stem in ("indicators", "costs"):
            frame = pkg.tables[stem]
            latest = frame.groupby("indicator")["year"].transform("max")
            hit = (frame["level"] == "region") & (frame["area"] == code) & (frame["year"] == latest)
            frame.loc[hit, ["value", "numerator", "denominator", "ci_lower", "ci_upper"]] = ""
            frame.loc[hit, "missing"] = "Regionen kunde inte lämna uppgifter"
        pkg.set_answered(len(pkg.catalogue.regions) - 1)

    return variant


# Questions compared with the previous year, one or more per chapter.
COMPARED = ("2", "4", "28", "29b", "33", "35", "r.lansgemensam_plan", "k.dokumenterad_overenskommelse", "k.insatser")


def not_asked(which: str, questions: tuple[str, ...] = COMPARED) -> Callable[[Package], None]:
    """*questions* asked only last year (``this``: not this year) or only this year (``last``)."""

    def variant(pkg: Package) -> None:
        year = pkg.year if which == "this" else pkg.prev
        for stem in ("survey_regions", "survey_municipalities"):
            frame = pkg.tables[stem]
            pkg.tables[stem] = frame[~((frame["year"] == str(year)) & frame["question"].isin(questions))]
        if which == "this":
            pkg.drop_expected_questions(questions)

    return variant


def year_missing(pkg: Package) -> None:
    """No previous year: the survey answers of the previous year are gone, and every national
    series has a gap there (regional values stay: the base and the latest year are required)."""
    for stem in ("survey_regions", "survey_municipalities"):
        frame = pkg.tables[stem]
        pkg.tables[stem] = frame[frame["year"] != str(pkg.prev)]
    for stem in ("indicators", "costs"):
        frame = pkg.tables[stem]
        base = frame["indicator"].map({i.id: str(i.base_year) for i in pkg.catalogue.indicators.values()})
        goes_on = frame.groupby("indicator")["year"].transform(lambda y: (y.astype(int) > pkg.prev).any())
        gap = (frame["year"] == str(pkg.prev)) & (frame["level"] != "region") & (frame["year"] != base) & goes_on
        pkg.tables[stem] = frame[~gap]


VARIANTS: dict[str, Callable[[Package], None] | None] = {
    "next-year": None,
    "counts-0": counts(lambda total: 0),
    "counts-1": counts(lambda total: 1),
    "counts-all-but-one": counts(lambda total: total - 1),
    "counts-all": counts(lambda total: total),
    "numbers-1": numbers(1),
    "ties": ties,
    "reversed": reversed_directions,
    "region-missing": region_missing(),
    "not-asked-this-year": not_asked("this"),
    "not-asked-last-year": not_asked("last"),
    "year-missing": year_missing,
}
# Next year's package itself, in the three forms of issue 8.
NEXT_YEAR = {"next-year": {}, "next-year-kept": {"keep_years": 2}, "next-year-perturbed": {"seed": 8}}


def make(name: str, dest: Path, *, base: Path | None = None) -> Path:
    """The package *name* (a key of :data:`NEXT_YEAR` or :data:`VARIANTS`) written to *dest*.

    *base*: an already made ``next-year`` package to start a variant from (copied, which is
    faster than moving the sample on again)."""
    if name in NEXT_YEAR:
        return next_year(dest, **NEXT_YEAR[name]).root
    if base is not None:
        shutil.copytree(base, dest)
        pkg = Package(dest, load_catalogue(CATALOGUE))
    else:
        pkg = next_year(dest)
    variant = VARIANTS[name]
    if variant is not None:
        variant(pkg)
        pkg.save()
    return pkg.root
