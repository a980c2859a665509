"""``naravard new-edition FROM_DIR NEW_DIR``: next year's data package, made from this year's.

What moves on by itself is moved on; what only the author can give is listed:

* ``report.toml``: the year, the publication date and the subtitle a year on;
  the edition's ordinal ("tredje delredovisningen") counted from the year of
  the first interim report (``method.toml``'s ``[assignment]``), or from the
  previous edition's ordinal when the package has no assignment;
* ``method.toml``: the survey run once more, its collection dates a year on;
  the previous year's extra question and deepening study are commented out;
* the indicator tables are copied whole (the series go on); the survey answers
  keep this year's as the previous year and drop the older ones, which the
  report no longer compares with (``keep_years``);
* ``references.json`` is copied; each role of ``citations.toml`` is commented out
  with the previous year's work beside it (the author names this year's);
* ``edition.toml`` (:mod:`naravard.data.edition`): each indicator's next year,
  the questions that need this year's answers, and the to-do items no rule can
  check. ``naravard validate NEW_DIR`` reports each, file by file.

The TOML files are edited line by line, so the author's comments stay.
Nothing is written when NEW_DIR exists and is not empty.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from naravard.data.edition import EDITION_FILE, Todo
from naravard.data.method import METHOD_FILE
from naravard.data.package import TABLES, CheckResult, check_package
from naravard.data.problems import DataPackageError
from naravard.data.readers import ROW, data_files, read_table
from naravard.data.references import CITATIONS_FILE, REFERENCES_FILE
from naravard.data.settings import SETTINGS_FILE
from naravard.errors import NaravardError
from naravard.text.words import ORDINAL_WORDS, ordinal_word

SURVEY_TABLES = ("survey_regions", "survey_municipalities")
# method.toml tables that describe one year's extra work, and what each is
ONE_OFF_TABLES = {"extra_question": "the extra question to the kommuner", "deepening_study": "the deepening study", "site_visits": "Socialstyrelsen's visits to the regions"}


class NewEditionError(NaravardError):
    """The package cannot be moved on (an invalid FROM_DIR, a NEW_DIR in use)."""

    exit_code = 2


@dataclass
class NewEdition:
    """What :func:`new_edition` wrote and what the author must still do."""

    from_dir: Path
    new_dir: Path
    previous: int
    year: int
    written: list[str] = field(default_factory=list)  # file names in new_dir
    dropped: dict[str, int] = field(default_factory=dict)  # table -> rows of older years left out
    not_copied: list[str] = field(default_factory=list)
    todo: list[Todo] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"{self.new_dir}: data package for reference year {self.year}, made from {self.from_dir} ({self.previous})"]
        for name in self.written:
            dropped = self.dropped.get(Path(name).stem)
            lines.append(f"  wrote {name}" + (f" ({dropped} rows of years before {self.previous} left out)" if dropped else ""))
        for name in self.not_copied:
            lines.append(f"  not copied: {name}")
        lines.append(f"Still to add (run `naravard validate {self.new_dir}` to see what is missing, file by file):")
        lines += [f"  - {t.file}: {t.what}" for t in self.todo]
        return "\n".join(lines)


def new_edition(from_dir: Path, new_dir: Path, catalogue_dir: Path | None = None, *, keep_years: int = 1) -> NewEdition:
    """Write next year's package from *from_dir* into *new_dir* (which must not exist or be empty)."""
    from_dir, new_dir = Path(from_dir), Path(new_dir)
    if keep_years < 1:
        raise NewEditionError("--keep-years must be 1 or more (this year's answers are next year's previous year)")
    if new_dir.exists() and (not new_dir.is_dir() or any(new_dir.iterdir())):
        raise NewEditionError(f"{new_dir} exists and is not empty; give a new folder (nothing was written)")
    result = check_package(from_dir, catalogue_dir)
    if result.errors or result.settings is None:
        raise NewEditionError(f"{from_dir} is not a valid data package:\n{DataPackageError(result.problems, what=str(from_dir))}")
    old = result.settings.year
    out = NewEdition(from_dir, new_dir, old, old + 1)
    staged = new_dir.with_name(f".{new_dir.name}.partial")
    if staged.exists():
        shutil.rmtree(staged)
    staged.mkdir(parents=True)
    try:
        _write_settings(from_dir, staged, result, out)
        if (from_dir / METHOD_FILE).is_file():
            _write_method(from_dir, staged, out)
        _write_tables(from_dir, staged, out, keep_from=old + 1 - keep_years)
        _write_references(from_dir, staged, out)
        written = {name.lower() for name in out.written}
        out.not_copied = [p.name + ("/" if p.is_dir() else "") for p in sorted(from_dir.iterdir()) if p.name.lower() not in written and not p.name.startswith(".")]
        if out.not_copied:
            out.todo.append(Todo("sources/", f"the published sources of {out.year}, if the package keeps any ({', '.join(out.not_copied)} of the previous package were not copied)"))
        _write_expectations(staged, result, out)
        new_dir.parent.mkdir(parents=True, exist_ok=True)
        if new_dir.exists():
            new_dir.rmdir()
        staged.rename(new_dir)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return out


# ---- report.toml ---------------------------------------------------------------------------


def _write_settings(from_dir: Path, to: Path, result: CheckResult, out: NewEdition) -> None:
    s = result.settings
    text = (from_dir / SETTINGS_FILE).read_text(encoding="utf-8")
    published = next_year(s.published)
    final = _final_year(result) == published.year
    edition = edition_ordinal(published.year, result, s.edition, final)
    subtitle = s.subtitle.replace(str(s.published.year), str(published.year))
    if final:
        subtitle = subtitle.replace("Delredovisning", "Slutredovisning")
    article = re.sub(rf"^{s.published.year}", str(published.year), s.article_number) if s.article_number else None
    moved = [
        ("year", str(out.year)),
        ("published", published.isoformat()),
        ("subtitle", _quoted(subtitle)),
        ("edition", _quoted(edition or s.edition)),
    ]
    if article:  # an edition without an artikelnummer yet leaves the colophon's line out
        moved.append(("article_number", _quoted(article)))
    for key, value in moved:
        text = set_value(text, key, value)
    text = text.replace(f"reference year {out.previous}", f"reference year {out.year}")
    (to / SETTINGS_FILE).write_text(text, encoding="utf-8")
    out.written.append(SETTINGS_FILE)
    pattern = f"{article} follows the old one's pattern" if article else "none yet: the colophon leaves the line out until there is one"
    out.todo.append(Todo(SETTINGS_FILE, f"article_number: the artikelnummer of the {published.year} edition ({pattern})"))
    out.todo.append(Todo(SETTINGS_FILE, f"published: the publication date ({published.isoformat()} is the old one a year on)"))
    if edition is None:
        out.todo.append(Todo(SETTINGS_FILE, f"edition: which report this is ({s.edition!r} was not counted on)"))
    out.todo.append(Todo(SETTINGS_FILE, "foreword_signature, project_leads, contributors, unit_head: the names of this edition"))


def next_year(day: dt.date) -> dt.date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _final_year(result: CheckResult) -> int | None:
    a = getattr(result.method, "assignment", None)
    return a.final_report_due.year if a is not None else None


def edition_ordinal(publication_year: int, result: CheckResult, previous: str, final: bool = False) -> str | None:
    """``'tredje delredovisningen'``: counted from the assignment's first interim year when
    method.toml gives it, else one on from the previous edition's ordinal (None when neither works)."""
    if final:
        return "slutredovisningen"
    words = previous.split(None, 1)
    noun = words[1] if len(words) == 2 else "delredovisningen"
    a = getattr(result.method, "assignment", None)
    if a is not None and publication_year >= a.first_interim:
        return f"{ordinal_word(publication_year - a.first_interim + 1)} {noun}"
    n = _ordinal_number(words[0]) if words else None
    return f"{ordinal_word(n + 1)} {noun}" if n else None


def _ordinal_number(word: str) -> int | None:
    if word in ORDINAL_WORDS[1:]:
        return ORDINAL_WORDS.index(word)
    m = re.fullmatch(r"(\d+):[ae]", word)
    return int(m.group(1)) if m else None


# ---- method.toml ---------------------------------------------------------------------------


def _write_method(from_dir: Path, to: Path, out: NewEdition) -> None:
    text = (from_dir / METHOD_FILE).read_text(encoding="utf-8")
    section = None
    lines = []
    for line in text.splitlines(keepends=True):
        header = _HEADER.match(line)
        if header:
            section = header.group(1).strip()
        elif section and section.startswith("surveys.") and _DATE_VALUE.match(line):
            line = _DATE_VALUE.sub(lambda m: m.group(1) + next_year(dt.date.fromisoformat(m.group(2))).isoformat() + m.group(3), line)
        lines.append(line)
    text = "".join(lines)
    edition = re.search(r"^edition\s*=\s*(\d+)", text, re.M)
    if edition:
        text = set_value(text, "edition", str(int(edition.group(1)) + 1))
    for table in ONE_OFF_TABLES:
        text, found = comment_out_table(text, table, f"{table} of the {out.previous} edition, kept for reference: uncomment and update it if {out.year} has one")
        if found:
            out.todo.append(Todo(METHOD_FILE, f"[{table}]: {ONE_OFF_TABLES[table]} of {out.year}, if there is one (the {out.previous} one is commented out)"))
    (to / METHOD_FILE).write_text(text, encoding="utf-8")
    out.written.append(METHOD_FILE)
    out.todo.append(Todo(METHOD_FILE, f"[surveys.*]: how many answered, the collection dates (moved a year on), reminders and questions of the {out.year} surveys"))
    out.todo.append(Todo(METHOD_FILE, "quality_declaration: the diarienummer of this year's quality declaration"))


_HEADER = re.compile(r"^\s*\[\[?([^\]]+)\]\]?\s*(?:#.*)?$")
_DATE_VALUE = re.compile(r"^(\s*[A-Za-z_]+\s*=\s*\"?)(\d{4}-\d{2}-\d{2})(\"?.*)$", re.S)
_VALUE = r'"(?:[^"\\]|\\.)*"|[^#\s][^#\n]*?'


def set_value(text: str, key: str, value: str) -> str:
    """*text* with the value of the top-level ``key = …`` line replaced (its comment kept)."""
    pattern = re.compile(rf"^(\s*{re.escape(key)}\s*=\s*)({_VALUE})(\s*(?:#.*)?)$", re.M)
    section_start = _HEADER.search(text)
    top_end = section_start.start() if section_start else len(text)
    m = pattern.search(text, 0, top_end)
    if m is None:
        return text
    return text[: m.start(2)] + value + text[m.end(2) :]


def comment_out_table(text: str, table: str, note: str) -> tuple[str, bool]:
    """*text* with the ``[table]`` section turned into comments under *note*; whether it was there."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if (m := _HEADER.match(line)) and m.group(1).strip() == table), None)
    if start is None:
        return text, False
    end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and the comment above the next table are not this table's
    body = [f"# {line}" if line.strip() else line for line in lines[start:end]]
    return "".join(lines[:start] + [f"# {note}\n"] + body + lines[end:]), True


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---- the tables ----------------------------------------------------------------------------


def _write_tables(from_dir: Path, to: Path, out: NewEdition, keep_from: int) -> None:
    files = data_files(from_dir)
    for stem in TABLES:
        for path in files.get(stem, []):
            if stem in SURVEY_TABLES:
                name, dropped = _keep_years(path, to, keep_from)
                out.dropped[stem] = dropped
                out.written.append(name)
            else:
                shutil.copy2(path, to / path.name)
                out.written.append(path.name)
    kept = [p.name for stem in ("examples", "free_text", "facts", "exclusions") for p in files.get(stem, [])]
    if kept:
        out.todo.append(Todo(kept[0], f"the examples, free-text answers and facts of {out.year} ({', '.join(kept)} keep {out.previous}'s, which print as {out.previous}'s)"))


def _write_references(from_dir: Path, to: Path, out: NewEdition) -> None:
    """The year's works are kept (they stay citable); which work plays each role is next
    year's to say, so every role of citations.toml is commented out with its old work."""
    works = from_dir / REFERENCES_FILE
    if works.is_file():
        shutil.copy2(works, to / REFERENCES_FILE)
        out.written.append(REFERENCES_FILE)
    citations = from_dir / CITATIONS_FILE
    if not citations.is_file():
        return
    lines, section, roles = [], None, []
    for line in citations.read_text(encoding="utf-8").splitlines(keepends=True):
        header = _HEADER.match(line)
        if header:
            section = header.group(1).strip()
        elif section == "roles" and (m := re.match(r"\s*([A-Za-z_][\w-]*)\s*=", line)):
            roles.append(m.group(1))
            line = f"# {line.rstrip()}  # {out.previous}'s: name the work of {out.year}, or leave the role out\n"
        lines.append(line)
    text = "".join(lines).replace(f"report on {out.previous}", f"report on {out.year}")
    (to / CITATIONS_FILE).write_text(text, encoding="utf-8")
    out.written.append(CITATIONS_FILE)
    if roles:
        out.todo.append(
            Todo(CITATIONS_FILE, f"the work of {out.year} for each citation role ({', '.join(roles)}), added to {REFERENCES_FILE}; a role left out leaves its sentences out")
        )


def _keep_years(path: Path, to: Path, keep_from: int) -> tuple[str, int]:
    """A survey table without the years before *keep_from*: copied whole when nothing goes,
    else written as CSV (UTF-8, comma) from its cells as written."""
    raw = read_table(path)
    years = pd.to_numeric(raw.frame.get("year", pd.Series(dtype=str)), errors="coerce")
    keep = ~(years < keep_from)
    dropped = int((~keep).sum())
    if not dropped:
        shutil.copy2(path, to / path.name)
        return path.name, 0
    columns = [c for c in raw.columns_found if c in raw.frame.columns and c != ROW]
    name = path.stem + ".csv"
    raw.frame.loc[keep, columns].to_csv(to / name, index=False, encoding="utf-8", lineterminator="\n")
    return name, dropped


# ---- edition.toml --------------------------------------------------------------------------


def _write_expectations(to: Path, result: CheckResult, out: NewEdition) -> None:
    lines = [
        f"# What the {out.year} package still needs: written by `naravard new-edition` from {out.from_dir}.",
        "# `naravard validate` reports every line below whose data are not in the package yet.",
        "# Delete a line when that value will not come, a [[todo]] entry when it is done,",
        "# and the file when nothing is left.",
        f"year = {out.year}",
        f"previous = {out.previous}",
        "",
        "[indicators]  # indicator = the year of its next value (the latest year so far + 1)",
    ]
    ind = result.indicators
    if ind is not None and len(ind):
        for ident, latest in sorted(ind.groupby("indicator")["year"].max().items()):
            lines.append(f"{ident} = {int(latest) + 1}")
    for table, frame in (("survey_regions", result.survey_regions), ("survey_municipalities", result.survey_municipalities)):
        lines += ["", f"[{table}]  # questions answered for {out.previous}: each needs its {out.year} answers"]
        asked = [] if frame is None else list(dict.fromkeys(frame.loc[frame["year"] == out.previous, "question"]))
        lines.append("questions = [" + ", ".join(_quoted(q) for q in asked) + "]")
    for item in out.todo:
        lines += ["", "[[todo]]", f"file = {_quoted(item.file)}", f"what = {_quoted(item.what)}"]
    (to / EDITION_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    out.written.append(EDITION_FILE)

