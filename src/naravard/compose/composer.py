"""Compose: the chapter templates rendered with the results into the generated book's chapters."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from naravard.tables.spec import TableSpec
from naravard.compose.context import ReportContext
from naravard.compose.environment import make_environment
from naravard.compose.registry import ComposeError, Registry
from naravard.data.models import DataPackage
from naravard.figures.spec import FigureSpec
from naravard.project import Project
from naravard.render.book import METADATA_FILE, read_book
from naravard.render.metadata import metadata
from naravard.text.trace import collect


@dataclass
class Composed:
    chapters: dict[str, str]  # chapter path in _quarto.yml ("04-samverkan.qmd") -> its Quarto markdown
    figures: list[FigureSpec]
    tables: list[TableSpec]
    printed: dict[str, list] = field(default_factory=dict)  # chapter -> [Printed] (values manifest)
    where: dict[str, str] = field(default_factory=dict)  # "figur:key" -> "template:line" that placed it
    registry: Registry | None = None

    def spelled(self, chapter: str) -> str:
        """A chapter with its references written as the reader sees them ("figur 12", not ``@fig-…``)."""
        text = self.chapters[chapter]
        return self.registry.spelled(text) if self.registry is not None else text


def template_for(chapter: str) -> str:
    """``04-samverkan.qmd`` is made from ``chapters/04-samverkan.qmd.j2``."""
    return f"chapters/{Path(chapter).name}.j2"


def _template_error(exc: Exception, name: str) -> ComposeError:
    """Name the template file and line of a Jinja error."""
    line = getattr(exc, "lineno", None)
    if line is None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".j2"):
                name, line = frame.filename, frame.lineno
                break
    where = f"templates/{name}" if not name.startswith("/") else name
    return ComposeError(f"{where}:{line or '?'}: {type(exc).__name__}: {exc}")


def compose_report(package: DataPackage, project: Project, book_dir: Path) -> Composed:
    """Render every chapter of the project's _quarto.yml into *book_dir* (the generated book)."""
    book = read_book(project.quarto_config)
    env = make_environment(project.templates_dir)
    registry = Registry()
    variables = ReportContext(package, registry, project.templates_dir).variables
    book_dir.mkdir(parents=True, exist_ok=True)

    rendered: dict[str, str] = {}
    printed: dict[str, list] = {}
    for chapter in book.chapters:
        name = template_for(chapter)
        try:
            template = env.get_template(name)
            with collect() as sink:
                rendered[chapter] = template.render(**variables, chapter=Path(chapter).stem)
            printed[chapter] = list(sink)
        except jinja2.TemplateNotFound as exc:
            raise ComposeError(f"_quarto.yml lists {chapter}, but there is no template templates/{exc.name}") from exc
        except ComposeError:
            raise
        except (jinja2.TemplateError, LookupError, ValueError, TypeError, AttributeError) as exc:
            raise _template_error(exc, name) from exc

    out = {chapter: registry.resolve(text, f"templates/{template_for(chapter)}") for chapter, text in rendered.items()}
    registry.number(list(out.values()))
    for chapter, text in out.items():
        (book_dir / chapter).parent.mkdir(parents=True, exist_ok=True)
        (book_dir / chapter).write_text(text, encoding="utf-8")
    meta = yaml.safe_dump(metadata(package.settings), allow_unicode=True, sort_keys=True)
    (book_dir / METADATA_FILE).write_text(meta, encoding="utf-8")
    return Composed(out, registry.figures, registry.tables, printed, registry.where, registry)
