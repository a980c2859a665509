"""The rules a data package must follow, checked against the catalogue.

Every rule is a vectorised pandas expression over a whole table; only the rows
that break it are turned into :class:`Problem` objects. Rules never stop at the
first problem. Where one mistake repeats on many rows (a misspelt indicator id
on 3 000 rows) the rule reports it once, at its first row, with a count.

Rows with a cell of the wrong type (``tables.BAD``) have been reported by
``tables.py`` already and are left out of the content rules, so one bad cell
gives one message.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from naravard.data.catalogue import CANNOT, JA, NOT_TICKED, NUMERIC_KINDS
from naravard.data.models import BOUNDED_UNITS, LEVELS, RIKET, SEXES, UNITS, Catalogue
from naravard.data.parsing import parse_numbers
from naravard.data.problems import Problem, error, warning
from naravard.data.tables import BAD, RAW_VALUE, raw_column

PERCENT_UNITS = frozenset({"procent"})  # values that are a numerator per 100 of their denominator
SEP = "\x1f"  # joins key parts into one string column for fast isin() lookups

KEY_COLUMNS = ("indicator", "year", "period", "level", "area", "sex")


@dataclass(frozen=True)
class Context:
    catalogue: Catalogue
    report_year: int | None  # None when report.toml could not be read

    @property
    def region_codes(self) -> list[str]:
        return [r.code for r in self.catalogue.regions]

    def region_label(self, code: str) -> str:
        for r in self.catalogue.regions:
            if r.code == code:
                return f"{code} {r.short_name}"
        return code


# --- helpers ---------------------------------------------------------------------------


def written(r: pd.Series, col: str) -> str:
    """A number cell of row *r* as the package wrote it ("8,9" stays "8,9"), else formatted."""
    text = r.get(raw_column(col))
    return text if isinstance(text, str) and text else fmt(r[col])


def fmt(value: float) -> str:
    """A number as a user would have typed it: ``112.5``, ``562``."""
    if value != value:
        return "empty"
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def also(rows: Sequence[int]) -> str:
    """`` (also rows 18, 19, 20 and 297 more)`` after the first row of a repeated mistake."""
    rest = list(rows[1:])
    if not rest:
        return ""
    shown = ", ".join(str(r) for r in rest[:5])
    more = f" and {len(rest) - 5} more" if len(rest) > 5 else ""
    return f" (also row{'s' if len(rest) > 1 else ''} {shown}{more})"


def suggest(value: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


def grouped(
    df: pd.DataFrame,
    mask: pd.Series,
    keys: Sequence[str],
    build: Callable[[tuple, str, int, str], Problem],
) -> list[Problem]:
    """One problem per distinct *keys* value (and file) among the rows in *mask*."""
    if not mask.any():
        return []
    sub = df.loc[mask, [*keys, "source_file", "source_row"]].sort_values(["source_file", "source_row"])
    out = []
    for (file, *key), g in sub.groupby(["source_file", *keys], sort=True, dropna=False):
        rows = g["source_row"].tolist()
        out.append(build(tuple(key), file, int(rows[0]), also(rows)))
    return out


def per_row(df: pd.DataFrame, mask: pd.Series, build: Callable[[pd.Series], Problem]) -> list[Problem]:
    if not mask.any():
        return []
    return [build(row) for _, row in df.loc[mask].iterrows()]


def duplicates(df: pd.DataFrame, keys: Sequence[str], describe: str) -> list[Problem]:
    """Rows sharing *keys*: each later row names the first one, wherever it is."""
    dup = df.duplicated(list(keys), keep=False)
    if not dup.any():
        return []
    sub = df.loc[dup, [*keys, "source_file", "source_row"]].sort_values(["source_file", "source_row"])
    first = sub.drop_duplicates(list(keys), keep="first").set_index(list(keys))
    out = []
    for _, row in sub[sub.duplicated(list(keys), keep="first")].iterrows():
        key = tuple(row[k] for k in keys)
        ref = first.loc[key if len(keys) > 1 else key[0]]
        where = f"row {int(ref['source_row'])}" if ref["source_file"] == row["source_file"] else f"{ref['source_file']} row {int(ref['source_row'])}"
        shown = ", ".join(f"{k}={fmt(v) if isinstance(v, float) else v}" for k, v in zip(keys, key, strict=True) if v != "")
        out.append(
            error(
                row["source_file"],
                int(row["source_row"]),
                None,
                f"duplicate of {where}: both have {shown}",
                f"one row per {describe}",
            )
        )
    return out


def _area_problems(df: pd.DataFrame, ok: pd.Series, ctx: Context) -> list[Problem]:
    """Levels and area codes: riket is "00", regions and kommuner come from the catalogue."""
    problems = []
    bad_level = ok & ~df["level"].isin(LEVELS)
    problems += grouped(
        df,
        bad_level,
        ["level"],
        lambda k, f, r, more: error(f, r, "level", f"unknown level {k[0]!r}{more}", "riket, region or kommun"),
    )
    regions = set(ctx.region_codes)
    kommuner = {m.code for m in ctx.catalogue.municipalities}
    level, area = df["level"], df["area"]
    wrong = ok & (
        (level.eq("riket") & area.ne(RIKET))
        | (level.eq("region") & ~area.isin(regions))
        | (level.eq("kommun") & ~area.isin(kommuner))
    )
    expected = {
        "riket": f'"{RIKET}" for riket',
        "region": "a länskod from the catalogue's regions.csv (01–25)",
        "kommun": "a four-digit kommunkod from the catalogue's municipalities.csv",
    }
    problems += grouped(
        df,
        wrong,
        ["level", "area"],
        lambda k, f, r, more: error(f, r, "area", f"unknown {k[0]} code {k[1]!r}{more}", expected[k[0]]),
    )
    return problems


# --- indicators ----------------------------------------------------------------------------


def check_indicators(df: pd.DataFrame, ctx: Context, stems: frozenset[str] = frozenset({"indicators", "costs"})) -> list[Problem]:
    """All rules for indicators.csv and costs.csv (concatenated, with source_file).

    *stems*: the files that could be read; an indicator is only reported as
    absent when the file it belongs in was read (an unreadable file is one problem).
    """
    cat = ctx.catalogue
    problems: list[Problem] = []
    ok = ~df[BAD]
    known = df["indicator"].isin(list(cat.indicators))
    ids = list(cat.indicators)
    problems += grouped(
        df,
        ok & ~known,
        ["indicator"],
        lambda k, f, r, more: error(
            f, r, "indicator", f"unknown indicator {k[0]!r}{more}{suggest(k[0], ids)}", "an indicator id from the catalogue (indicators.toml)"
        ),
    )
    ok &= known
    meta = pd.DataFrame(
        {
            "first_year": [i.first_year for i in cat.indicators.values()],
            "base_year": [i.base_year for i in cat.indicators.values()],
            "unit": [i.unit for i in cat.indicators.values()],
            "kind": [i.kind for i in cat.indicators.values()],
        },
        index=ids,
    )
    m = meta.reindex(df["indicator"]).set_axis(df.index)

    # kind: cost measures belong in costs.csv, the rest in indicators.csv
    in_costs = df["source_file"].str.startswith("costs.")
    misplaced = ok & (in_costs != m["kind"].eq("cost"))
    problems += grouped(
        df,
        misplaced,
        ["indicator"],
        lambda k, f, r, more: warning(
            f,
            r,
            "indicator",
            f"{k[0]!r} is {'a cost measure' if cat.indicators[k[0]].kind == 'cost' else 'not a cost measure'}{more}",
            "cost measures (kind = \"cost\") in costs.csv and the other indicators in indicators.csv",
        ),
    )

    # level, area, sex
    problems += _area_problems(df, ok, ctx)
    ok &= df["level"].isin(LEVELS)
    bad_sex = ok & ~df["sex"].isin(SEXES)
    problems += grouped(
        df,
        bad_sex,
        ["sex"],
        lambda k, f, r, more: error(f, r, "sex", f"unknown sex {k[0]!r}{more}", f"one of {', '.join(SEXES)}"),
    )
    allowed_sex = {f"{i.id}{SEP}{s}" for i in cat.indicators.values() for s in i.sexes}
    odd_sex = ok & ~bad_sex & ~(df["indicator"] + SEP + df["sex"]).isin(allowed_sex)
    problems += grouped(
        df,
        odd_sex,
        ["indicator", "sex"],
        lambda k, f, r, more: warning(
            f, r, "sex", f"{k[0]} is not broken down by {k[1]!r} in the catalogue{more}", f"one of {', '.join(cat.indicators[k[0]].sexes)}"
        ),
    )

    # years: from the first year of the series to one year after the report year
    too_early = ok & (df["year"] < m["first_year"])
    too_late = ok & (df["year"] > ctx.report_year + 1) if ctx.report_year else pd.Series(False, index=df.index)

    def year_problem(k, f, r, more):
        ind = cat.indicators[k[0]]
        last = f"{ctx.report_year + 1}" if ctx.report_year else "the report year + 1"
        return error(
            f, r, "year", f"{fmt(k[1])} is outside the series of {k[0]}{more}", f"a year from {ind.first_year} (first_year in the catalogue) to {last}"
        )

    problems += grouped(df, too_early | too_late, ["indicator", "year"], year_problem)

    # values and the reasons for missing ones
    value = df["value"]
    reason = df["missing"].str.strip().ne("")
    no_value = ok & value.isna() & ~reason
    problems += per_row(
        df,
        no_value,
        lambda r: error(
            r["source_file"], int(r["source_row"]), "value", "the value is empty and no reason is given", 'a number, or a reason in the "missing" column'
        ),
    )
    both = ok & value.notna() & reason
    problems += per_row(
        df,
        both,
        lambda r: warning(
            r["source_file"],
            int(r["source_row"]),
            "missing",
            f"the row has a value ({r[RAW_VALUE]}) and a reason for a missing value ({r['missing']!r})",
            "either a value or a reason",
        ),
    )

    bounded = m["unit"].isin(BOUNDED_UNITS)

    def shown(r: pd.Series, col: str) -> str:
        return written(r, col)  # the value as the user wrote it

    for col in ("value", "ci_lower", "ci_upper"):
        v = df[col]
        outside = ok & bounded & v.notna() & ((v < 0) | (v > 100))
        problems += per_row(
            df,
            outside,
            lambda r, col=col: error(
                r["source_file"],
                int(r["source_row"]),
                col,
                f"{shown(r, col)} is outside 0–100 for {'an index' if m.loc[r.name, 'unit'] == 'index' else 'a percentage'}",
                "a value between 0 and 100",
            ),
        )
        negative = ok & ~bounded & v.notna() & (v < 0)
        problems += per_row(
            df,
            negative,
            lambda r, col=col: error(
                r["source_file"],
                int(r["source_row"]),
                col,
                f"{shown(r, col)} is negative",
                f"a value of 0 or more for {UNITS[m.loc[r.name, 'unit']]}",
            ),
        )

    problems += _confidence_problems(df, ok)
    problems += _count_problems(df, ok, bounded)
    problems += _ratio_problems(df, ok, m["unit"].isin(PERCENT_UNITS))
    problems += duplicates(df.loc[~df[BAD]], KEY_COLUMNS, "indicator, year, period, level, area and sex")
    problems += _coverage_problems(df.loc[ok], ctx, stems)
    return problems


def _confidence_problems(df: pd.DataFrame, ok: pd.Series) -> list[Problem]:
    lo, hi, v = df["ci_lower"], df["ci_upper"], df["value"]
    problems = []
    one = ok & (lo.isna() != hi.isna())
    problems += per_row(
        df,
        one,
        lambda r: error(
            r["source_file"],
            int(r["source_row"]),
            "ci_upper" if r["ci_upper"] != r["ci_upper"] else "ci_lower",
            "only one confidence limit is given",
            "both ci_lower and ci_upper, or neither",
        ),
    )
    both = ok & lo.notna() & hi.notna()
    crossed = both & (lo > hi)
    problems += per_row(
        df,
        crossed,
        lambda r: error(
            r["source_file"],
            int(r["source_row"]),
            "ci_lower",
            f"the lower confidence limit {written(r, 'ci_lower')} is greater than the upper {written(r, 'ci_upper')}",
            "ci_lower ≤ ci_upper",
        ),
    )
    outside = both & ~crossed & v.notna() & ((v < lo) | (v > hi))
    problems += per_row(
        df,
        outside,
        lambda r: error(
            r["source_file"],
            int(r["source_row"]),
            "ci_lower" if r["value"] < r["ci_lower"] else "ci_upper",
            f"the confidence interval {written(r, 'ci_lower')}–{written(r, 'ci_upper')} does not enclose the value {r[RAW_VALUE]}",
            "ci_lower ≤ value ≤ ci_upper",
        ),
    )
    return problems


def _decimals_written(raw: str) -> int:
    """Digits after the decimal sign of a value as written: ``'8,9'`` -> 1, ``'14 %'`` -> 0."""
    text = str(raw).strip().rstrip("%").strip()
    sign = max(text.rfind(","), text.rfind("."))
    return len(text) - sign - 1 if sign >= 0 and text[sign + 1 :].isdigit() else 0


def _ratio_problems(df: pd.DataFrame, ok: pd.Series, percent: pd.Series) -> list[Problem]:
    """A percentage must agree with 100 × numerator / denominator within the rounding of the
    value as written. A value 100 times too small is a fraction (0,089 for 8,9 %): an error."""
    v, num, den = df["value"], df["numerator"], df["denominator"]
    # Values outside 0–100 and impossible counts have their own error: one mistake, one message.
    has = ok & percent & v.between(0, 100) & num.notna() & den.notna() & (den > 0) & (num >= 0) & (num <= den)
    if not has.any():
        return []
    share = 100 * num / den
    tolerance = 0.5 * 10.0 ** (-df[RAW_VALUE].map(_decimals_written).astype(float)) + 0.05
    off = has & ((v - share).abs() > tolerance)
    fraction = off & (v <= 1) & ((100 * v - share).abs() <= 100 * tolerance)

    def build(r: pd.Series, is_fraction: bool) -> Problem:
        computed = 100 * r["numerator"] / r["denominator"]
        text = f"{computed:.2f}".rstrip("0").rstrip(".")
        if is_fraction:
            return error(
                r["source_file"], int(r["source_row"]), "value",
                f"{r[RAW_VALUE]} is a fraction, but numerator/denominator give {text} percent (a cell formatted as a percentage in Excel and saved as a number?)",
                f"the value in percent, {text}",
            )
        return warning(
            r["source_file"], int(r["source_row"]), "value",
            f"{r[RAW_VALUE]} does not agree with 100 × numerator {fmt(r['numerator'])} / denominator {fmt(r['denominator'])} = {text}",
            "a value that is the rounded share, or numerator and denominator of the same population",
        )

    return per_row(df, fraction, lambda r: build(r, True)) + per_row(df, off & ~fraction, lambda r: build(r, False))


def _count_problems(df: pd.DataFrame, ok: pd.Series, bounded: pd.Series) -> list[Problem]:
    num, den = df["numerator"], df["denominator"]
    problems = []
    for col, series in (("numerator", num), ("denominator", den)):
        neg = ok & series.notna() & (series < 0)
        problems += per_row(
            df, neg, lambda r, col=col: error(r["source_file"], int(r["source_row"]), col, f"{written(r, col)} is negative", "a count of 0 or more")
        )
    zero = ok & den.notna() & den.eq(0)
    problems += per_row(
        df, zero, lambda r: error(r["source_file"], int(r["source_row"]), "denominator", "the denominator is 0", "a denominator greater than 0")
    )
    over = ok & bounded & num.notna() & den.notna() & (num > den) & (den > 0)
    problems += per_row(
        df,
        over,
        lambda r: error(
            r["source_file"],
            int(r["source_row"]),
            "numerator",
            f"the numerator {written(r, 'numerator')} is greater than the denominator {written(r, 'denominator')}",
            "numerator ≤ denominator for a percentage",
        ),
    )
    return problems


def _coverage_problems(df: pd.DataFrame, ctx: Context, stems: frozenset[str]) -> list[Problem]:
    """Regional indicators need all regions in the base year and the latest year."""
    cat = ctx.catalogue
    problems: list[Problem] = []
    present = set(df["indicator"].unique())
    national = set(df.loc[df["level"].eq("riket") & df["value"].notna(), "indicator"].unique())
    for ind in cat.indicators.values():
        file = "indicators.csv" if ind.kind != "cost" else "costs.csv"
        if ind.id not in present:
            # Every indicator of the catalogue is printed somewhere in the report.
            what = "core indicator" if ind.is_core else "cost measure" if ind.kind == "cost" else "indicator"
            missing_file = "" if ("costs" if ind.kind == "cost" else "indicators") in stems else f"; there is no readable {file}"
            problems.append(
                error(
                    file,
                    None,
                    "indicator",
                    f"no rows for {what} {ind.id} ({ind.name}), which the report prints{missing_file}",
                    "the national series and, for regional indicators, every region",
                )
            )
        elif ind.id not in national:
            problems.append(
                error(
                    file,
                    None,
                    "indicator",
                    f"no national value for {ind.id} ({ind.name}): every riket row is empty",
                    "a value for riket (area 00) in at least one year",
                )
            )
    rows = df[df["indicator"].isin([i.id for i in cat.indicators.values() if i.regional or i.municipal])]
    for ident, g in rows.groupby("indicator", sort=True):
        ind = cat.indicators[ident]
        file = g["source_file"].mode().iloc[0]
        latest = int(g["year"].max())
        years = sorted({ind.base_year, latest})
        for level, flag, codes, noun in (
            ("region", ind.regional, ctx.region_codes, "regions"),
            ("kommun", ind.municipal, [m.code for m in cat.municipalities], "kommuner"),
        ):
            if not flag or not codes:
                continue
            have = g[g["level"].eq(level) & g["sex"].eq("totalt")]
            by_year = have.groupby("year")["area"].agg(set).to_dict()
            for year in years:
                missing = [c for c in codes if c not in by_year.get(year, set())]
                if not missing:
                    continue
                names = ", ".join(ctx.region_label(c) if level == "region" else c for c in missing[:8])
                names += f" and {len(missing) - 8} more" if len(missing) > 8 else ""
                make = error if level == "region" else warning
                problems.append(
                    make(
                        file,
                        None,
                        "area",
                        f"{ident} has no {level} row (sex totalt) in {year} for {len(missing)} of {len(codes)} {noun}: {names}",
                        f"a row for every {level} in the base year ({ind.base_year}) and the latest year ({latest}); "
                        'an empty value with a reason in "missing" is fine',
                    )
                )
    return problems


# --- the regions' survey --------------------------------------------------------------------------

_CANNOT_WORDS = {"kan ej", "andelen kan inte uppskattas", "antalet kan inte uppskattas", "kan inte uppskattas"}
_NOT_TICKED_WORDS = {".", "ej markerad"}
_WORDS = {"ja": JA, "x": JA, "nej": "Nej", "delvis": "Delvis"}


def normalise_region_answers(df: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Adds ``raw`` (as written), ``answer`` (normalised) and ``number`` (numeric answers)."""
    questions = ctx.catalogue.questions
    raw = df["answer"].astype(str).str.strip()
    low = raw.str.lower().str.replace(r"\s+", " ", regex=True)
    kind = df["question"].map({q.id: q.kind for q in questions.values()}).fillna("")
    answer = pd.Series("", index=df.index, dtype=object)
    answer = answer.mask(low.isin(_CANNOT_WORDS), CANNOT)
    answer = answer.mask(low.isin(_NOT_TICKED_WORDS), NOT_TICKED)
    answer = answer.mask(low.isin(list(_WORDS)), low.map(_WORDS))
    choice = {f"{q.id}{SEP}{a.lower()}": a for q in questions.values() for a in q.answers}
    chosen = (df["question"] + SEP + low).map(choice)
    answer = answer.mask(chosen.notna() & answer.eq(""), chosen)
    numeric = kind.isin(NUMERIC_KINDS)
    parsed, bad = parse_numbers(raw.where(numeric & answer.eq(""), ""))
    number = parsed.where(numeric)
    out = df.copy()
    out["raw"] = raw
    out["answer"] = answer.astype(str)
    out["number"] = number.astype("float64")
    return out


def check_survey_regions(df: pd.DataFrame, ctx: Context) -> list[Problem]:
    """Rules for survey_regions (after :func:`normalise_region_answers`)."""
    cat = ctx.catalogue
    questions = {k: q for k, q in cat.questions.items() if q.respondent == "region"}
    problems: list[Problem] = []
    ok = ~df[BAD]
    problems += _question_problems(df, ok, questions, cat, "region")
    ok &= df["question"].isin(list(questions))
    problems += _option_problems(df, ok, questions)
    ok &= _option_ok(df, questions)
    regions = set(ctx.region_codes)
    bad_area = ok & ~df["area"].isin(regions)
    problems += grouped(
        df,
        bad_area,
        ["area"],
        lambda k, f, r, more: error(
            f, r, "area", f"unknown region code {k[0]!r}{more}", "a länskod from the catalogue's regions.csv (01–25); riket does not answer"
        ),
    )
    problems += _survey_year_problems(df, ok, questions, ctx)

    # answers
    empty = ok & df["raw"].eq("")
    problems += per_row(
        df,
        empty,
        lambda r: error(r["source_file"], int(r["source_row"]), "answer", "the answer is empty", 'an answer; "." for an option that was not ticked'),
    )
    allowed = {f"{q.id}{SEP}{a}" for q in questions.values() for a in q.answers}
    kind = df["question"].map({q.id: q.kind for q in questions.values()})
    numeric = kind.isin(NUMERIC_KINDS)
    valid = (df["question"] + SEP + df["answer"]).isin(allowed) | (numeric & df["number"].notna())
    wrong = ok & ~empty & ~valid
    problems += grouped(
        df,
        wrong,
        ["question", "raw"],
        lambda k, f, r, more: error(
            f, r, "answer", f"question {k[0]}: {k[1]!r} is not an allowed answer{more}", _allowed_text(questions[k[0]])
        ),
    )
    pct = ok & kind.eq("percent") & df["number"].notna() & ((df["number"] < 0) | (df["number"] > 100))
    problems += per_row(
        df,
        pct,
        lambda r: error(
            r["source_file"], int(r["source_row"]), "answer", f"question {r['question']}: {r['raw']!r} is outside 0–100 for a percentage", "a percentage between 0 and 100"
        ),
    )
    cnt = df["number"]
    neg = ok & kind.eq("count") & cnt.notna() & (cnt < 0)
    problems += per_row(
        df, neg, lambda r: error(r["source_file"], int(r["source_row"]), "answer", f"question {r['question']}: {r['raw']!r} is negative", "a count of 0 or more")
    )
    frac = ok & kind.eq("count") & cnt.notna() & (cnt != np.floor(cnt))
    problems += per_row(
        df,
        frac,
        lambda r: warning(r["source_file"], int(r["source_row"]), "answer", f"question {r['question']}: {r['raw']!r} is not a whole number", "a count of persons"),
    )
    problems += duplicates(df.loc[ok], ("question", "option", "year", "area"), "question, option, year and region")
    problems += _answer_coverage(df.loc[ok & ~bad_area], questions, ctx)
    problems += _report_year_problems(df, ok, ctx, "survey_regions", "the regions' answers")
    return problems


def _report_year_problems(df: pd.DataFrame, ok: pd.Series, ctx: Context, stem: str, what: str) -> list[Problem]:
    """The report describes its reference year: a survey without answers that year cannot be reported."""
    if not ctx.report_year or df.empty or (ok & df["year"].eq(ctx.report_year)).any():
        return []
    years = sorted(int(y) for y in df.loc[ok, "year"].unique())
    found = f" (it has {', '.join(map(str, years))})" if years else ""
    file = str(df["source_file"].iloc[0]) if len(df) else f"{stem}.csv"
    return [
        error(
            file,
            None,
            "year",
            f"no answers for the report year {ctx.report_year}{found}; the report describes {what} that year",
            f"rows for {ctx.report_year}, or the reference year of the data in report.toml",
        )
    ]


def _allowed_text(q) -> str:
    if q.kind == "percent":
        return 'a percentage such as "72 %" or 72, or "kan ej" ("Andelen kan inte uppskattas")'
    if q.kind == "count":
        return 'a number such as "1 600 000", or "kan ej" ("Antalet kan inte uppskattas")'
    shown = [f'"." ({a})' if a == NOT_TICKED else a for a in q.answers]
    return "one of " + ", ".join(shown)


def _question_problems(df, ok, questions, cat, respondent) -> list[Problem]:
    wrong = ok & ~df["question"].isin(list(questions))
    other = "kommun" if respondent == "region" else "region"
    target = "survey_municipalities" if respondent == "region" else "survey_regions"

    def build(k, f, r, more):
        q = cat.questions.get(k[0])
        if q is not None:
            return error(f, r, "question", f"question {k[0]!r} is a {other} question{more}", f"{other} questions in {target}")
        return error(
            f,
            r,
            "question",
            f"unknown question {k[0]!r}{more}{suggest(k[0], list(questions))}",
            f"a {respondent} question id from the catalogue (survey.toml)",
        )

    return grouped(df, wrong, ["question"], build)


def _option_ok(df: pd.DataFrame, questions) -> pd.Series:
    valid = {f"{q.id}{SEP}{o.id}" for q in questions.values() for o in q.options}
    valid |= {f"{q.id}{SEP}" for q in questions.values() if not q.options}
    return (df["question"] + SEP + df["option"]).isin(valid)


def _option_problems(df: pd.DataFrame, ok: pd.Series, questions) -> list[Problem]:
    wrong = ok & ~_option_ok(df, questions)

    def build(k, f, r, more):
        q = questions[k[0]]
        if not q.options:
            return error(f, r, "option", f"question {q.id} has no options but the row names {k[1]!r}{more}", "an empty option")
        if k[1] == "":
            return error(f, r, "option", f"question {q.id} needs an option{more}", "one of " + ", ".join(o.id for o in q.options))
        return error(
            f, r, "option", f"question {q.id}: unknown option {k[1]!r}{more}{suggest(k[1], [o.id for o in q.options])}", "one of " + ", ".join(o.id for o in q.options)
        )

    return grouped(df, wrong, ["question", "option"], build)


def _survey_year_problems(df, ok, questions, ctx: Context) -> list[Problem]:
    problems = []
    if ctx.report_year:
        late = ok & (df["year"] > ctx.report_year)
        problems += grouped(
            df,
            late,
            ["year"],
            lambda k, f, r, more: error(f, r, "year", f"{fmt(k[0])} is after the report year {ctx.report_year}{more}", f"{ctx.report_year} or earlier"),
        )
    asked = {f"{q.id}{SEP}{y}" for q in questions.values() for y in q.years}
    has_years = df["question"].map({q.id: bool(q.years) for q in questions.values()}).fillna(False).astype(bool)
    key = df["question"] + SEP + df["year"].map(lambda y: str(int(y)) if y == y else "").astype(str)  # str also for 0 rows
    not_asked = ok & has_years & ~key.isin(asked)
    problems += grouped(
        df,
        not_asked,
        ["question", "year"],
        lambda k, f, r, more: warning(
            f, r, "year", f"question {k[0]} was not asked in {fmt(k[1])} according to the catalogue{more}", "one of " + ", ".join(map(str, questions[k[0]].years))
        ),
    )
    return problems


def _answer_coverage(df: pd.DataFrame, questions, ctx: Context) -> list[Problem]:
    """Every region answers every option of a question it was asked (a warning when not)."""
    problems = []
    regions = ctx.region_codes
    if df.empty:
        return problems
    seen = df.groupby(["question", "year"])["source_file"].first()
    have = df.groupby(["question", "year", "option"])["area"].agg(set)
    for (qid, year), file in seen.items():
        q = questions[qid]
        for opt in [o.id for o in q.options] or [""]:
            got = have.get((qid, year, opt), set())
            missing = [c for c in regions if c not in got]
            if missing:
                names = ", ".join(ctx.region_label(c) for c in missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
                problems.append(
                    warning(
                        file,
                        None,
                        "area",
                        f"question {qid}{' option ' + opt if opt else ''} {int(year)}: no answer from {len(missing)} of {len(regions)} regions: {names}",
                        "an answer from every region",
                    )
                )
    return problems


# --- the municipalities' survey --------------------------------------------------------------


def check_survey_municipalities(df: pd.DataFrame, ctx: Context) -> list[Problem]:
    cat = ctx.catalogue
    questions = {k: q for k, q in cat.questions.items() if q.respondent == "kommun"}
    problems: list[Problem] = []
    ok = ~df[BAD]
    problems += _question_problems(df, ok, questions, cat, "kommun")
    ok &= df["question"].isin(list(questions))
    problems += _option_problems(df, ok, questions)
    ok &= _option_ok(df, questions)
    problems += _area_problems(df, ok, ctx)
    ok &= df["level"].isin(LEVELS)
    problems += _survey_year_problems(df, ok, questions, ctx)
    v = df["value"]
    empty = ok & v.isna()
    problems += per_row(
        df,
        empty,
        lambda r: error(r["source_file"], int(r["source_row"]), "value", "the value is empty", "a share in percent between 0 and 100"),
    )
    outside = ok & v.notna() & ((v < 0) | (v > 100))
    problems += per_row(
        df,
        outside,
        lambda r: error(
            r["source_file"], int(r["source_row"]), "value", f"{r[RAW_VALUE]} is outside 0–100 for a percentage", "a share in percent between 0 and 100"
        ),
    )
    problems += duplicates(df.loc[ok], ("question", "option", "year", "level", "area"), "question, option, year, level and area")
    problems += _report_year_problems(df, ok, ctx, "survey_municipalities", "the kommuner's answers")
    return problems
