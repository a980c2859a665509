"""What templates see: results by name, and factories for figures and tables.

In a template::

    {% set trend = fig.trend(indikator.oplanerade_aterinskrivningar) %}
    Andelen {{ fakta.återinskrivningar.förändring | förändring }} ({{ trend.ref }}).
    {{ trend }}

``trend.ref`` is a reference that resolves to "figur 21" once numbers are
known; ``{{ trend }}`` places the figure (giving it its number). The names are
declared, with what each holds, in ``naravard.compose.api.VARIABLES``.
"""

from __future__ import annotations

import copy
import dataclasses
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path

from naravard.analysis.indicators import IndicatorResult, indicator_result
from naravard.analysis.survey import MunicipalityShares, RegionSurveyResult, municipality_shares, region_survey
from naravard.compose.blocks import figure_block, table_block
from naravard.analysis.method import MethodResults
from naravard.tables import builders, method_table
from naravard.tables.spec import TableSpec
from naravard.compose.registry import ComposeError, Location, Registry
from naravard.data.models import DataPackage
from naravard.analysis import chapters, costs, overview
from naravard.analysis.prevention import AnalysisTools
from naravard.compose.citations import STYLE_FILE, Citations
from naravard.compose.examples import ExamplePlacer, SourceFacts, share
from naravard.compose.factbox import FactBoxes
from naravard.compose.synthetic import NOTICE, PLACES
from naravard.figures import indicator_figures, overview_figures, survey_figures
from naravard.text.escape import Markdown
from naravard.text.trace import collect, printed


def template_location() -> Location | None:
    """The template line that is running: ``Location("templates/chapters/04-samverkan.qmd.j2", 37)``."""
    frame = sys._getframe(1)
    while frame is not None:
        tmpl = frame.f_globals.get("__jinja_template__")
        if tmpl is not None:
            return Location(f"templates/{tmpl.name}", tmpl.get_corresponding_lineno(frame.f_lineno))
        frame = frame.f_back
    return None


class LazyResults(Mapping):
    """``ind.some_id`` or ``ind['some_id']``: results computed on first use, once."""

    def __init__(self, ids: Mapping[str, object], make: Callable[[str], object], what: str,
                 cache: dict[str, object] | None = None):
        self._ids = ids
        self._make = make
        self._what = what
        self._cache: dict[str, object] = {} if cache is None else cache  # may outlive the build (see ReportContext)

    def __getitem__(self, key: str):
        if key not in self._ids:
            raise ComposeError(f"unknown {self._what} {key!r}", template_location())
        if key not in self._cache:
            self._cache[key] = self._make(key)
        return self._cache[key]

    def __getattr__(self, key: str):
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class Placeable:
    """A figure or table a template has built; rendering it places it."""

    def __init__(self, spec, registry: Registry, kind: str):
        self.spec = spec
        self._registry = registry
        self._kind = kind
        self._placed = False

    @property
    def ref(self) -> str:
        """"figur 21" (resolved after composing; links to the figure in HTML)."""
        return self._registry.ref(self._kind, self.spec.key, "lower", template_location())

    @property
    def Ref(self) -> str:  # noqa: N802 - reads naturally in templates at a sentence start
        return self._registry.ref(self._kind, self.spec.key, "upper", template_location())

    def __str__(self) -> str:
        where = template_location()
        if self._kind == "figur":
            self._registry.place_figure(self.spec, where)
            return figure_block(self.spec)
        self._registry.place_table(self.spec, where)
        return table_block(self.spec)

    __html__ = __str__


class PlaceableGroup:
    """Several tables placed together, in order, a blank line between them."""

    def __init__(self, items: Sequence[Placeable]):
        self.items = tuple(items)

    def __str__(self) -> str:
        return Markdown("\n\n").join(item.__html__() for item in self.items)  # each is markup already

    __html__ = __str__


def _memo_key(value) -> tuple:
    """What a figure is built from, as a key: values by value (their type too: a Markdown string
    is not plain text), lists and dicts by their items, other objects (results, builders) by identity."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return (type(value).__name__, value)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_memo_key(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((k, _memo_key(v)) for k, v in value.items()))
    return ("id", id(value))


class FigureFactory:
    """``fig.trend(r)``, ``fig.regions(r)``, ``fig.region_counts(q)``, … in templates.

    Given a *memo* that outlives the build (a preview's, with the results it was built from), a figure
    built from the same results and arguments as in the build before is that build's spec again
    (copied: the build numbers it); :meth:`forget_unused` keeps the memo to the last build's figures."""

    def __init__(self, registry: Registry, package: DataPackage, memo: dict | None = None):
        self._registry = registry
        self._package = package
        self._memo = {} if memo is None else memo
        self._used: set = set()

    def _build(self, builder, *args, **kw) -> Placeable:
        """Build a figure; the values its builder prints (alt text, notes) stay on the spec,
        so the values manifest lists them with the figure (and they count for the sentence around it)."""
        key = _memo_key((builder, args, kw))
        if key in self._memo:
            spec, shown, _ = self._memo[key]
            for p in shown:
                printed(p.quantity, p.text)
            spec = copy.copy(spec)
        else:
            with collect() as sink:
                spec = builder(*args, **kw)
            spec.printed_quantities = tuple({p.quantity.key: p.quantity for p in sink}.values())
            # the arguments stay with the entry: objects keyed by identity live while it does
            self._memo[key] = (copy.copy(spec), tuple(sink), (builder, args, kw))
        self._used.add(key)
        return Placeable(spec, self._registry, "figur")

    def forget_unused(self) -> None:
        for key in [k for k in self._memo if k not in self._used]:
            del self._memo[key]

    def trend(self, result: IndicatorResult, **kw) -> Placeable:
        return self._build(indicator_figures.trend_figure, result, **kw)

    def regions(self, result: IndicatorResult, **kw) -> Placeable:
        return self._build(indicator_figures.region_figure, result, **kw)

    def series(self, parts, **kw) -> Placeable:
        return self._build(indicator_figures.series_figure, parts, **kw)

    def series_wide(self, parts, **kw) -> Placeable:
        """Like ``series`` for many or long series names (legend in two columns), e.g. the cost series."""
        return self._build(_series_wide, parts, **kw)

    def region_counts(self, result: RegionSurveyResult, **kw) -> Placeable:
        return self._build(survey_figures.region_count_figure, result, **kw)

    def region_answers(self, result: RegionSurveyResult, **kw) -> Placeable:
        return self._build(survey_figures.region_answers_figure, result, **kw)

    def municipalities(self, result: MunicipalityShares, **kw) -> Placeable:
        return self._build(survey_figures.municipality_figure, result, **kw)

    def counts(self, items, **kw) -> Placeable:
        return self._build(survey_figures.count_bars_figure, items, **kw)

    def development(self, results, **kw) -> Placeable:
        return self._build(_development, results, **kw)

    def region_dots(self, series, **kw) -> Placeable:
        return self._build(overview_figures.region_dots_figure, series, regions=self._package.catalogue.regions, **kw)

    def municipalities_trend(self, result: IndicatorResult, **kw) -> Placeable:
        return self._build(overview_figures.municipalities_figure, result, self._package.catalogue.municipalities, **kw)


def _series_wide(parts, **kw):
    return dataclasses.replace(indicator_figures.series_figure(parts, **kw), kind="trend_wide_legend")


def _development(results, **kw):
    return overview_figures.development_figure(overview.developments(results), **kw)


class TableFactory:
    """``tab.core_indicators()``, ``tab.survey(q)``, ``tab.keywords()``, ``tab.response_rates(method)`` in templates."""

    def __init__(self, registry: Registry, package: DataPackage):
        self._registry = registry
        self._package = package

    def _wrap(self, spec: TableSpec) -> Placeable:
        return Placeable(spec, self._registry, "tabell")

    def core_indicators(self, **kw) -> Placeable:
        return self._wrap(builders.core_indicator_table(self._package.catalogue, self._package.settings.year, **kw))

    def response_rates(self, method: MethodResults, **kw) -> Placeable:
        """Bilaga 1's table of response rates."""
        return self._wrap(method_table.response_rate_table(method, self._package.settings.year, **kw))

    def survey(self, result: RegionSurveyResult, **kw) -> Placeable:
        return self._wrap(builders.survey_question_table(result, **kw))

    def surveys(self, results: Sequence[RegionSurveyResult], **kw) -> PlaceableGroup:
        """One table per question, placed one after another (Bilaga 3): ``{{ tab.surveys(fakta.tabeller) }}``."""
        return PlaceableGroup([self.survey(r, **kw) for r in results])

    def keywords(self, **kw) -> Placeable:
        """Bilaga 2: how many kärnindikatorer carry each nyckelord."""
        return self._wrap(builders.keyword_table(self._package.catalogue, **kw))


class ReportContext:
    """Everything a chapter template can use."""

    def __init__(self, package: DataPackage, registry: Registry, templates_dir: Path | None = None,
                 results: dict[str, dict] | None = None):
        self.package = package
        self.registry = registry
        # The analysis results by kind and id. They depend on the package alone (the analysis prints
        # nothing and is not changed by templates), so a preview keeps them while only templates change.
        self.results = {} if results is None else results
        style = templates_dir / STYLE_FILE if templates_dir is not None else None
        # cite("…") by id or role; citeproc formats them once every chapter is composed.
        self.citations = Citations(package.references, style, template_location)
        self.examples = ExamplePlacer(package, self.citations, template_location)
        self.figures = FigureFactory(registry, package, self.results.setdefault("figure", {}))

    @staticmethod
    def synthetic_notice(where: str = "kolofon") -> str:
        """``{{ syntetiska_uppgifter("omslag") }}``: says on the cover or colophon that values are synthetic
        (filled in once every chapter is composed; nothing when no printed value is synthetic)."""
        if where not in PLACES:
            raise ComposeError(f"{template_location()}: syntetiska_uppgifter() takes one of {', '.join(PLACES)}, not {where!r}")
        return Markdown(NOTICE.format(where=where))

    @cached_property
    def variables(self) -> dict:
        """The variables every chapter sees (``naravard.compose.api.VARIABLES`` says what each holds)."""
        pkg = self.package
        cat = pkg.catalogue
        memo = self.results
        indicators = LazyResults(cat.indicators, lambda i: indicator_result(pkg, i), "indicator", memo.setdefault("indicator", {}))
        return dict(
            år=pkg.settings.year,
            rapport=pkg.settings,
            katalog=cat,
            regioner=cat.regions,
            alla_fakta=LazyResults(chapters.CHAPTERS, lambda name: chapters.CHAPTERS[name](pkg), "chapter's facts",
                                   memo.setdefault("facts", {})),
            indikator=indicators,
            enkät=LazyResults(
                {k: q for k, q in cat.questions.items() if q.respondent == "region"},
                lambda q: region_survey(pkg, q),
                "region survey question",
                memo.setdefault("region survey", {}),
            ),
            kommun=LazyResults(
                {k: q for k, q in cat.questions.items() if q.respondent == "kommun"},
                lambda q: municipality_shares(pkg, q),
                "municipality survey question",
                memo.setdefault("municipality survey", {}),
            ),
            fig=self.figures,
            tab=TableFactory(self.registry, pkg),
            cite=self.citations,  # cite("sou_2017_53"), cite("overenskommelse") (a role), cite(källfakta.x)
            finns_referens=self.citations.has,  # {% if finns_referens("overenskommelse") %}
            referenslista=self.citations.reference_list,  # Referenser: the list citeproc formats
            exempel=self.examples,  # the regions' examples by topic (compose/examples.py)
            källfakta=SourceFacts(pkg.facts, template_location),  # facts from other sources (facts.csv)
            andel=share,  # andel(a, b): a as a percentage of b, traced to both
            syntetiska_uppgifter=self.synthetic_notice,
            metod=MethodResults(pkg.method) if pkg.method else None,  # chapter 1 and Bilaga 1 (method.toml)
            översikt=overview,  # chapter 2: summaries of the kärnindikatorer, coverage, kommun shares
            kostnader=costs,  # chapter 2: primary-care cost changes and regional shares
            analys=AnalysisTools(pkg),
            faktarutor=FactBoxes(pkg.catalogue, pkg.settings.year),  # Bilaga 2: fact boxes and nyckelord (compose/factbox.py)
        )

    def chapter_variables(self, stem: str) -> dict:
        """What one chapter is composed with: the shared variables, its name and its own facts."""
        return dict(self.variables, kapitel=stem, fakta=ChapterFacts(stem, self.variables["alla_fakta"]))


class ChapterFacts:
    """``fakta`` in a chapter: its facts object, built when a template first reads it,
    or a message on how to add one when the chapter has none yet."""

    def __init__(self, stem: str, every: LazyResults):
        self._stem, self._name, self._every = stem, chapters.facts_name(stem), every

    def __getattr__(self, field: str):
        if field.startswith("_"):
            raise AttributeError(field)
        if self._name not in chapters.CHAPTERS:
            raise ComposeError(
                f"fakta.{field}: chapter {self._stem} has no facts yet; add naravard/analysis/chapters/{self._name}.py "
                "and register it in naravard/analysis/chapters/__init__.py (see docs/authoring.md)",
                template_location(),
            )
        try:
            return getattr(self._every[self._name], field)
        except AttributeError:
            raise ComposeError(f"fakta.{field}: the facts of {self._stem} have no {field!r}", template_location()) from None
