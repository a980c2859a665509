"""The validated shapes everything after the data stage relies on.

Loading and validation (``naravard.data.package``) turn a data package on disk
into these objects once; from then on code trusts them. Field names are the
contract between the data stage and the analysis stage, documented for data
producers in ``docs/data-package.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

RIKET = "00"  # area code of the whole country, as in SCB's tables
LEVELS = ("riket", "region", "kommun")
SEXES = ("totalt", "kvinnor", "män", "pojkar", "flickor")
DIRECTIONS = ("higher", "lower")  # which way is better

# The units an indicator can be measured in: key -> what it measures, as a value axis names it.
# How each is written in prose, tables and on axes is the text stage's (naravard.text.units).
UNITS: Mapping[str, str] = {
    "procent": "procent",
    "index": "indexvärde (0–100)",
    "antal": "antal",
    "per_100000_invanare": "per 100\u00a0000 invånare",
    "per_100000_personar": "per 100\u00a0000 personår",
    "per_1000_invanare": "per 1\u00a0000 invånare",
    "per_100_vardplatser": "per 100 disponibla vårdplatser",
    "kronor_per_invanare": "kronor per invånare",
    "kronor": "kronor",
    # the facts and examples tables (facts.csv, example_numbers.csv)
    "miljoner": "miljoner",
    "miljoner_kronor": "miljoner kronor",
    "timmar_per_vecka": "timmar per vecka",
    "av_10": "antal av 10",
}
BOUNDED_UNITS = frozenset({"procent", "index"})  # values between 0 and 100

# Columns of the long indicator table after loading (order kept in outputs).
INDICATOR_COLUMNS = (
    "indicator",  # catalogue id
    "year",  # int: calendar year, or the year a measurement period falls in
    "period",  # str label for non-calendar periods ("februari–mars"), else ""
    "level",  # riket | region | kommun
    "area",  # "00" for riket, länskod "01".."25", kommunkod "0114"
    "sex",  # totalt | kvinnor | män | pojkar | flickor
    "value",  # float, NaN when missing
    "numerator",  # float or NaN
    "denominator",  # float or NaN
    "ci_lower",  # 95 % confidence limits, float or NaN
    "ci_upper",
    "missing",  # why value is missing ("" when present)
    "synthetic",  # bool: generated for the sample, not published
    "source_file",  # file the row came from (relative to the package)
    "source_row",  # 1-based row number as a spreadsheet shows it (header = 1)
)

SURVEY_REGION_COLUMNS = (
    "question",  # catalogue question id ("2", "13", "35")
    "option",  # sub-question / option id, "" when the question has none
    "year",
    "area",  # länskod
    "answer",  # normalised answer: Ja | Nej | Delvis | ej markerad | kan ej | other option label
    "number",  # float for percent/count questions, else NaN
    "raw",  # the answer as written in the file
    "reported",  # normalised: what the region itself answered, when `answer` is Socialstyrelsen's correction ("" otherwise)
    "reported_number",  # float for a corrected percent/count answer, else NaN
    "note",  # Socialstyrelsen's note on this answer (printed under its table), "" when none
    "synthetic",  # bool: generated for the sample, not published
    "source_file",
    "source_row",
)

SURVEY_MUNICIPALITY_COLUMNS = (
    "question",  # catalogue question id ("k.arbetssatt")
    "option",
    "year",
    "level",  # riket | region (län) | kommun
    "area",
    "value",  # share in percent (0–100) of municipalities or of län, per the question's unit
    "synthetic",
    "source_file",
    "source_row",
)


@dataclass(frozen=True)
class Region:
    code: str  # länskod, "01"
    short_name: str  # "Kalmar" (tables)
    region_name: str  # "Region Kalmar län", "Västra Götalandsregionen" (survey prose)
    county_name: str  # "Kalmar län", "Skåne" (register prose)
    county_locative: str  # "i Kalmar län", "på Gotland"


@dataclass(frozen=True)
class Municipality:
    code: str  # kommunkod, "0114"
    name: str
    county: str  # länskod


@dataclass(frozen=True)
class Definition:
    valid_from: int  # first report year this wording holds for
    text: str  # "Mått"
    note: str = ""  # what changed, printed in Bilaga 2


@dataclass(frozen=True)
class Period:
    """A span of time that is a fact of the world, not of one report year: the covid-19 pandemic."""

    start: dt.date
    end: dt.date

    def holds_year(self, year: int) -> bool:
        """Whether any of *year* lies in the period."""
        return self.start.year <= year <= self.end.year

    def touches(self, years) -> bool:
        return any(self.holds_year(int(y)) for y in years)


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str  # full name (Tabell 1, figure titles)
    short_name: str
    core_number: int | None  # 1–12 for the kärnindikatorer, else None
    definitions: tuple[Definition, ...]
    subtitle: str  # figure subtitle line: population and unit
    unit: str  # key into UNITS
    decimals: int
    direction: str | None  # higher | lower | None (no desired direction)
    keywords: tuple[str, ...]  # Mål för god och nära vård, nyckelord
    chapter: str
    source: str  # data source as printed after "Källa:"
    producer: str
    base_year: int  # comparison year (2017 unless data start later)
    first_year: int  # first year of the published series
    sexes: tuple[str, ...] = ("totalt", "kvinnor", "män")
    regional: bool = True  # all 21 regions expected
    covid_band: bool = True
    covid_period: Period | None = None  # the catalogue's pandemic when covid_band is set: what its figures mark
    focus: str = ""
    services: str = ""  # Berörda verksamheter
    subarea: str = ""  # Delområde
    notes: tuple[str, ...] = ()
    kind: str = "indicator"  # indicator | cost
    # Added by the data stage (optional, with defaults):
    figure_title: str = ""  # caption title as the edition prints it, when it differs from name
    municipal: bool = False  # all 290 kommuner expected (kommun-level figures)
    table_note: str = ""  # a note printed under Tabell 1 for a kärnindikator (who it is about), marked beside its name

    def definition_for(self, year: int) -> Definition:
        valid = [d for d in self.definitions if d.valid_from <= year]
        return max(valid, key=lambda d: d.valid_from) if valid else self.definitions[0]

    def changed_in(self, year: int) -> Definition | None:
        """The definition that replaced an earlier one in *year*, if any (Tabell 1's note, Bilaga 2's box)."""
        definition = self.definition_for(year)
        return definition if definition.valid_from == year and len(self.definitions) > 1 else None

    @property
    def source_line(self) -> str:
        producer = ""
        if self.producer and self.producer != self.source:
            # "Vad tycker de äldre om äldreomsorgen? Socialstyrelsen." takes no comma after "?".
            producer = f" {self.producer}" if self.source.endswith(("?", "!")) else f", {self.producer}"
        return f"Källa: {self.source}{producer}."

    @property
    def is_core(self) -> bool:
        return self.core_number is not None


@dataclass(frozen=True)
class SurveyOption:
    id: str
    label: str
    short: str = ""  # optional short label for narrow places (table column headers)

    @property
    def heading(self) -> str:
        """The short label if there is one, else the full label."""
        return self.short or self.label


@dataclass(frozen=True)
class SurveyQuestion:
    id: str
    respondent: str  # region | kommun
    text: str  # full question text as asked
    kind: str  # yes_no | yes_partly_no | ticked | choice | percent | count | share
    chapter: str
    title: str = ""  # short title for figures and tables
    number: str = ""  # "Fråga 2" numbering in Bilaga 3 ("" if not printed)
    options: tuple[SurveyOption, ...] = ()
    answers: tuple[str, ...] = ()  # allowed normalised answers for categorical kinds
    unit: str = ""  # for kommun shares: andel_kommuner | andel_lan
    footnote: str = ""
    # The years a question was asked are the years its answers hold (RegionSurveyResult.years);
    # text, title, footnote and option labels may say {year}, {prev_year}, {period_from} (data/yeartexts.py).

    def option(self, option_id: str) -> SurveyOption:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(f"question {self.id} has no option {option_id!r}")


@dataclass(frozen=True)
class Catalogue:
    indicators: Mapping[str, Indicator]
    questions: Mapping[str, SurveyQuestion]
    regions: tuple[Region, ...]  # in länskod order
    municipalities: tuple[Municipality, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict)
    pandemic: Period | None = None  # indicators.toml's [pandemic]: the covid-19 pandemic

    def region(self, code: str) -> Region:
        for r in self.regions:
            if r.code == code:
                return r
        raise KeyError(f"unknown region code {code!r}")

    @property
    def core_indicators(self) -> list[Indicator]:
        return sorted((i for i in self.indicators.values() if i.is_core), key=lambda i: i.core_number)


@dataclass(frozen=True)
class ReportSettings:
    year: int  # reference year of the data
    title: str
    subtitle: str
    publisher: str
    published: dt.date
    edition: str  # "andra delredovisningen"
    assignment: str  # diarienummer of the government assignment
    foreword_signature: str
    foreword_signature_title: str
    project_leads: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    unit_head: str = ""
    language: str = "sv"
    article_number: str = ""  # "": none given; the colophon leaves the line out
    strict: bool = False  # like `naravard build --strict`: no synthetic values in a published report

    @property
    def publication_year(self) -> int:
        return self.published.year


# ---- sources beyond the register and survey tables (docs/data-package.md) --------------------


@dataclass(frozen=True)
class CitationRole:
    """A role a template can cite by name (``cite("overenskommelse")``); catalogue/citation_roles.toml."""

    id: str
    description: str  # what the work is, for authors
    issued_offset: int | None = None  # the work must be issued in the report year + this (None: any year)


@dataclass(frozen=True)
class References:
    """The works the report can cite: the catalogue's stable ones and the package's for the year.

    ``items`` are CSL-JSON objects as read (pandoc's citeproc formats them);
    ``roles`` says which work plays each role in this year's report.
    """

    items: Mapping[str, Mapping]  # id -> CSL-JSON item
    origin: Mapping[str, str] = field(default_factory=dict)  # id -> file ("catalogue/references.json")
    roles: Mapping[str, str] = field(default_factory=dict)  # role -> item id, for the report year
    declared_roles: Mapping[str, CitationRole] = field(default_factory=dict)

    def resolve(self, key: str) -> str | None:
        """The item id for a reference id or a role; None for a declared role no work plays this year."""
        if key in self.items:
            return key
        if key in self.roles:
            return self.roles[key]
        return None


@dataclass(frozen=True)
class Topic:
    """What a curated example is about; templates place examples by topic (catalogue/topics.toml)."""

    id: str
    chapter: str  # the chapter whose templates place it
    title: str  # for authors and reviewers


@dataclass(frozen=True)
class ExampleNumber:
    name: str  # the hole in the statement: {minskning}
    value: float
    unit: str  # a key of naravard.text.units.UNITS
    decimals: int
    counts: str  # what the number counts, in Swedish (values.json, naravard diff)
    noun: str = ""  # printed after a count: "112 patienter"
    qualifier: str = ""  # "cirka", "knappt", "minst" …
    synthetic: bool = False
    source_file: str = ""
    source_row: int = 0


@dataclass(frozen=True)
class Example:
    """One curated example: a region's, kommun's or RSS's statement, in the authors' words, with its numbers."""

    id: str
    topic: str
    level: str  # region | kommun | rss
    area: str  # länskod or kommunkod
    year: int
    statement: str  # Swedish, with {holes} for the numbers and names
    numbers: tuple[ExampleNumber, ...] = ()
    source_answer: str = ""  # id of the free-text answer it is taken from (free_text.csv)
    reference: str = ""  # or a reference id / role it is cited from
    synthetic: bool = False
    source_file: str = ""
    source_row: int = 0


@dataclass(frozen=True)
class FreeTextAnswer:
    """A survey answer in free text: the source of examples, never printed itself."""

    id: str
    question: str  # a question id of the catalogue
    level: str  # region | kommun | rss
    area: str
    year: int
    text: str
    synthetic: bool = False
    source_file: str = ""
    source_row: int = 0


@dataclass(frozen=True)
class SourceFact:
    """A number from another source (IVO, Vårdanalys …) with the reference it comes from."""

    id: str
    value: float
    unit: str
    decimals: int
    label: str  # what it is, in Swedish
    year: int  # the year the number describes
    reference: str  # a reference id or role
    noun: str = ""
    qualifier: str = ""
    synthetic: bool = False
    source_file: str = ""
    source_row: int = 0


@dataclass(frozen=True)
class Exclusion:
    """A survey answer left out of figures and region-by-region comparisons, with the reason (printed)."""

    question: str
    option: str
    year: int
    area: str
    reason: str  # Swedish, printed in the figure's note
    source_file: str = ""
    source_row: int = 0


@dataclass(frozen=True)
class DataPackage:
    root: Path
    settings: ReportSettings
    catalogue: Catalogue
    indicators: pd.DataFrame  # INDICATOR_COLUMNS
    survey_regions: pd.DataFrame  # SURVEY_REGION_COLUMNS
    survey_municipalities: pd.DataFrame  # SURVEY_MUNICIPALITY_COLUMNS
    # Added by the data stage: the warnings validation found (naravard.data.Problem);
    # they never stop a build but a report can list them.
    warnings: tuple = ()
    # Optional: how the survey was run (method.toml), a naravard.data.method.SurveyMethod.
    method: object | None = None
    # Optional sources beyond the register and survey tables (naravard.data.sources).
    references: References | None = None
    examples: tuple[Example, ...] = ()
    topics: Mapping[str, Topic] = field(default_factory=dict)
    free_text: tuple[FreeTextAnswer, ...] = ()
    facts: Mapping[str, SourceFact] = field(default_factory=dict)
    exclusions: tuple[Exclusion, ...] = ()

    @cached_property
    def synthetic_rows(self) -> dict[tuple[str, int], str]:
        """(file, row) -> indicator, question, example or fact id of every row marked synthetic.
        Read once per package: the preview builds many times from one package."""
        about: dict[tuple[str, int], str] = {}
        for frame, what in ((self.indicators, "indicator"), (self.survey_regions, "question"), (self.survey_municipalities, "question")):
            syn = frame.loc[frame["synthetic"], ["source_file", "source_row", what]]
            for file, row, ident in syn.itertuples(index=False):
                about[(file, int(row))] = str(ident)
        for e in self.examples:
            for n in e.numbers:
                if n.synthetic or e.synthetic:
                    about[(n.source_file, n.source_row)] = e.id
        for f in self.facts.values():
            if f.synthetic:
                about[(f.source_file, f.source_row)] = f.id
        return about
