"""Compose one area profile: ``templates/profiles/<level>.qmd.j2`` with the area's results.

The profile is composed in the same Jinja environment as the national chapters
(the same filters, macros and escaping), into a one-chapter book of its own
(``index.qmd``), so the engines, the figure drawing and the values manifest
work on it as on the national report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from naravard.analysis.areas import Area, AreaIndicator, AreaResults
from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.compose.book import METADATA_FILE
from naravard.compose.composer import Composed, _template_error
from naravard.compose.context import FigureFactory, Placeable
from naravard.compose.environment import make_environment
from naravard.compose.metadata import metadata, slug
from naravard.compose.registry import ComposeError, Registry
from naravard.compose.blocks import FIGURES_REL, attr
from naravard.figures.area_figures import area_trends_figure, sparkline_alt, sparkline_points
from naravard.figures.sparkline import write_sparkline
from naravard.project import Project
from naravard.tables.area_table import area_overview_table
from naravard.text.escape import Markdown
from naravard.text.trace import collect

CHAPTER = "index.qmd"  # a profile is a one-chapter book
TEMPLATES = "profiles/{level}.qmd.j2"
LEVEL_TITLE = {"region": "Regionprofil", "kommun": "Kommunprofil"}


@dataclass(frozen=True)
class Summary:
    """How many of an area's measures are better, worse or the same as riket's."""

    better: Quantity
    worse: Quantity
    same: Quantity
    compared: Quantity  # measures with a comparison (and a desired direction)
    measures: int  # measures the profile shows
    without_value: int  # measures the area has no value for


def summarise(results: Sequence[AreaIndicator], area: Area) -> Summary:
    compared = [a for a in results if a.versus_riket is not None and a.versus_riket.assessment is not None]
    inputs = [a.latest.quantity for a in compared]
    key = value_key("profil", area.level, area.code, "jämförelse_med_riket")

    def count(what: str, n: int):
        return derived(n, value_key(key, what), unit="antal", decimals=0, inputs=inputs, dims={"area": area.code})

    return Summary(
        count("bättre", sum(a.versus_riket.assessment == "better" for a in compared)),
        count("sämre", sum(a.versus_riket.assessment == "worse" for a in compared)),
        count("lika", sum(a.versus_riket.assessment == "same" for a in compared)),
        count("jämförda", len(compared)),
        len(results),
        sum(not a.has_value for a in results),
    )


def stem(area: Area, year: int) -> str:
    """``region-08-region-kalmar-lan-2024``, ``kommun-0980-gotland-2024``: the profile's file names."""
    return f"{area.level}-{area.code}-{slug(area.name, 60)}-{year}"


def label(area: Area) -> str:
    """What an area's line and column are called: the län for a region (register data are per län), the kommun's name."""
    return area.county.county_name if area.level == "region" else area.name


class ProfileTools:
    """``profil`` in a profile template: its trend figure and overview table."""

    def __init__(self, registry: Registry, package, area: Area, png: bool, figures_dir: Path):
        self._registry = registry
        self._area = area
        self._png = png
        self._figures = FigureFactory(registry, package)
        self._figures_dir = figures_dir
        self._sparklines: dict[str, int] = {}  # file keys written, with how often

    def utveckling(self, resultat: Sequence[AreaIndicator]) -> Placeable | str:
        """Every measure's series beside riket's, one small panel each; nothing when no measure has two years."""
        with collect() as sink:
            spec = area_trends_figure(resultat, key=f"utveckling-{self._area.code}", label=label(self._area), png=self._png)
        if spec is None:
            return ""
        spec.printed_quantities = tuple({p.quantity.key: p.quantity for p in sink}.values())
        return Placeable(spec, self._registry, "figur")

    def översikt(self, resultat: Sequence[AreaIndicator]) -> Placeable:
        """Every measure in one table, with a sparkline per row (written beside the book's figures)."""
        with collect():
            spec = area_overview_table(resultat, key=f"resultatprofil-{self._area.code}", label=label(self._area),
                                       trend=self._sparkline)
        return Placeable(spec, self._registry, "tabell")

    def _sparkline(self, a: AreaIndicator) -> Markdown | None:
        points = sparkline_points(a)
        if points is None:
            return None
        key = f"trend-{self._area.code}-{slug(a.indicator.id, 60)}"
        self._sparklines[key] = self._sparklines.get(key, 0) + 1
        if self._sparklines[key] > 1:  # a measure shown twice (by sex, say) gets a file of its own each time
            key += f"-{self._sparklines[key]}"
        write_sparkline(*points, self._figures_dir, key, png=self._png)
        return Markdown(f'![]({FIGURES_REL}/{key}.svg){{fig-alt="{attr(sparkline_alt(a, label(self._area)))}"}}')


def profile_settings(settings, area: Area):
    """The national settings with the profile's title: the engines print it on the page and in the metadata."""
    return dataclasses.replace(settings, title=f"{LEVEL_TITLE[area.level]}: {area.name}", subtitle=f"{settings.title}. {settings.subtitle}")


def compose_profile(results: AreaResults, code: str, project: Project, book_dir: Path, png: bool = True) -> tuple[Composed, Summary]:
    """Compose the profile of area *code* into *book_dir* (its ``index.qmd`` and ``_metadata.yml``)."""
    package = results.package
    area = results.area(code)
    env = make_environment(project.templates_dir)
    registry = Registry()
    name = TEMPLATES.format(level=area.level)
    resultat = results.for_area(code)
    summary = summarise(resultat, area)
    variables = dict(
        år=package.settings.year,
        rapport=package.settings,
        katalog=package.catalogue,
        område=area,
        resultat=resultat,
        sammanfattning=summary,
        enkätsvar=results.survey_for(code),
        länets_enkät=results.county_survey_for(code),
        antal_områden=len(results.areas),
        ensam_i_länet=results.alone_in_county(area),
        profil=ProfileTools(registry, package, area, png, book_dir / FIGURES_REL),
    )
    try:
        template = env.get_template(name)
        with collect() as sink:
            text = template.render(**variables)
    except jinja2.TemplateNotFound as exc:
        raise ComposeError(f"there is no profile template templates/{exc.name}") from exc
    except ComposeError:
        raise
    except Exception as exc:  # noqa: BLE001 - a template's error is the author's, with file and line
        raise _template_error(exc, name, project.templates_dir) from exc
    text = registry.resolve(text, f"templates/{name}")
    registry.number([text])
    book_dir.mkdir(parents=True, exist_ok=True)
    (book_dir / CHAPTER).write_text(text, encoding="utf-8")
    meta = yaml.safe_dump(metadata(profile_settings(package.settings, area)), allow_unicode=True, sort_keys=True)
    (book_dir / METADATA_FILE).write_text(meta, encoding="utf-8")
    composed = Composed({CHAPTER: text}, registry.figures, registry.tables, {CHAPTER: list(sink)}, registry.where,
                        {CHAPTER: [f"templates/{name}"]}, registry=registry)
    return composed, summary

