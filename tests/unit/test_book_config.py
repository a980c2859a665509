"""The generated book's _quarto.yml: the project's, with the title page from the data package."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import yaml

from naravard.errors import NaravardError
from naravard.project import Project
from naravard.compose.book import read_book, write_book
from tests.conftest import ROOT

SETTINGS = SimpleNamespace(
    title="Uppföljning av omställningen", subtitle="Delredovisning 2026", publisher="Socialstyrelsen", published=dt.date(2026, 9, 1)
)


def test_the_book_gets_title_subtitle_author_date_and_file_name_from_the_data(tmp_path):
    config = write_book(Project(ROOT), tmp_path, SETTINGS, "uppfoljning-2026")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert data["book"]["title"] == "Uppföljning av omställningen"
    assert data["book"]["subtitle"] == "Delredovisning 2026"
    assert data["book"]["author"] == "Socialstyrelsen"
    assert data["book"]["date"] == "2026-09-01"
    assert data["book"]["output-file"] == "uppfoljning-2026"
    assert data["book"]["chapters"][0] == "index.qmd"
    # Everything else is the project's configuration as written.
    project = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    assert {k: v for k, v in data.items() if k != "book"} == {k: v for k, v in project.items() if k != "book"}
    assert (tmp_path / "templates" / "filters" / "naravard.lua").is_file()
    assert (tmp_path / "fonts" / "SourceSans3-Regular.ttf").is_file()
    assert not (tmp_path / "templates" / "chapters").exists()  # naravard's templates are not the book's
    book = read_book(config)
    assert book.root == tmp_path and book.chapters[-1] == "bilaga3-tabeller.qmd"


def test_chapters_in_a_subfolder_are_refused_with_the_reason(tmp_path):
    (tmp_path / "_quarto.yml").write_text("book:\n  chapters:\n    - report/index.qmd\n", encoding="utf-8")
    with pytest.raises(NaravardError, match="beside _quarto.yml"):
        read_book(tmp_path / "_quarto.yml")
