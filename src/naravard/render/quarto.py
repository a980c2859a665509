"""The Quarto engine: ``quarto render`` on the generated book, when Quarto is installed."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from naravard.errors import EngineUnavailable, RenderError
from naravard.project import Project

INSTALL_HINT = (
    "Quarto is not installed (no `quarto` on PATH). Install it from https://quarto.org/docs/get-started/ "
    "(version 1.9 or later, for Typst PDF/UA), or build with `--engine builtin`, which needs only the "
    "Python packages this project installs."
)

QUARTO_FORMATS = {"html": "html", "pdf": "typst", "docx": "docx"}


def quarto_path() -> str | None:
    return shutil.which("quarto")


class QuartoEngine:
    name = "quarto"

    def __init__(self, project: Project):
        self.project = project
        self.quarto = quarto_path()
        if self.quarto is None:
            raise EngineUnavailable(INSTALL_HINT)

    def render(self, stage: Path, formats: tuple[str, ...], stem: str, published: dt.date, progress=None) -> dict[str, Path]:
        # Quarto renders the project in the staging folder, a copy of the project's
        # configuration, templates and the generated sources.
        shutil.copy(self.project.quarto_config, stage / "_quarto.yml")
        shutil.copytree(self.project.templates_dir, stage / "templates", dirs_exist_ok=True)
        outputs = {}
        for fmt in formats:
            if progress:
                progress.stage(f"Rendering {fmt.upper()} (Quarto)")
            proc = subprocess.run(
                [self.quarto, "render", "--to", QUARTO_FORMATS[fmt], "--output", f"{stem}.{fmt}"],
                cwd=stage,
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0:
                raise RenderError(f"quarto render --to {QUARTO_FORMATS[fmt]} failed:\n{proc.stderr.strip()}")
            found = sorted((stage / "_output").rglob(f"{stem}.{fmt}"))
            if not found:
                raise RenderError(f"quarto render did not produce {stem}.{fmt}")
            outputs[fmt] = found[0]
        return outputs
