"""Survey results: the regions' answers per question, and the municipalities' shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.data.models import RIKET, DataPackage, Exclusion, Region, SurveyOption, SurveyQuestion
from naravard.analysis.rounding import rounded

YES = "Ja"
NO = "Nej"
PARTLY = "Delvis"
NOT_TICKED = "ej markerad"
CANNOT = "kan ej"


@dataclass(frozen=True)
class Answer:
    region: Region
    answer: str  # normalised
    number: float | None
    quantity: Quantity  # the answer as a value: 1/0 for categorical, the number for numeric
    excluded: str = ""  # why figures and comparisons leave it out (exclusions.csv), "" when they do not
    # What the region itself answered when `answer` is Socialstyrelsen's correction, and the
    # note on this answer (survey_regions' reported and note columns; text.answer_notes words them).
    reported: str = ""
    reported_number: float | None = None
    note: str = ""

    @property
    def corrected(self) -> bool:
        return bool(self.reported)


@dataclass(frozen=True)
class NumericExtremes:
    lowest: tuple[Answer, ...]
    highest: tuple[Answer, ...]
    lowest_value: Quantity
    highest_value: Quantity
    without_number: tuple[Region, ...]  # regions that could not give a number


def _text(value) -> str:
    """A text column's cell: empty when the column is blank or missing (pandas reads blank as NaN)."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


class RegionSurveyResult:
    """One question of the regions' survey, all options and years."""

    def __init__(
        self,
        question: SurveyQuestion,
        rows: pd.DataFrame,
        regions: Sequence[Region],
        report_year: int,
        exclusions: Sequence[Exclusion] = (),
    ):
        self.question = question
        self.report_year = report_year
        self._regions = {r.code: r for r in regions}
        self._order = [r.code for r in regions]
        self._rows = rows
        # (option, year, area) -> reason: answers figures and comparisons leave out
        self._excluded = {(e.option, e.year, e.area): e.reason for e in exclusions if e.question == question.id}
        # Rows by (option, year), read once: templates ask for the same answers many times.
        self._by_key: dict[tuple[str, int], list] = {}
        for row in rows.itertuples(index=False):
            self._by_key.setdefault((row.option, int(row.year)), []).append(row)
        self._answers: dict[tuple[str, int], tuple[Answer, ...]] = {}

    @property
    def years(self) -> tuple[int, ...]:
        """The years the question was asked: the years its answers hold."""
        return tuple(sorted({year for _, year in self._by_key}))

    @property
    def regions(self) -> tuple[Region, ...]:
        """Every region of the catalogue, in länskod order (answered or not)."""
        return tuple(self._regions[c] for c in self._order)

    def has_year(self, year: int) -> bool:
        return year in self.years

    def key_for(self, option: str, year: int) -> str:
        """The key every value of *option* in *year* starts with."""
        return value_key("enkät", "region", self.question.id, option or '-', year)

    def answers(self, option: str = "", year: int | None = None) -> tuple[Answer, ...]:
        year = self.report_year if year is None else year
        if year not in self.years:
            return ()  # not asked that year: no answers (counting them is an error, see _asked)
        if (option, year) not in self._answers:
            self._answers[(option, year)] = self._read_answers(option, year)
        return self._answers[(option, year)]

    def _asked(self, year: int | None) -> int:
        """*year* (default the report year) when the question was asked then; a count of a year
        without answers would read "0 av 0", so it is an error that says what to do."""
        year = self.report_year if year is None else year
        if year not in self.years:
            asked = ", ".join(map(str, self.years)) or "no year"
            raise LookupError(
                f"question {self.question.id} has no answers for {year} in survey_regions (answers for {asked}); "
                f"a passage about it needs {{% if q.has_year({year}) %}} (or the question its answers)"
            )
        return year

    def _read_answers(self, option: str, year: int) -> tuple[Answer, ...]:
        rows = self._by_key.get((option, year), [])
        if not rows and option == "" and self.question.options:
            raise LookupError(f"question {self.question.id} has options; name one")
        out = []
        for row in rows:
            region = self._regions[row.area]
            number = None if pd.isna(row.number) else float(row.number)
            numeric = self.question.kind in ("percent", "count")
            value = number if numeric and number is not None else (1.0 if row.answer == YES else 0.0)
            q = Quantity(
                value=value,
                unit="procent" if self.question.kind == "percent" else "antal",
                decimals=0,
                key=value_key(self.key_for(option, year), row.area),
                label=f"Fråga {self.question.id}{' ' + option if option else ''}, {region.short_name}, {year}: {row.raw}",
                sources=((row.source_file, int(row.source_row)),),
                synthetic=bool(row.synthetic),
                dims={"question": self.question.id, "option": option, "year": str(year), "area": row.area},
                shown="" if numeric and number is not None else row.answer,
            )
            reported_number = getattr(row, "reported_number", float("nan"))
            out.append(
                Answer(
                    region,
                    row.answer,
                    number,
                    q,
                    self._excluded.get((option, year, row.area), ""),
                    reported=_text(getattr(row, "reported", "")),
                    reported_number=None if pd.isna(reported_number) else float(reported_number),
                    note=_text(getattr(row, "note", "")),
                )
            )
        out.sort(key=lambda a: self._order.index(a.region.code))
        return tuple(out)

    def noted(self, year: int | None = None) -> tuple[tuple[str, Answer], ...]:
        """(option, answer) for every answer of *year* that was corrected or carries a note, in
        region order then option order (the notes under the question's table and figure)."""
        year = self.report_year if year is None else year
        options = [o.id for o in self.question.options] or [""]
        found = [(o, a) for o in options if (o, year) in self._by_key for a in self.answers(o, year) if a.corrected or a.note]
        return tuple(sorted(found, key=lambda oa: (self._order.index(oa[1].region.code), options.index(oa[0]))))

    def regions_with(self, answer: str = YES, option: str = "", year: int | None = None) -> tuple[Region, ...]:
        return tuple(a.region for a in self.answers(option, year) if a.answer == answer)

    def count(self, answer: str = YES, option: str = "", year: int | None = None) -> Quantity:
        """How many regions gave *answer*: ``19`` (of :meth:`total`)."""
        year = self._asked(year)
        answers = self.answers(option, year)
        n = sum(1 for a in answers if a.answer == answer)
        return derived(
            n,
            value_key(self.key_for(option, year), "antal", answer),
            unit="antal",
            decimals=0,
            inputs=[a.quantity for a in answers],
            label=f"Antal regioner med svaret {answer}, fråga {self.question.id} {option} {year}",
            dims={"question": self.question.id, "option": option, "year": str(year), "answer": answer},
        )

    def total(self, option: str = "", year: int | None = None) -> Quantity:
        """How many regions answered (all 21 in a full survey)."""
        year = self._asked(year)
        answers = self.answers(option, year)
        return derived(
            len(answers),
            value_key(self.key_for(option, year), "svarande"),
            unit="antal",
            decimals=0,
            inputs=[a.quantity for a in answers],
            dims={"question": self.question.id, "option": option, "year": str(year)},
        )

    def regions_with_all(self, answer: str = YES, year: int | None = None) -> tuple[Region, ...]:
        """Regions that gave *answer* for every option of the question."""
        sets = [set(self.regions_with(answer, o.id, year)) for o in self.question.options]
        common = set.intersection(*sets) if sets else set()
        return tuple(r for r in (self._regions[c] for c in self._order) if r in common)

    def count_all(self, answer: str = YES, year: int | None = None) -> Quantity:
        """How many regions gave *answer* for every option."""
        year = self._asked(year)
        inputs = [a.quantity for o in self.question.options for a in self.answers(o.id, year)]
        return derived(
            len(self.regions_with_all(answer, year)),
            value_key("enkät", "region", self.question.id, "alla", year, "antal", answer),
            unit="antal",
            decimals=0,
            inputs=inputs,
            label=f"Antal regioner med svaret {answer} på alla delfrågor, fråga {self.question.id} {year}",
            dims={"question": self.question.id, "year": str(year), "answer": answer},
        )

    def ranked_options(self, answer: str = YES, year: int | None = None) -> list[tuple[SurveyOption, Quantity]]:
        """Options by how many regions gave *answer*, most first (ties in catalogue order)."""
        counts = [(o, self.count(answer, o.id, year)) for o in self.question.options]
        return sorted(counts, key=lambda oc: -oc[1].value)

    # ---- numeric questions (percent, count) --------------------------------------------------

    def numeric(self, option: str = "", year: int | None = None) -> tuple[Answer, ...]:
        """Every answer with a number, as the regions gave them (Bilaga 3, the mean, how many could answer)."""
        return tuple(a for a in self.answers(option, year) if a.number is not None)

    def comparable(self, option: str = "", year: int | None = None) -> tuple[Answer, ...]:
        """The answers with a number that figures and region-by-region comparisons show:
        :meth:`numeric` without those the package excludes (exclusions.csv)."""
        return tuple(a for a in self.numeric(option, year) if not a.excluded)

    def excluded(self, option: str = "", year: int | None = None) -> tuple[Answer, ...]:
        """The answers the package leaves out of figures and comparisons, each with its reason."""
        return tuple(a for a in self.answers(option, year) if a.excluded)

    def mean(self, option: str = "", year: int | None = None, decimals: int = 0) -> Quantity:
        """Unweighted mean of the regions' numbers (as the edition reports it)."""
        year = self.report_year if year is None else year
        values = self.numeric(option, year)
        if not values:
            raise LookupError(f"question {self.question.id}: no numeric answers in {year}")
        return derived(
            sum(a.number for a in values) / len(values),
            value_key(self.key_for(option, year), "medelvärde"),
            unit=values[0].quantity.unit,
            decimals=decimals,
            inputs=[a.quantity for a in values],
            label=f"Ovägt medelvärde, fråga {self.question.id} {year}",
            dims={"question": self.question.id, "option": option, "year": str(year)},
        )

    def total_sum(self, option: str = "", year: int | None = None) -> Quantity:
        year = self._asked(year)
        values = self.numeric(option, year)
        return derived(
            sum(a.number for a in values),
            value_key(self.key_for(option, year), "summa"),
            unit="antal",
            decimals=0,
            inputs=[a.quantity for a in values],
            dims={"question": self.question.id, "option": option, "year": str(year)},
        )

    def numeric_count(self, option: str = "", year: int | None = None) -> Quantity:
        year = self._asked(year)
        values = self.numeric(option, year)
        return derived(
            len(values),
            value_key(self.key_for(option, year), "antal_med_värde"),
            unit="antal",
            decimals=0,
            inputs=[a.quantity for a in self.answers(option, year)],
            dims={"question": self.question.id, "option": option, "year": str(year)},
        )

    def numeric_extremes(self, option: str = "", year: int | None = None) -> NumericExtremes:
        values = self.numeric(option, year)
        shown = {a.region.code: rounded(a.number, 0) for a in values}
        lo, hi = min(shown.values()), max(shown.values())
        lowest = tuple(a for a in values if shown[a.region.code] == lo)
        highest = tuple(a for a in values if shown[a.region.code] == hi)
        without = tuple(a.region for a in self.answers(option, year) if a.number is None)
        return NumericExtremes(lowest, highest, lowest[0].quantity, highest[0].quantity, without)


class MunicipalityShares:
    """Shares of municipalities (or of län) for one question of the municipalities' survey."""

    def __init__(self, question: SurveyQuestion, rows: pd.DataFrame, report_year: int):
        self.question = question
        self.report_year = report_year
        self._rows = rows
        self._by_key = {}  # (option, year, area) -> the row, read once
        for row in rows.itertuples(index=False):
            self._by_key.setdefault((row.option, int(row.year), row.area), row)

    @property
    def years(self) -> tuple[int, ...]:
        """The years the question was asked: the years its shares hold."""
        return tuple(sorted({year for _, year, _ in self._by_key}))

    def has(self, option: str = "", year: int | None = None) -> bool:
        year = self.report_year if year is None else year
        return (option, year, RIKET) in self._by_key

    def share(self, option: str = "", year: int | None = None, area: str = RIKET) -> Quantity:
        year = self.report_year if year is None else year
        row = self._by_key.get((option, year, area))
        if row is None:
            if year not in self.years:
                asked = ", ".join(map(str, self.years)) or "no year"
                raise LookupError(
                    f"question {self.question.id} has no shares for {year} in survey_municipalities (shares for {asked}); "
                    f"a passage about it needs {{% if q.has({option!r}, {year}) %}}"
                )
            raise LookupError(f"{self.question.id}: no share for option {option!r} in {year} ({area})")
        return Quantity(
            value=float(row.value),
            unit="procent",
            decimals=0,
            key=value_key("enkät", "kommun", self.question.id, option or '-', year, area),
            label=f"{self.question.title or self.question.text} – {option}, {year}",
            sources=((row.source_file, int(row.source_row)),),
            synthetic=bool(row.synthetic),
            dims={"question": self.question.id, "option": option, "year": str(year), "area": area},
        )

    def shares_by_option(self, year: int | None = None) -> list[tuple[str, Quantity]]:
        opts = [o.id for o in self.question.options] or [""]
        return [(o, self.share(o, year)) for o in opts if self.has(o, year)]


def region_survey(package: DataPackage, question_id: str) -> RegionSurveyResult:
    question = package.catalogue.questions[question_id]
    rows = package.survey_regions[package.survey_regions.question == question_id]
    return RegionSurveyResult(question, rows, package.catalogue.regions, package.settings.year, package.exclusions)


def municipality_shares(package: DataPackage, question_id: str) -> MunicipalityShares:
    question = package.catalogue.questions[question_id]
    rows = package.survey_municipalities[package.survey_municipalities.question == question_id]
    return MunicipalityShares(question, rows, package.settings.year)
