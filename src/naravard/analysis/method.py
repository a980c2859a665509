"""The values the report prints about how the survey was run (method.toml).

Each fact read by ``naravard.data.method`` is wrapped so that a number the
report prints is a :class:`Quantity` (with its source, for the values
manifest) and a response rate is computed, never typed. Everything else
(dates, names, flags) passes through unchanged.
"""

from __future__ import annotations

import datetime as dt

from naravard.analysis.quantity import Quantity, count_quantity, derived, value_key
from naravard.data.method import METHOD_FILE, DeepeningStudy, ExtraQuestion, SiteVisits, Survey, SurveyMethod

SOURCE = ((METHOD_FILE, 0),)  # no spreadsheet rows in a TOML file


class _Facts:
    """Attribute access falls through to the wrapped facts."""

    def __init__(self, facts):
        self._facts = facts

    def __getattr__(self, name: str):
        return getattr(self._facts, name)


def _count(n: int, key: str, label: str) -> Quantity:
    return count_quantity(n, key, label=label, sources=SOURCE)


def _rate(answered: Quantity, population: Quantity, key: str, label: str) -> Quantity:
    return derived(answered.value / population.value * 100.0, key, unit="procent", decimals=0, inputs=(answered, population), label=label)


class SurveyResults(_Facts):
    """One survey: ``population``, ``answered``, ``rate``, ``questions`` as values."""

    _facts: Survey

    @property
    def population(self) -> Quantity:
        return _count(self._facts.population_n, value_key("metod", self.key, "population"), f"Antal tillfrågade ({self.key})")

    @property
    def answered(self) -> Quantity:
        if self._facts.answered_n is None:
            raise ValueError(f"survey {self.key!r} has no number answered (its answers came via {self.via!r})")
        return _count(self._facts.answered_n, value_key("metod", self.key, "besvarade"), f"Antal som besvarade enkäten ({self.key})")

    @property
    def rate(self) -> Quantity:
        """The response rate in percent."""
        return _rate(self.answered, self.population, value_key("metod", self.key, "svarsfrekvens"), f"Svarsfrekvens ({self.key})")

    @property
    def questions(self) -> Quantity:
        if self._facts.questions_n is None:
            raise ValueError(f"survey {self.key!r} has no number of questions")
        return _count(self._facts.questions_n, value_key("metod", self.key, "fragor"), f"Antal frågor ({self.key})")


class ExtraQuestionResults(_Facts):
    _facts: ExtraQuestion

    @property
    def population(self) -> Quantity:
        return _count(self._facts.population_n, "metod/extrafraga/population", "Antal kommuner som fick extrafrågan")

    @property
    def answered(self) -> Quantity:
        return _count(self._facts.answered_n, "metod/extrafraga/besvarade", "Antal kommuner som besvarade extrafrågan")

    @property
    def rate(self) -> Quantity:
        return _rate(self.answered, self.population, "metod/extrafraga/svarsfrekvens", "Svarsfrekvens, extrafrågan till kommunerna")


class SiteVisitResults(_Facts):
    _facts: SiteVisits

    @property
    def regions(self) -> Quantity:
        return _count(self._facts.regions_n, "metod/verksamhetsbesok/regioner", "Antal regioner som Socialstyrelsen besökte")


class StudyResults(_Facts):
    _facts: DeepeningStudy

    @property
    def interviews(self) -> Quantity:
        return _count(self._facts.interviews_n, "metod/fordjupning/intervjuer", "Antal intervjuer i fördjupningsstudien")


class MethodResults(_Facts):
    """``method`` in templates."""

    _facts: SurveyMethod

    @property
    def surveys(self) -> dict[str, SurveyResults]:
        return {key: SurveyResults(s) for key, s in self._facts.surveys.items()}

    @property
    def regioner(self) -> SurveyResults:
        return SurveyResults(self._facts.regioner)

    @property
    def rss(self) -> SurveyResults:
        return SurveyResults(self._facts.rss)

    @property
    def kommuner(self) -> SurveyResults:
        return SurveyResults(self._facts.kommuner)

    @property
    def web_surveys(self) -> list[SurveyResults]:
        return [SurveyResults(s) for s in self._facts.web_surveys]

    @property
    def extra_question(self) -> ExtraQuestionResults | None:
        e = self._facts.extra_question
        return None if e is None else ExtraQuestionResults(e)

    @property
    def deepening_study(self) -> StudyResults | None:
        d = self._facts.deepening_study
        return None if d is None else StudyResults(d)

    @property
    def site_visits(self) -> SiteVisitResults | None:
        v = self._facts.site_visits
        return None if v is None else SiteVisitResults(v)

    def response_rows(self) -> list[tuple[str, Quantity, Quantity, Quantity, dt.date | None, dt.date | None]]:
        """(survey key, asked, answered, rate, start, end) for every survey with its own answers, and the extra question."""
        rows = [(s.key, s.population, s.answered, s.rate, s.start, s.end) for s in self.surveys.values() if s.answered_n is not None]
        e = self.extra_question
        if e is not None:
            rows.append(("extrafraga", e.population, e.answered, e.rate, e.start, e.end))
        return rows
