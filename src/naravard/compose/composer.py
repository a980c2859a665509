"""Compose: the chapter templates rendered with the results into report/*.qmd."""

from __future__ import annotations

import functools
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
from naravard.render.book import read_book
from naravard.render.metadata import metadata
from naravard.text.trace import collect


@dataclass
class Composed:
    chapters: dict[str, str]  # chapter path ("report/04-samverkan.qmd") -> markdown
    figures: list[FigureSpec]
    tables: list[TableSpec]
    printed: dict[str, list] = field(default_factory=dict)  # chapter -> [Printed] (values manifest)
    where: dict[str, str] = field(default_factory=dict)  # "figur:key" -> "template:line" that placed it


def template_for(chapter: str) -> str:
    """``report/04-samverkan.qmd`` is made from ``chapters/04-samverkan.qmd.j2``."""
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


@functools.lru_cache(maxsize=8)
def _environment(templates_dir: Path) -> jinja2.Environment:
    """One environment per templates folder and process, so each template is compiled once
    (Jinja recompiles a template whose file has changed)."""
    return make_environment(templates_dir)


def compose_report(package: DataPackage, project: Project, stage: Path) -> Composed:
    book = read_book(project.quarto_config)
    env = _environment(project.templates_dir.resolve())
    registry = Registry()
    variables = ReportContext(package, registry, project.templates_dir).variables
    report_dir = stage / "report"
    report_dir.mkdir(parents=True, exist_ok=True)

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

    out: dict[str, str] = {}
    for chapter, text in rendered.items():
        text = registry.resolve(text, f"templates/{template_for(chapter)}")
        (stage / chapter).parent.mkdir(parents=True, exist_ok=True)
        (stage / chapter).write_text(text, encoding="utf-8")
        out[chapter] = text
    meta = yaml.safe_dump(metadata(package.settings), allow_unicode=True, sort_keys=True)
    (report_dir / "_metadata.yml").write_text(meta, encoding="utf-8")
    return Composed(out, registry.figures, registry.tables, printed, registry.where)
