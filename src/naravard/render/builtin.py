"""The built-in engine: the Quarto book rendered with pandoc and Typst.

For machines without Quarto. It reads the same _quarto.yml (chapter order,
filters, reference document), runs the same Lua filter, and writes:

* HTML: one page with a navigation sidebar, its styles and fonts embedded and
  its figures as files beside it (figurer/), so that it loads fast;
* DOCX: through the Word reference document, then post-processed;
* PDF: pandoc writes Typst with the house style, Typst compiles it as
  PDF/UA-1 (tagged, with alt text, title and language; a missing alt text
  fails the build).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pypandoc

from naravard.errors import EngineUnavailable, RenderError
from naravard.compose.book import FONTS, METADATA_FILE, Book, read_book
from naravard.render.fonts import write_font_css

PANDOC_MAJOR = 3  # the Lua filter and the Typst template are written for pandoc 3

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def _epoch(date: dt.date) -> int:
    return int(dt.datetime(date.year, date.month, date.day, 12, tzinfo=dt.timezone.utc).timestamp())


class BuiltinEngine:
    name = "builtin"

    def __init__(self, batch: bool = False):
        """*batch*: HTML and Typst through one long-running pandoc process (render/pandoc_batch.py),
        for many books in a row (the area profiles); :meth:`close` ends it."""
        self._batch_wanted = batch
        self._batches: dict[int, object] = {}  # one pandoc process per publication date (its SOURCE_DATE_EPOCH)
        try:
            self.pandoc = pypandoc.get_pandoc_path()
            version = pypandoc.get_pandoc_version()
        except OSError as exc:
            raise EngineUnavailable(f"pandoc is not available ({exc}); reinstall naravard (it brings pandoc in pypandoc-binary)") from exc
        if int(version.split(".")[0]) != PANDOC_MAJOR:
            raise EngineUnavailable(
                f"pandoc {version} found; the built-in engine needs pandoc {PANDOC_MAJOR}.x "
                "(install naravard with its constraints.txt)"
            )

    # ---- helpers -----------------------------------------------------------------------------

    def _combined_source(self, book: Book) -> Path:
        """The chapters concatenated in book order (what Quarto renders as one document)."""
        parts = []
        for chapter in book.chapters:
            path = book.path(chapter)
            if not path.is_file():
                raise RenderError(f"{chapter} is listed in _quarto.yml but was not generated")
            parts.append(FRONT_MATTER.sub("", path.read_text(encoding="utf-8")).strip() + "\n")
        combined = book.path("_rapport.md")  # "_": Quarto leaves it alone
        combined.write_text("\n\n".join(parts), encoding="utf-8")
        return combined

    def _pandoc(self, args: list[str], cwd: Path, published: dt.date) -> None:
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(_epoch(published)))
        proc = subprocess.run([self.pandoc, *args], cwd=cwd, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RenderError(f"pandoc failed ({' '.join(args[-2:])}):\n{proc.stderr.strip()}")

    def _batch(self, published: dt.date):
        """The long-running pandoc for *published*, or None to run pandoc once per document."""
        if not self._batch_wanted:
            return None
        from naravard.render.pandoc_batch import PandocBatch

        epoch = _epoch(published)
        if epoch not in self._batches:
            self._batches[epoch] = PandocBatch(self.pandoc, epoch)
        return self._batches[epoch]

    @staticmethod
    def _chapters(book: Book) -> list[Path]:
        """The chapters the one source is made of: the batch reads each by itself and keeps what it read."""
        return [book.path(chapter) for chapter in book.chapters]

    def close(self) -> None:
        for batch in self._batches.values():
            batch.close()
        self._batches.clear()

    def _filters(self, book: Book) -> list[Path]:
        return [book.path(f).resolve() for f in book.lua_filters]

    def _common(self, book: Book) -> list[str]:
        args = ["-f", "markdown-implicit_figures", "--metadata-file", str(book.path(METADATA_FILE))]
        for f in self._filters(book):
            args += ["--lua-filter", str(f)]
        return args + ["--resource-path", str(book.root)]

    # ---- formats -----------------------------------------------------------------------------

    def html(self, book: Book, source: Path, out: Path, published: dt.date) -> None:
        css_dir = book.path("_css")
        fonts_css = write_font_css(css_dir)
        styles = [fonts_css] + [book.path(c) for c in book.css]
        # The styles go into the page itself (no request for them); the figures
        # stay files beside it, loaded as the reader scrolls (the filter's Image).
        head = css_dir / "styles.html"
        head.write_text("<style>\n" + "\n".join(p.read_text(encoding="utf-8") for p in styles) + "</style>\n", encoding="utf-8")
        template = book.path("templates/html/template.html")
        if batch := self._batch(published):
            batch.convert(cwd=source.parent, source=source, out=out, fmt="html5", template=template, filters=self._filters(book),
                          metadata=book.path(METADATA_FILE), toc_depth=book.toc_depth, header=head, chapters=self._chapters(book))
            return
        args = self._common(book) + [
            "-t", "html5", "--standalone", "--wrap=none", "--include-in-header", str(head),
            "--template", str(template), "--toc", f"--toc-depth={book.toc_depth}",
        ]
        self._pandoc(args + [str(source), "-o", str(out)], source.parent, published)

    def docx(self, book: Book, source: Path, out: Path, published: dt.date) -> None:
        args = self._common(book) + ["-t", "docx", "--reference-doc", str(book.path(book.reference_doc))]
        self._pandoc(args + [str(source), "-o", str(out)], source.parent, published)

    def pdf(self, book: Book, source: Path, out: Path, published: dt.date) -> None:
        from naravard.render.typst_compile import TypstFailed, compile_pdf

        typ = book.path("_rapport.typ")
        template = book.path("templates/typst/pandoc.typ")
        if batch := self._batch(published):
            batch.convert(cwd=source.parent, source=source, out=typ, fmt="typst", template=template, filters=self._filters(book),
                          metadata=book.path(METADATA_FILE), chapters=self._chapters(book))
        else:
            args = self._common(book) + ["-t", "typst", "--wrap=none", "--standalone", "--template", str(template)]
            self._pandoc(args + [str(source), "-o", str(typ)], source.parent, published)
        try:
            # The national build's Typst runs in a process of its own, which takes its memo cache with
            # it when it ends (typst_compile.py); a profiles' worker compiles its many books itself.
            compile_pdf(
                typ, out, root=book.root,
                font_paths=[str(book.path(FONTS))],  # the report font and its fallback (compose/book.py), no system fonts
                standards=["ua-1"], timestamp=_epoch(published), in_process=self._batch_wanted,
            )
        except TypstFailed as exc:
            hint = ""
            if "alt" in str(exc).lower():
                hint = "\nEvery figure needs alt text (PDF/UA-1); see the figure's spec."
            raise RenderError(f"Typst could not make the PDF/UA-1 file:\n{exc}{hint}") from exc

    # The three formats read the book and write files of their own (the HTML its _css/, the
    # PDF its _rapport.typ), so they may run at once: render/formats.py runs them in threads
    # (pandoc and Typst work outside Python's lock).
    concurrent = True

    def prepare(self, book_dir: Path) -> None:
        """Write what every format reads: the chapters as one source (_rapport.md)."""
        self._combined_source(read_book(book_dir / "_quarto.yml"))

    def render_format(self, book_dir: Path, fmt: str, stem: str, published: dt.date) -> Path:
        """Render one format of the prepared book into its _output/; the file."""
        book = read_book(book_dir / "_quarto.yml")
        out_dir = book_dir / "_output"
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{stem}.{fmt}"
        getattr(self, fmt)(book, book.path("_rapport.md"), target, published)
        return target

    def versions(self) -> list[str]:
        """What the output depends on besides the book: the engines' versions."""
        import typst

        return [f"pandoc {pypandoc.get_pandoc_version()}", f"typst-py {getattr(typst, '__version__', '?')}"]

    def render(self, book_dir: Path, formats: tuple[str, ...], stem: str, published: dt.date, progress=None) -> dict[str, Path]:
        """Render the generated book in *book_dir* into its _output/, one format after another; the files by format."""
        self.prepare(book_dir)
        outputs = {}
        for fmt in formats:
            if progress:
                progress.stage(f"Rendering {fmt.upper()} (pandoc{' + Typst' if fmt == 'pdf' else ''})")
            outputs[fmt] = self.render_format(book_dir, fmt, stem, published)
        return outputs
