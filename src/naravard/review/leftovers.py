"""Years left over from an earlier edition: years in the composed report that come from fixed text.

A year the data give moves on with the data; a year typed into a template, the
catalogue or a reference does not. To tell the two apart without marking every
number, the report is composed twice: from the package, and from the same
package moved on by one year (every year of its tables, settings and method,
and the catalogue's years of the series). Every year that came from the data is
one higher in the second report; a year that stays where it was came from fixed
text. In next year's report that is a leftover of the previous year, whatever
the sentence around it says::

    for left in fixed_years(package_dir, project):
        print(left.format())   # templates/chapters/01-uppdrag.qmd.j2:104: 2024 in "… överenskommelsen för 2024 …"

Only years near the report year are reported (the previous year, the report
year and the publication year): history ("sedan 2017", "lagen (2017:612)") is
fixed on purpose. The reference list is not read: each work prints its own
year, and whether a year cites its own works (the agreement in force, the
support report) is what ``naravard validate`` checks through the citation
roles' ``issued_offset``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import json
import logging
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from naravard.project import Project

_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d|2100)(?!\d)")
_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DATE_OR_YEAR = re.compile(f"{_DATE.pattern}|{_YEAR.pattern}")  # groups 1–3: a date; 4: a year
_TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")
_MARK = re.compile(r'\[((?:[^\[\]\\]|\\.)*)\]\{\.nv-value key="[^"]*"\}')
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]{3,}")

# Cells of a package's tables that hold years or text from the data (a year in them is data);
# ids (a reference's "ivo_tillsyn_primarvard_2024") and numbers are left as they are.
TEXT_COLUMNS = ("year", "missing", "note", "statement", "text", "label", "reason", "counts")
# Package files that name works by id only (moved as they are, so the ids still match).
ID_FILES = ("citations.toml",)
# Catalogue keys that hold years of a series (moved with the data).
CATALOGUE_YEAR_KEYS = ("base_year", "first_year", "valid_from")


@contextlib.contextmanager
def _quiet(logger: str):
    log = logging.getLogger(logger)
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


@dataclass(frozen=True)
class Leftover:
    """A year of the composed report that did not move with the data."""

    chapter: str  # the composed chapter, "report/03-styrning.qmd"
    year: int
    context: str  # the words around it, as the reader sees them
    file: str  # where the fixed text is (a template, a catalogue file, the references), relative to the project
    line: int  # 0 when not found

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f'{where}: {self.year} in "{self.context}" ({self.chapter})'


def fixed_years(
    package_dir: Path,
    project: Project,
    catalogue_dir: Path | None = None,
    years: Iterable[int] | None = None,
    *,
    package=None,
    composed=None,
) -> list[Leftover]:
    """Years in the report composed from *package_dir* that come from fixed text, among
    *years* (default: the report year, the year before and the year after).

    *package* and *composed*: the package already loaded and its report already composed
    (``naravard check`` has them), so only the moved-on package is composed here."""
    from naravard.compose.composer import compose_report
    from naravard.data import load_package

    catalogue_dir = Path(catalogue_dir or project.catalogue_dir)
    package = package if package is not None else load_package(package_dir, catalogue_dir)
    report_year = package.settings.year
    wanted = set(years) if years is not None else {report_year - 1, report_year, report_year + 1}
    with tempfile.TemporaryDirectory(prefix="naravard-leftovers-") as tmp:
        tmp = Path(tmp)
        shift_catalogue(catalogue_dir, tmp / "catalogue")
        shift_package(package_dir, tmp / "package")
        with _quiet("naravard.data"):  # the moved-on package's warnings are the package's own, a year on
            shifted = load_package(tmp / "package", tmp / "catalogue")
        one = composed if composed is not None else compose_report(package, project, tmp / "one")
        two = compose_report(shifted, project, tmp / "two")
    sources = _SourceLines(project, catalogue_dir)
    found: list[Leftover] = []
    for chapter, text in one.chapters.items():
        other = two.chapters.get(chapter, "")
        for year, context in unmoved_years(text, other, wanted):
            file, line = sources.locate(year, context, chapter)
            found.append(Leftover(chapter, year, context, file, line))
    return found


def unmoved_years(text: str, shifted: str, years: set[int]) -> list[tuple[int, str]]:
    """(year, context) for each of *years* in *text* that is the same year at the same place in *shifted*.

    The texts are aligned on everything but their years, so a table row "2024 | 75 %" meets
    its shifted "2025 | 75 %": line by line first (most lines differ in their years only),
    then word by word inside the blocks of lines that differ more."""
    lines_a, lines_b = _lines(text), _lines(shifted)
    out: list[tuple[int, str]] = []

    def compare(a: list[str], b: list[str], context: list[str]) -> None:
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            if x == y and _YEAR.fullmatch(x) and int(x) in years:
                out.append((int(x), _context(context, k)))

    matcher = difflib.SequenceMatcher(None, [m for _, m in lines_a], [m for _, m in lines_b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for (a, _), (b, _) in zip(lines_a[i1:i2], lines_b[j1:j2], strict=True):
                compare(a, b, a)
        elif tag == "replace":
            a = [t for tokens, _ in lines_a[i1:i2] for t in tokens]
            b = [t for tokens, _ in lines_b[j1:j2] for t in tokens]
            words = difflib.SequenceMatcher(None, [_masked(t) for t in a], [_masked(t) for t in b], autojunk=False)
            for wtag, a1, a2, b1, b2 in words.get_opcodes():
                if wtag == "equal" or (wtag == "replace" and a2 - a1 == b2 - b1):
                    out += [(int(x), _context(a, a1 + k)) for k, (x, y) in enumerate(zip(a[a1:a2], b[b1:b2])) if x == y and _YEAR.fullmatch(x) and int(x) in years]
    return out


# Not what a reader reads as the report's text: the reference list's entries (each work's own
# year; which work a year cites is validate's to check, by the citation roles' issued_offset),
# link targets and attribute blocks (ids such as #ref-ivo_tillsyn_primarvard_2024).
_BIBLIOGRAPHY_ENTRY = re.compile(r"^::: \{#ref-[^}]*\.csl-entry[^}]*\}\n.*?^:::$", re.M | re.S)
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_ATTRIBUTES = re.compile(r"\{[#.][^}]*\}")


def _lines(markdown: str) -> list[tuple[list[str], str]]:
    """Each line's tokens, and the line with its years masked (what the lines are aligned on)."""
    text = _MARK.sub(lambda m: m.group(1), markdown)
    text = _BIBLIOGRAPHY_ENTRY.sub(":::", text)
    text = _ATTRIBUTES.sub("", _LINK_TARGET.sub("]", text))
    out = []
    for line in text.split("\n"):
        tokens = _TOKEN.findall(line)
        out.append((tokens, " ".join(_masked(t) for t in tokens)))
    return out


def _masked(token: str) -> str:
    return "\ue001" if _YEAR.fullmatch(token) else token


def _context(tokens: list[str], i: int, width: int = 7) -> str:
    out = ""
    for w in tokens[max(0, i - width) : i + width + 1]:
        out += w if not out or not w[0].isalnum() or out[-1] in "(–-/" else " " + w
    return out


# ---- the package and the catalogue a year on -------------------------------------------------


def _shift_text(text: str, years: int) -> str:
    """Every date and year in *text* moved on by *years* (29 February becomes 28 February)."""

    def date(m: re.Match) -> str:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        try:
            return dt.date(y + years, mo, d).isoformat()
        except ValueError:
            return dt.date(y + years, mo, 28).isoformat() if (mo, d) == (2, 29) else m.group(0)

    # one pass, so the year of a date is moved once
    return _DATE_OR_YEAR.sub(lambda m: date(m) if m.group(2) else str(int(m.group(4)) + years), text)


def shift_package(src: Path, dst: Path, years: int = 1) -> Path:
    """A copy of the package with every year of its data moved on: the tables' ``year``
    column and the years in their text cells, and every year and date in its TOML files.
    CSV tables only (the sample's format); other files are copied as they are."""
    import pandas as pd

    dst.mkdir(parents=True, exist_ok=True)
    for path in sorted(Path(src).iterdir()):
        if path.is_dir():
            continue
        if path.suffix == ".toml" and path.name not in ID_FILES:
            (dst / path.name).write_text(_shift_text(path.read_text(encoding="utf-8"), years), encoding="utf-8")
        elif path.suffix == ".json":
            works = json.loads(path.read_text(encoding="utf-8"))
            (dst / path.name).write_text(json.dumps(_shift_works(works, years), ensure_ascii=False), encoding="utf-8")
        elif path.suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", sep=None, engine="python")
            for col in TEXT_COLUMNS:
                if col in frame:
                    frame[col] = frame[col].map(lambda t: _shift_text(t, years))
            frame.to_csv(dst / path.name, index=False, lineterminator="\n")
        else:
            shutil.copy2(path, dst / path.name)
    return dst


def _shift_works(value, years: int, key: str = ""):
    """CSL-JSON works with their years moved on (issued, titles, notes), their ids kept."""
    if isinstance(value, list):
        return [_shift_works(v, years, key) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "id" else _shift_works(v, years, k)) for k, v in value.items()}
    if isinstance(value, str):
        return _shift_text(value, years)
    if isinstance(value, int) and key == "date-parts" and 1900 <= value <= 2100:
        return value + years
    return value


def shift_catalogue(src: Path, dst: Path, years: int = 1) -> Path:
    """A copy of the catalogue whose series years (base_year, first_year, valid_from) are moved on."""
    shutil.copytree(src, dst)
    pattern = re.compile(rf"^(\s*(?:{'|'.join(CATALOGUE_YEAR_KEYS)})\s*=\s*)(\d{{4}})", re.M)
    path = dst / "indicators.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(pattern.sub(lambda m: m.group(1) + str(int(m.group(2)) + years), text), encoding="utf-8")
    return dst


# ---- where the fixed text is -----------------------------------------------------------------


class _SourceLines:
    """The lines of the templates, the catalogue and the references, to find a fixed year in."""

    def __init__(self, project: Project, catalogue_dir: Path):
        # rglob: a chapter may be split into section files (templates/chapters/<chapter>/*.qmd.j2)
        files = sorted((project.templates_dir / "chapters").rglob("*.j2")) + sorted((project.templates_dir / "partials").rglob("*.j2"))
        files += [catalogue_dir / name for name in ("survey.toml", "indicators.toml", "references.json", "citation_roles.toml")]
        self.root = project.root
        self.lines: list[tuple[str, int, str]] = []
        for path in files:
            if path.is_file():
                name = self._name(path)
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                    self.lines.append((name, n, line))

    def _name(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def locate(self, year: int, context: str, chapter: str) -> tuple[str, int]:
        """The line holding *year* whose words best match *context*; the chapter's template when none does."""
        words = {w.lower() for w in _WORD.findall(context)}
        best, best_score = None, -1
        template = f"templates/chapters/{Path(chapter).name}.j2"
        sections = f"templates/chapters/{Path(chapter).stem}/"
        for file, n, line in self.lines:
            if not re.search(rf"(?<!\d){year}(?!\d)", line):
                continue
            own = file == template or file.startswith(sections)
            score = len(words & {w.lower() for w in _WORD.findall(line)}) + (0.5 if own else 0)
            if score > best_score:
                best, best_score = (file, n), score
        return best or (template, 0)
