"""Compose: the chapter templates rendered with the results into the generated book's chapters."""

from __future__ import annotations

import functools
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pypandoc
import yaml
from jinja2 import meta

from naravard.compose.api import FORMER_NAMES
from naravard.compose.book import METADATA_FILE, read_book
from naravard.compose.context import ReportContext
from naravard.compose.environment import make_environment
from naravard.compose.metadata import metadata
from naravard.compose.registry import ComposeError, Location, Registry
from naravard.compose.synthetic import NOTICE, PLACES, SyntheticSummary, notice, summarise
from naravard.data.models import DataPackage, Example
from naravard.figures.spec import FigureSpec
from naravard.project import Project
from naravard.tables.spec import TableSpec
from naravard.text.trace import collect


@dataclass
class Composed:
    chapters: dict[str, str]  # chapter path in _quarto.yml ("04-samverkan.qmd") -> its Quarto markdown
    figures: list[FigureSpec]
    tables: list[TableSpec]
    printed: dict[str, list] = field(default_factory=dict)  # chapter -> [Printed] (values manifest)
    where: dict[str, Location] = field(default_factory=dict)  # "figur:key" -> the template line that placed it
    sources: dict[str, list[str]] = field(default_factory=dict)  # chapter -> its template files (the chapter's and its sections')
    cited: list[str] = field(default_factory=list)  # reference ids, in the order of the reference list
    synthetic: SyntheticSummary = field(default_factory=lambda: SyntheticSummary(0, 0))
    unplaced_examples: list[Example] = field(default_factory=list)  # examples no template placed
    registry: Registry | None = None

    def spelled(self, chapter: str) -> str:
        """A chapter with its references written as the reader sees them ("figur 12", not ``@fig-…``)."""
        text = self.chapters[chapter]
        return self.registry.spelled(text) if self.registry is not None else text


def template_for(chapter: str) -> str:
    """``04-samverkan.qmd`` is made from ``chapters/04-samverkan.qmd.j2``."""
    return f"chapters/{Path(chapter).name}.j2"


def chapter_templates(env: jinja2.Environment, name: str) -> list[str]:
    """*name* and the chapter templates it includes, in order: ``chapters/04-samverkan.qmd.j2``,
    ``chapters/04-samverkan/inledning.qmd.j2`` … (as paths from the project: ``templates/…``)."""
    out: list[str] = []

    def visit(template: str) -> None:
        if template in out or not template.startswith("chapters/"):
            return
        out.append(template)
        for included in _referenced(env, env.loader.get_source(env, template)[0]):
            visit(included)

    visit(name)
    return [f"templates/{t}" for t in out]


@functools.lru_cache(maxsize=256)
def _referenced(env: jinja2.Environment, source: str) -> tuple[str, ...]:
    """The templates *source* includes or imports by name."""
    return tuple(t for t in meta.find_referenced_templates(env.parse(source)) if t)


def _template_error(exc: Exception, name: str, templates_dir: Path) -> ComposeError:
    """Name the template file and line of a Jinja error."""
    line = getattr(exc, "lineno", None)
    file = getattr(exc, "filename", None) or getattr(exc, "name", None) or name
    if line is None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".j2"):
                file, line = frame.filename, frame.lineno
                break
    path = Path(file)
    if path.is_absolute():
        try:
            file = str(path.resolve().relative_to(templates_dir.resolve()))
        except ValueError:
            file = str(path)
    message = str(exc)
    former = re.match(r"No (filter|test) named '(\w+)'", message)
    if former and former.group(2) in FORMER_NAMES:
        message += f" (it is called {FORMER_NAMES[former.group(2)]} now; see docs/authoring.md)"
    return ComposeError(f"{type(exc).__name__}: {message}", Location(f"templates/{file}", line or 0))


def compose_report(package: DataPackage, project: Project, book_dir: Path, results: dict | None = None) -> Composed:
    """Render every chapter of the project's _quarto.yml into *book_dir* (the generated book);
    *results*, when given, holds the package's analysis results from an earlier build and keeps new ones."""
    book = read_book(project.quarto_config)
    env = make_environment(project.templates_dir)
    registry = Registry()
    context = ReportContext(package, registry, project.templates_dir, results)
    book_dir.mkdir(parents=True, exist_ok=True)

    rendered: dict[str, str] = {}
    printed: dict[str, list] = {}
    sources: dict[str, list[str]] = {}
    for chapter in book.chapters:
        name = template_for(chapter)
        try:
            template = env.get_template(name)
            sources[chapter] = chapter_templates(env, name)
            with collect() as sink:
                rendered[chapter] = template.render(**context.chapter_variables(Path(chapter).stem))
            printed[chapter] = list(sink)
        except jinja2.TemplateNotFound as exc:
            if exc.name == name:
                raise ComposeError(f"_quarto.yml lists {chapter}, but there is no template templates/{exc.name}") from exc
            raise _template_error(exc, name, project.templates_dir) from exc
        except ComposeError:
            raise
        except RecursionError as exc:
            raise ComposeError(f"templates/{name}: the template calls itself without end (a macro or include loop)") from exc
        except Exception as exc:  # noqa: BLE001 - any error in a template ({{ 1/0 }}) is the author's, with file and line
            raise _template_error(exc, name, project.templates_dir) from exc

    context.figures.forget_unused()
    cited = cited_in_order(rendered)
    rendered = context.citations.resolve(rendered, pypandoc.get_pandoc_path(), book_dir)
    synthetic = synthetic_summary(package, printed, registry)
    for where in PLACES:
        rendered = {ch: text.replace(NOTICE.format(where=where), notice(synthetic, where)) for ch, text in rendered.items()}
    out = {chapter: registry.resolve(text, f"templates/{template_for(chapter)}") for chapter, text in rendered.items()}
    registry.number(list(out.values()))
    for chapter, text in out.items():
        (book_dir / chapter).parent.mkdir(parents=True, exist_ok=True)
        (book_dir / chapter).write_text(text, encoding="utf-8")
    meta = yaml.safe_dump(metadata(package.settings), allow_unicode=True, sort_keys=True)
    (book_dir / METADATA_FILE).write_text(meta, encoding="utf-8")
    return Composed(
        out,
        registry.figures,
        registry.tables,
        printed,
        registry.where,
        sources,
        cited=cited,
        synthetic=synthetic,
        unplaced_examples=context.examples.unplaced(),
        registry=registry,
    )


def cited_in_order(chapters: dict[str, str]) -> list[str]:
    from naravard.compose.citations import cited_ids

    return cited_ids(chapters.values())


def synthetic_summary(package: DataPackage, printed: dict[str, list], registry: Registry) -> SyntheticSummary:
    """How many printed values (text, figures, tables) rest on synthetic rows, and which rows."""
    quantities = [p.quantity for ps in printed.values() for p in ps]
    for spec in registry.figures:
        quantities += [*spec.quantities, *spec.printed_quantities]
    for spec in registry.tables:
        quantities += list(spec.quantities)
    about = package.synthetic_rows  # its keys are the synthetic rows
    return summarise(quantities, about, about)
