"""The Quarto engine: ``quarto render`` on the generated book, when Quarto is installed.

The generated book (render/book.py) is a Quarto book project as Quarto's
documentation lays one out, so this engine only runs Quarto in it, one format
at a time, each into its own output folder (``--output-dir``), and hands the
results to the pipeline:

* PDF and DOCX: one file each, named by ``book: output-file``;
* HTML: Quarto's book website (``index.html``, a page per chapter and its
  ``site_libs/``), published as the folder ``<stem>/``; the built-in engine's
  single self-contained page is a built-in engine feature.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from naravard.errors import EngineUnavailable, RenderError

INSTALL_HINT = (
    "Quarto is not installed (no `quarto` on PATH). Install it from https://quarto.org/docs/get-started/ "
    "(version 1.9 or later, for Typst PDF/UA), or build with `--engine builtin`, which needs only the "
    "Python packages this project installs."
)

QUARTO_FORMATS = {"html": "html", "pdf": "typst", "docx": "docx"}
OUTPUT_DIR = "_output-{fmt}"  # one per format: a render never touches another format's files


def quarto_path() -> str | None:
    return shutil.which("quarto")


class QuartoEngine:
    name = "quarto"

    def __init__(self):
        self.quarto = quarto_path()
        if self.quarto is None:
            raise EngineUnavailable(INSTALL_HINT)

    def command(self, fmt: str) -> list[str]:
        return [self.quarto, "render", "--to", QUARTO_FORMATS[fmt], "--output-dir", OUTPUT_DIR.format(fmt=fmt), "--quiet"]

    # Quarto keeps state of its own in the book (.quarto/, freeze files): one render at a time.
    concurrent = False

    def prepare(self, book_dir: Path) -> None:
        pass

    def versions(self) -> list[str]:
        proc = subprocess.run([self.quarto, "--version"], capture_output=True, text=True)
        return [f"quarto {proc.stdout.strip()}"]

    def render_format(self, book_dir: Path, fmt: str, stem: str, published: dt.date) -> Path:
        """Render one format of the book; the finished file (or HTML folder)."""
        # Quarto passes SOURCE_DATE_EPOCH on to pandoc and Typst: the dates inside the files are fixed.
        epoch = int(dt.datetime(published.year, published.month, published.day, 12, tzinfo=dt.timezone.utc).timestamp())
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
        proc = subprocess.run(self.command(fmt), cwd=book_dir, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RenderError(f"quarto render --to {QUARTO_FORMATS[fmt]} failed:\n{(proc.stderr or proc.stdout).strip()}")
        return self._result(book_dir / OUTPUT_DIR.format(fmt=fmt), fmt, stem)

    def render(self, book_dir: Path, formats: tuple[str, ...], stem: str, published: dt.date, progress=None) -> dict[str, Path]:
        """Render the generated book in *book_dir*; the finished file (or HTML folder) by format."""
        outputs = {}
        for fmt in formats:
            if progress:
                progress.stage(f"Rendering {fmt.upper()} (Quarto)")
            outputs[fmt] = self.render_format(book_dir, fmt, stem, published)
        return outputs

    @staticmethod
    def _result(out: Path, fmt: str, stem: str) -> Path:
        if fmt == "html":
            if not (out / "index.html").is_file():
                raise RenderError(f"quarto render --to html did not produce {out / 'index.html'}")
            site = out.parent / stem
            out.rename(site)
            return site
        found = sorted(out.rglob(f"{stem}.{fmt}"))
        if not found:
            made = ", ".join(sorted(p.name for p in out.rglob("*") if p.is_file())[:10]) or "nothing"
            raise RenderError(f"quarto render --to {QUARTO_FORMATS[fmt]} did not produce {stem}.{fmt} (it wrote {made})")
        return found[0]
