"""The profiles' one pandoc process (render/pandoc_batch.py) writes what pandoc's command line writes,
byte for byte, for several books in a row; a filter that stops the build is an error with its message,
and the next document still converts. Profile books link to the run's one copy of the fonts."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from naravard.errors import RenderError
from naravard.project import Project

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """Two composed profile books (a region, a kommun) whose fonts/ link to one folder."""
    from naravard import fonts
    from naravard.analysis.areas import AreaResults
    from naravard.compose.profile import compose_profile, profile_settings, stem
    from naravard.data import load_package
    from naravard.figures.draw import draw
    from naravard.profiles import write_profile_book

    project = Project(ROOT)
    package = load_package(ROOT / "data" / "sample-2024", ROOT / "data" / "catalogue")
    root = tmp_path_factory.mktemp("profiles")
    shared = fonts.install(root / "_fonts")
    made = []
    for level, code in (("region", "08"), ("kommun", "0980")):
        results = AreaResults(package, level)
        area = results.area(code)
        book = root / stem(area, 2024) / "book"
        write_profile_book(project, book, profile_settings(package.settings, area), stem(area, 2024), fonts_dir=shared)
        composed, _ = compose_profile(results, code, project, book, png=False)
        for spec in composed.figures:  # the PDF needs them
            draw(spec, book / "figures")
        made.append(book)
    return made


def test_a_profile_book_links_to_the_shared_fonts(books):
    link = books[0] / "fonts"
    assert link.is_symlink() and os.readlink(link) == os.path.join("..", "..", "_fonts")  # relative: the folder can move
    assert (link / "SourceSans3-Regular.ttf").is_file()


def test_the_batch_writes_what_the_command_line_writes(books):
    from naravard.render.builtin import BuiltinEngine

    once, batch = BuiltinEngine(), BuiltinEngine(batch=True)
    try:
        for book in books:
            once.prepare(book)
            expected = {}
            for fmt in ("html", "pdf"):
                expected[fmt] = once.render_format(book, fmt, "einmal", PUBLISHED).read_bytes()
            expected["typ"] = (book / "_rapport.typ").read_bytes()
            for fmt in ("html", "pdf"):
                assert batch.render_format(book, fmt, "batch", PUBLISHED).read_bytes() == expected[fmt], (book, fmt)
            assert (book / "_rapport.typ").read_bytes() == expected["typ"]
        assert len(batch._batches) == 1 and batch._batches[next(iter(batch._batches))]._proc is not None  # one process for both
    finally:
        batch.close()


def test_a_filter_error_names_the_problem_and_the_next_document_converts(books, tmp_path):
    from naravard.render.pandoc_batch import PandocBatch
    from naravard.render.builtin import BuiltinEngine

    book = books[1]
    bad = tmp_path / "bad.md"
    bad.write_text("# Rubrik\n\n![Alt](/etc/passwd.svg)\n", encoding="utf-8")
    engine = BuiltinEngine()
    engine.prepare(book)  # its _rapport.md
    batch = PandocBatch(engine.pandoc, 0)
    filters = [book / "templates" / "filters" / "naravard.lua"]
    try:
        with pytest.raises(RenderError, match="images come only from the report's figures"):
            batch.convert(cwd=book, source=bad, out=tmp_path / "bad.typ", fmt="typst",
                          template=book / "templates" / "typst" / "pandoc.typ", filters=filters)
        batch.convert(cwd=book, source=book / "_rapport.md", out=tmp_path / "good.typ", fmt="typst",
                      template=book / "templates" / "typst" / "pandoc.typ", filters=filters, metadata=book / "_metadata.yml")
        assert "Gotland" in (tmp_path / "good.typ").read_text(encoding="utf-8")
    finally:
        batch.close()


WIDE_TABLE = "| Alternativ | Andel |\n|:---|---:|\n| " + "Ett alternativ med ett långt namn " * 2 + "| 42 % |\n\n"


def test_the_batch_reads_a_books_chapters_as_the_one_source_and_again_only_what_changed(tmp_path):
    """A job naming the chapters gives what the one source (_rapport.md) gives on the command line:
    front matter dropped, figures numbered across chapters, a reference to a later chapter's figure, a
    pipe table wider than the command line's 72 columns (relative widths: a <colgroup>).
    After one chapter changes the next job gives the new book's output; the chapters it kept read
    are unchanged by the filter that ran over them (a figure's title is taken out of its div)."""
    from naravard.render.builtin import FRONT_MATTER, BuiltinEngine
    from naravard.render.pandoc_batch import PandocBatch
    from tests.unit.test_xref_filter import figure

    chapters = [tmp_path / "01-a.qmd", tmp_path / "02-b.qmd", tmp_path / "03-c.qmd"]
    texts = [
        "---\ntitle: A\n---\n\n# Första {#sec-a}\n\nSe @fig-b och @Fig-a.\n" + figure("fig-a", "Titel a"),
        "# Andra\n\nText med *betoning*.\n\n" + WIDE_TABLE + figure("fig-b", "Titel b"),
        "---\nx: 1\n---\n# Tredje\n\n" + figure("fig-c", "Titel c") + "\nSe @fig-c.\n",
    ]
    filters = [ROOT / "templates" / "filters" / "naravard.lua"]
    template = ROOT / "templates" / "html" / "template.html"
    engine, batch = BuiltinEngine(), PandocBatch(BuiltinEngine().pandoc, 0)

    def one_source(out: Path) -> bytes:
        joined = "\n\n".join(FRONT_MATTER.sub("", c.read_text(encoding="utf-8")).strip() + "\n" for c in chapters)
        (tmp_path / "_rapport.md").write_text(joined, encoding="utf-8")
        engine._pandoc(["-f", "markdown-implicit_figures", "--lua-filter", str(filters[0]), "-t", "html5", "--standalone",
                        "--wrap=none", "--template", str(template), "--toc", "--toc-depth=2", "_rapport.md", "-o", str(out)],
                       tmp_path, dt.date(1970, 1, 1))
        return out.read_bytes()

    def batched(out: Path) -> bytes:
        batch.convert(cwd=tmp_path, source=tmp_path / "_rapport.md", out=out, fmt="html5", template=template, filters=filters,
                      toc_depth=2, chapters=chapters)
        return out.read_bytes()

    try:
        for path, text in zip(chapters, texts):
            path.write_text(text, encoding="utf-8")
        first = one_source(tmp_path / "one.html")
        assert b"Figur 2." in first and b"figur 2</a>" in first and b"x: 1" not in first and b"<colgroup>" in first
        assert batched(tmp_path / "b1.html") == first
        assert batched(tmp_path / "b2.html") == first  # the same chapters again, from what the batch kept
        chapters[1].write_text(texts[1].replace("Text med", "Ny text med") + figure("fig-d", "Titel d"), encoding="utf-8")
        second = one_source(tmp_path / "two.html")
        assert second != first and b"Figur 4." in second
        assert batched(tmp_path / "b3.html") == second
    finally:
        batch.close()
