"""The broken-package corpus: what careless or hostile hands do to a data package.

Each case changes a valid package (``mini_package``) in one way and names
what ``validate`` must answer: a fragment of the message, the file, and the
column (and row) where there is one. The test runs every case through
``naravard validate`` and requires a clear error and never a traceback.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    name: str
    edit: Callable[[Path], None]
    expect: str  # a fragment of the error message (case-insensitive regular expression)
    file: str  # the file the error names
    column: str | None = None
    row: bool = False  # the error names a row


CASES: list[Case] = []


def case(name: str, expect: str, file: str, column: str | None = None, row: bool = False):
    def register(fn):
        CASES.append(Case(name, fn, expect, file, column, row))
        return fn

    return register


def cases(name: str, expect: str, file: str, column: str | None, row: bool, variants: dict[str, Callable[[Path], None]]):
    for suffix, fn in variants.items():
        CASES.append(Case(f"{name}-{suffix}", fn, expect, file, column, row))


# ---- helpers --------------------------------------------------------------------------------


def text(pkg: Path, name: str) -> str:
    return (pkg / name).read_text(encoding="utf-8")


def write(pkg: Path, name: str, content: str | bytes) -> None:
    path = pkg / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def toml_set(pkg: Path, name: str, key: str, value: str | None) -> None:
    """Set (or with None remove) ``key = …`` in a TOML file; *key* may be ``table.key``."""
    table, _, key = key.rpartition(".")
    lines, current, out, done = text(pkg, name).splitlines(), "", [], False
    for line in lines:
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            if not done and current == table and value is not None:
                out.append(f"{key} = {value}")
                done = True
            current = header.group(1)
        if current == table and re.match(rf"\s*{re.escape(key)}\s*=", line):
            if value is not None:
                out.append(f"{key} = {value}")
            done = True
            continue
        out.append(line)
    if not done and value is not None:
        out.insert(0, f"{key} = {value}") if table == "" else out.append(f"{key} = {value}")
    write(pkg, name, "\n".join(out) + "\n")


def rows(pkg: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text(pkg, name))))


def write_rows(pkg: Path, name: str, data: list[dict[str, str]], fields: list[str] | None = None) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields or list(data[0]), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(data)
    write(pkg, name, out.getvalue())


def set_cell(pkg: Path, name: str, index: int, **cells: str) -> None:
    """Change cells of the data row *index* (0 = first data row, spreadsheet row 2)."""
    data = rows(pkg, name)
    data[index].update(cells)
    write_rows(pkg, name, data)


def first(pkg: Path, name: str, **match: str) -> int:
    for i, row in enumerate(rows(pkg, name)):
        if all(row[k] == v for k, v in match.items()):
            return i
    raise LookupError(match)


def drop_rows(pkg: Path, name: str, keep: Callable[[dict], bool]) -> None:
    data = rows(pkg, name)
    write_rows(pkg, name, [r for r in data if keep(r)], list(data[0]))


READMIT = "oplanerade_aterinskrivningar"
IND, COSTS, SR, SM, REPORT, METHOD = "indicators.csv", "costs.csv", "survey_regions.csv", "survey_municipalities.csv", "report.toml", "method.toml"


def national(pkg: Path) -> int:
    return first(pkg, IND, indicator=READMIT, level="riket", sex="totalt", year="2024")


def region_row(pkg: Path, area: str = "01", year: str = "2024") -> int:
    return first(pkg, IND, indicator=READMIT, level="region", sex="totalt", year=year, area=area)


# ---- files ------------------------------------------------------------------------------------

for stem in ("report.toml", IND, SR, SM, COSTS):
    CASES.append(Case(f"missing-{stem}", lambda p, s=stem: (p / s).unlink(), "missing|no readable", stem))


@case("two-files-for-one-table", "2 files hold the same table", "indicators.csv")
def _(p):
    (p / "indicators.xlsx").write_bytes((p / IND).read_bytes())


@case("table-folder-named-csv", "missing", "indicators.csv")
def _(p):
    (p / IND).unlink()
    (p / IND).mkdir()


# ---- report.toml --------------------------------------------------------------------------------

REQUIRED = ("year", "title", "subtitle", "publisher", "article_number", "published", "edition", "assignment",
            "foreword_signature", "foreword_signature_title")
for key in REQUIRED:
    CASES.append(Case(f"report-without-{key}", lambda p, k=key: toml_set(p, REPORT, k, None), "the key is missing", REPORT, key))

for name, key, value, expect in (
    ("year-as-text", "year", '"2024"', "is not a year"),
    ("year-long-ago", "year", "1850", "is not a year"),
    ("year-as-float", "year", "2024.0", "is not a year"),
    ("year-as-bool", "year", "true", "is not a year"),
    ("title-number", "title", "12", "is not text"),
    ("title-empty", "title", '""', "is not text"),
    ("title-blank", "title", '"   "', "is not text"),
    ("title-list", "title", '["a", "b"]', "is not text"),
    ("subtitle-table", "subtitle", "{ a = 1 }", "is not text"),
    ("published-not-a-date", "published", '"den 29 augusti"', "is not a date"),
    ("published-impossible", "published", '"2025-02-30"', "is not a date"),
    ("published-before-year", "published", "2023-06-01", "before the reference year"),
    ("leads-number", "project_leads", "42", "is not a list of names"),
    ("leads-list-with-number", "project_leads", '["Anna", 3]', "is not a list of names"),
    ("contributors-empty-name", "contributors", '["Anna", ""]', "is not a list of names"),
    ("language-word", "language", '"svenska"', "is not a language code"),
    ("language-script", "language", '"sv\\"><script>"', "is not a language code"),
    ("title-control-character", "title", '"Rapport\\u0007"', "control characters"),
    ("publisher-direction-override", "publisher", '"Social\\u202Estyrelsen"', "control characters"),
    ("contributor-cjk", "contributors", '["王小明"]', "fonts cannot show"),
    ("signature-private-use", "foreword_signature", '"Björn \\uE000"', "fonts cannot show"),
    ("unit-head-nul", "unit_head", '"Petra\\u0000"', "control characters"),
):
    CASES.append(Case(f"report-{name}", lambda p, k=key, v=value: toml_set(p, REPORT, k, v), expect, REPORT, key))

for name, content, expect in (
    ("empty", b"", "the key is missing"),
    ("not-utf8", "title = \"Uppföljning\"\n".encode("cp1252"), "not UTF-8"),
    ("utf16", "year = 2024\n".encode("utf-16"), "not UTF-8"),
    ("syntax", b"year = 2024\ntitle = Uppf\n", "not valid TOML"),
    ("unclosed-string", b'year = 2024\ntitle = "Uppf\n', "not valid TOML"),
    ("duplicate-key", b"year = 2024\nyear = 2025\n", "not valid TOML"),
    ("deep-array", b"year = " + b"[" * 50000 + b"]" * 50000 + b"\n", "nested too deeply|not valid TOML"),
    ("huge", b"# " + b"x" * 1_100_000 + b"\n", "a settings file is a few kilobytes"),
    ("binary", bytes(range(256)) * 4, "not UTF-8|not valid TOML"),
):
    CASES.append(Case(f"report-file-{name}", lambda p, c=content: write(p, REPORT, c), expect, REPORT))


# ---- indicators.csv: the file -------------------------------------------------------------------

for name, make, expect in (
    ("empty", lambda p: b"", "the file is empty"),
    ("binary", lambda p: bytes(range(256)) * 64, "not text"),
    ("random-bytes", lambda p: bytes((i * 7919 + 13) % 256 for i in range(20000)), "not text"),
    ("zip-named-csv", lambda p: b"PK\x03\x04" + b"\x00" * 200, "an Excel workbook"),
    ("parquet-named-csv", lambda p: b"PAR1" + b"\x00" * 200, "a Parquet file"),
    ("pdf-named-csv", lambda p: b"%PDF-1.7\n" + b"x" * 100, "a PDF document"),
    ("header-only-wrong", lambda p: b"foo;bar\n1;2\n", "missing required column"),
    ("ragged-row", lambda p: (p / IND).read_bytes() + b"x,1,2,3,4,5,6,7,8,9,10,11,12,13,14\n", "fields but the header has"),
    ("decimal-comma-unquoted", lambda p: (p / IND).read_bytes().replace(b",9.7,", b",9,7,", 1), "decimal comma"),
    ("duplicate-column", lambda p: (p / IND).read_bytes().replace(b"synthetic\n", b"value\n", 1), 'the column "value" appears twice'),
):
    CASES.append(Case(f"indicators-file-{name}", lambda p, m=make: write(p, IND, m(p)), expect, IND))


@case("indicators-file-too-large", "at most 100 MB", IND)
def _(p):
    with (p / IND).open("r+b") as fh:
        fh.truncate(101_000_000)  # sparse: no disk used


@case("indicators-utf16-without-bom-duplicate", "appears twice", IND)
def _(p):
    raw = text(p, IND).replace("synthetic\n", "year\n", 1)
    write(p, IND, raw.encode("utf-16-le"))


# ---- indicators.csv: cells and rules ---------------------------------------------------------------

for name, cells, expect, column in (
    ("unknown-indicator", {"indicator": "okand_indikator"}, "unknown indicator", "indicator"),
    ("misspelt-indicator", {"indicator": "oplanerade_aterinskrivning"}, "did you mean", "indicator"),
    ("year-text", {"year": "tjugotjugofyra"}, "not a whole year", "year"),
    ("year-fraction", {"year": "2024.5"}, "not a whole year", "year"),
    ("year-empty", {"year": ""}, "the cell is empty", "year"),
    ("year-too-late", {"year": "2031"}, "outside the series|after", "year"),
    ("year-before-series", {"year": "1999"}, "outside the series", "year"),
    ("level-unknown", {"level": "landsting"}, "unknown level", "level"),
    ("area-unknown-region", {"level": "region", "area": "99"}, "unknown region code", "area"),
    ("area-riket-code-for-region", {"level": "region", "area": "00"}, "unknown region code", "area"),
    ("area-letters", {"area": "AB"}, "unknown region code", "area"),
    ("sex-unknown", {"sex": "alla"}, "unknown sex", "sex"),
    ("value-text", {"value": "hög"}, "not a number", "value"),
    ("value-with-unit", {"value": "12 st"}, "not a number", "value"),
    ("value-nan", {"value": "nan"}, "not a number", "value"),
    ("value-infinite", {"value": "inf"}, "not a number", "value"),
    ("value-two-commas", {"value": "1,2,3"}, "not a number", "value"),
    ("value-negative", {"value": "-3", "numerator": "", "denominator": "", "ci_lower": "", "ci_upper": ""}, "negative|0–100|0 or more", "value"),
    ("percent-over-100", {"value": "140", "numerator": "", "denominator": "", "ci_lower": "", "ci_upper": ""}, "100", "value"),
    ("ci-lower-only", {"ci_upper": ""}, "confidence limit", None),
    ("ci-crossed", {"ci_lower": "9.9", "ci_upper": "9.5"}, "confidence limit", None),
    ("ci-not-enclosing", {"ci_lower": "10.5", "ci_upper": "11"}, "does not enclose", None),
    ("numerator-above-denominator", {"numerator": "70000"}, "greater than the denominator", "numerator"),
    ("denominator-zero", {"denominator": "0"}, "the denominator is 0", "denominator"),
    ("numerator-negative", {"numerator": "-5"}, "negative", "numerator"),
    ("numerator-text", {"numerator": "många"}, "not a number", "numerator"),
    ("value-as-fraction", {"value": "0.097", "ci_lower": "", "ci_upper": ""}, "is a fraction", "value"),
    ("synthetic-unclear", {"synthetic": "kanske"}, "not true or false", "synthetic"),
    ("missing-control-character", {"value": "", "numerator": "", "denominator": "", "ci_lower": "", "ci_upper": "", "missing": "Saknas\x07"}, "control characters", "missing"),
    ("missing-cjk", {"value": "", "numerator": "", "denominator": "", "ci_lower": "", "ci_upper": "", "missing": "数据缺失"}, "fonts cannot show", "missing"),
):
    CASES.append(Case(f"indicators-{name}", lambda p, c=cells: set_cell(p, IND, region_row(p), **c), expect, IND, column, True))

CASES.append(Case("indicators-duplicate-row", lambda p: write(p, IND, text(p, IND) + text(p, IND).splitlines()[region_row(p) + 1] + "\n"), "duplicate of", IND, None, True))
CASES.append(Case("indicators-period-cjk", lambda p: write(p, IND, text(p, IND).replace("februari–mars", "二月–三月")), "fonts cannot show", IND, "period", True))
CASES.append(Case("indicators-region-missing-latest", lambda p: drop_rows(p, IND, lambda r: not (r["indicator"] == READMIT and r["area"] == "14" and r["year"] == "2024")), "no region row", IND, "area"))
CASES.append(Case("indicators-region-missing-base", lambda p: drop_rows(p, IND, lambda r: not (r["indicator"] == READMIT and r["area"] == "03" and r["year"] == "2017")), "no region row", IND, "area"))
CASES.append(Case("indicators-no-rows-for-core", lambda p: drop_rows(p, IND, lambda r: r["indicator"] != READMIT), "no rows for core indicator", IND, "indicator"))
CASES.append(Case("indicators-national-all-empty", lambda p: write_rows(p, IND, [dict(r, value="", numerator="", denominator="", ci_lower="", ci_upper="", missing="Saknas") if r["indicator"] == READMIT and r["level"] == "riket" else r for r in rows(p, IND)]), "no national value", IND, "indicator"))
CASES.append(Case("indicators-missing-column-year", lambda p: write_rows(p, IND, rows(p, IND), [c for c in rows(p, IND)[0] if c != "year"]), 'missing required column "year"', IND, "year"))
CASES.append(Case("indicators-missing-column-value", lambda p: write_rows(p, IND, rows(p, IND), [c for c in rows(p, IND)[0] if c != "value"]), 'missing required column "value"', IND, "value"))

# ---- costs.csv --------------------------------------------------------------------------------

CASES.append(Case("costs-no-rows", lambda p: write(p, COSTS, text(p, COSTS).splitlines()[0] + "\n"), "no rows for cost measure", COSTS, "indicator"))
CASES.append(Case("costs-value-text", lambda p: set_cell(p, COSTS, 0, value="sju tusen"), "not a number", COSTS, "value", True))
CASES.append(Case("costs-negative", lambda p: set_cell(p, COSTS, 0, value="-7300"), "negative|0 or more", COSTS, "value", True))

# ---- survey_regions.csv -------------------------------------------------------------------------

SR_FIRST = 0
for name, cells, expect, column in (
    ("unknown-question", {"question": "999"}, "unknown question", "question"),
    ("kommun-question", {"question": "k.andrat_arbetssatt", "option": "aldre"}, "is a kommun question", "question"),
    ("option-for-plain-question", {"option": "extra"}, "has no options", "option"),
    ("area-riket", {"area": "00"}, "unknown region code", "area"),
    ("area-unknown", {"area": "77"}, "unknown region code", "area"),
    ("answer-empty", {"answer": ""}, "the answer is empty", "answer"),
    ("answer-not-allowed", {"answer": "Kanske"}, "not an allowed answer", "answer"),
    ("year-after-report", {"year": "2025"}, "after the report year", "year"),
    ("year-text", {"year": "i fjol"}, "not a whole year", "year"),
    ("synthetic-unclear", {"synthetic": "ibland"}, "not true or false", "synthetic"),
):
    CASES.append(Case(f"survey-regions-{name}", lambda p, c=cells: set_cell(p, SR, first(p, SR, question="2", year="2024"), **c), expect, SR, column, True))

for name, cells, expect in (
    ("percent-over-100", {"answer": "140 %"}, "outside 0–100"),
    ("percent-text", {"answer": "många"}, "not an allowed answer"),
):
    CASES.append(Case(f"survey-regions-{name}", lambda p, c=cells: set_cell(p, SR, first(p, SR, question="35", year="2024"), **c), expect, SR, "answer", True))

CASES.append(Case("survey-regions-option-missing", lambda p: set_cell(p, SR, first(p, SR, question="13"), option=""), "needs an option", SR, "option", True))
CASES.append(Case("survey-regions-option-unknown", lambda p: set_cell(p, SR, first(p, SR, question="13"), option="vard_i_hemme"), "unknown option", SR, "option", True))
CASES.append(Case("survey-regions-duplicate", lambda p: write(p, SR, text(p, SR) + text(p, SR).splitlines()[1] + "\n"), "duplicate of", SR, None, True))
CASES.append(Case("survey-regions-no-report-year", lambda p: drop_rows(p, SR, lambda r: r["year"] != "2024"), "no answers for the report year", SR, "year"))
CASES.append(Case("survey-regions-missing-column", lambda p: write_rows(p, SR, rows(p, SR), ["question", "option", "year", "area", "synthetic"]), 'missing required column "answer"', SR, "answer"))

# ---- survey_municipalities.csv ---------------------------------------------------------------------

for name, cells, expect, column in (
    ("unknown-question", {"question": "k.okand"}, "unknown question", "question"),
    ("region-question", {"question": "2", "option": ""}, "is a region question", "question"),
    ("value-empty", {"value": ""}, "the value is empty", "value"),
    ("value-over-100", {"value": "120"}, "outside 0–100", "value"),
    ("value-text", {"value": "de flesta"}, "not a number|share in percent", "value"),
    ("level-unknown", {"level": "län"}, "unknown level", "level"),
    ("option-unknown", {"option": "alla"}, "unknown option", "option"),
    ("year-after-report", {"year": "2026"}, "after the report year", "year"),
):
    CASES.append(Case(f"survey-municipalities-{name}", lambda p, c=cells: set_cell(p, SM, 0, **c), expect, SM, column, True))

CASES.append(Case("survey-municipalities-duplicate", lambda p: write(p, SM, text(p, SM) + text(p, SM).splitlines()[1] + "\n"), "duplicate of", SM, None, True))
CASES.append(Case("survey-municipalities-no-report-year", lambda p: write_rows(p, SM, [dict(r, year="2023") for r in rows(p, SM)]), "no answers for the report year", SM, "year"))

# ---- method.toml -----------------------------------------------------------------------------------

for name, key, value, expect in (
    ("edition-missing", "edition", None, "the key is missing"),
    ("edition-zero", "edition", "0", "is not a whole number of at least 1"),
    ("edition-text", "edition", '"tredje"', "is not a whole number"),
    ("period-from-text", "period_from", '"2019"', "is not a year"),
    ("quality-declaration-number", "quality_declaration", "95010", "is not text"),
    ("quality-declaration-control", "quality_declaration", '"95010\\u001b[31m"', "control characters"),
    ("regioner-population-wrong", "surveys.regioner.population", "22", "population|regions"),
    ("regioner-answered-too-many", "surveys.regioner.answered", "30", "more than the"),
    ("regioner-end-before-start", "surveys.regioner.end", "2024-01-01", "ends"),
    ("regioner-start-missing", "surveys.regioner.start", None, "the key is missing"),
    ("rss-end-missing", "surveys.rss.end", None, "the key is missing"),
    ("rss-start-not-date", "surveys.rss.start", '"snart"', "is not a date"),
    ("rss-reminders-negative", "surveys.rss.reminders", "-1", "is not a whole number"),
    ("kommuner-population-wrong", "surveys.kommuner.population", "289", "population|kommuner"),
    ("kommuner-via-unknown", "surveys.kommuner.via", '"post"', "is not a survey"),
    ("extra-question-topic-missing", "extra_question.topic", None, "the key is missing"),
    ("extra-question-answered-too-many", "extra_question.answered", "700", "more than the"),
    ("extra-question-topic-cjk", "extra_question.topic", '"结果"', "fonts cannot show"),
    ("study-unknown-county", "deepening_study.counties", '["21", "99"]', "länskod|unknown"),
    ("study-interviews-text", "deepening_study.interviews", '"många"', "is not a whole number"),
    ("assignment-month-13", "assignment.interim_month", "13", "month"),
    ("assignment-missing-key", "assignment.decided", None, "the key is missing"),
):
    CASES.append(Case(f"method-{name}", lambda p, k=key, v=value: toml_set(p, METHOD, k, v), expect, METHOD, key))

for name, content, expect in (
    ("not-utf8", "edition = 3\nquality_declaration = \"Å\"\n".encode("cp1252"), "not UTF-8"),
    ("syntax", b"edition = \n", "not valid TOML"),
    ("deep-table", b"a = " + b"{b = " * 3000 + b"1" + b"}" * 3000 + b"\n", "nested too deeply|not valid TOML"),
    ("no-surveys", b"edition = 3\nperiod_from = 2019\n", "the table is missing"),
    ("surveys-not-a-table", b"edition = 3\nperiod_from = 2019\nsurveys = 5\n", "is not a table"),
):
    CASES.append(Case(f"method-file-{name}", lambda p, c=content: write(p, METHOD, c), expect, METHOD))

# ---- Excel and Parquet -------------------------------------------------------------------------------


def _to_xlsx(p: Path, stem: str, change=None) -> None:
    import openpyxl

    data = list(csv.reader(io.StringIO(text(p, f"{stem}.csv"))))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = stem
    for row in data:
        sheet.append(row)
    if change:
        change(sheet)
    (p / f"{stem}.csv").unlink()
    book.save(p / f"{stem}.xlsx")


def _formula(sheet) -> None:
    sheet["G3"] = "=G2*2"  # openpyxl saves no value with a formula: as a program that does not calculate


CASES.append(Case("xlsx-formula-without-value", lambda p: _to_xlsx(p, "indicators", _formula), "formula cell without a saved value: G3", "indicators.xlsx"))
CASES.append(Case("xlsx-encrypted", lambda p: ((p / IND).unlink(), write(p, "indicators.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)), "password-protected", "indicators.xlsx"))
CASES.append(Case("xlsx-truncated", lambda p: (_to_xlsx(p, "indicators"), write(p, "indicators.xlsx", (p / "indicators.xlsx").read_bytes()[:600])), "cannot", "indicators.xlsx"))
CASES.append(Case("xlsx-not-a-workbook", lambda p: ((p / IND).unlink(), write(p, "indicators.xlsx", b"indicator;year\n")), "not an Excel workbook", "indicators.xlsx"))
CASES.append(Case("xlsm-value-text", lambda p: (_to_xlsx(p, "survey_municipalities", lambda s: s.__setitem__("F2", "många")), (p / "survey_municipalities.xlsx").rename(p / "survey_municipalities.xlsm")), "not a number|share in percent", "survey_municipalities.xlsm", "value", True))
CASES.append(Case("parquet-corrupt", lambda p: ((p / SM).unlink(), write(p, "survey_municipalities.parquet", b"PAR1" + b"\x13" * 300 + b"PAR1")), "cannot read the file", "survey_municipalities.parquet"))
CASES.append(Case("parquet-not-parquet", lambda p: ((p / SM).unlink(), write(p, "survey_municipalities.parquet", b"question,value\n")), "not a Parquet file", "survey_municipalities.parquet"))
