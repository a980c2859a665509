"""The works the report cites: CSL-JSON files, and which work plays which role in a year.

Three files, all optional except where a template needs them:

* ``catalogue/references.json``: the stable works (laws, propositions, the
  indicator report …) as CSL-JSON, the format Zotero exports ("CSL JSON").
* ``<package>/references.json``: the year's works, same format.
* ``<package>/citations.toml``: ``[roles]`` naming, for the year, the work that
  plays each role the catalogue declares in ``citation_roles.toml``
  (``overenskommelse = "overenskommelse_2024"``).

Templates cite by id or by role (``cite("overenskommelse")``); the compose
stage formats the citations and the list with pandoc's citeproc.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from naravard.data.models import CitationRole, References
from naravard.data.problems import Problem, error, warning
from naravard.data.row_checks import read_catalogue_toml
from naravard.data.validation import suggest

REFERENCES_FILE = "references.json"
ROLES_FILE = "citation_roles.toml"
CITATIONS_FILE = "citations.toml"

# The ids a template writes in cite("…"); Zotero / Better BibTeX keys fit.
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")
ROLE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
URL = re.compile(r"^https?://[^\s<>\"`\\]+$")

# CSL 1.0.2 item types.
CSL_TYPES = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter classic
    collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing
    interview legal_case legislation manuscript map motion_picture musical_score pamphlet
    paper-conference patent performance periodical personal_communication post post-weblog regulation
    report review review-book software song speech standard thesis treaty webpage""".split()
)
NAME_FIELDS = ("author", "editor", "translator", "container-author", "collection-editor")
DATE_FIELDS = ("issued", "accessed", "original-date", "event-date", "submitted")
ID_EXPECTED = "letters, digits and _ . : - (such as sou_2017_53), starting with a letter or digit"


def read_csl_file(path: Path, shown: str) -> tuple[list[tuple[dict, int | None]], list[Problem]]:
    """The items of a CSL-JSON file with the line each starts on; problems instead of exceptions."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return [], [error(shown, None, None, "the file is not UTF-8", "CSL-JSON saved as UTF-8 (Zotero: Export → CSL JSON)")]
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [error(shown, exc.lineno, None, f"not valid JSON: {exc.msg} (column {exc.colno})", "a CSL-JSON list of references, as Zotero exports it")]
    if isinstance(doc, dict) and isinstance(doc.get("items"), list):  # {"items": [...]} also occurs
        doc = doc["items"]
    if not isinstance(doc, list):
        return [], [error(shown, 1, None, "the file is not a list of references", "a CSL-JSON list: [ {\"id\": …, \"type\": …, \"title\": …}, … ]")]
    lines = text.splitlines()
    out: list[tuple[dict, int | None]] = []
    problems: list[Problem] = []
    for n, item in enumerate(doc, 1):
        if not isinstance(item, dict):
            problems.append(error(shown, None, None, f"reference {n} is not an object", "{\"id\": …, \"type\": …, \"title\": …}"))
            continue
        out.append((item, _line_of(lines, item.get("id"))))
    return out, problems


def _line_of(lines: list[str], ident: object) -> int | None:
    """The line of ``"id": "<ident>"`` (the row a message names)."""
    if not isinstance(ident, str):
        return None
    pattern = re.compile(r'"id"\s*:\s*' + re.escape(json.dumps(ident)))
    for i, line in enumerate(lines, 1):
        if pattern.search(line):
            return i
    return None


def check_item(item: dict, shown: str, row: int | None) -> list[Problem]:
    """The rules for one CSL-JSON item: what citeproc needs to format it, and safe links."""
    problems: list[Problem] = []
    ident = item.get("id")
    label = f"reference {ident!r}" if isinstance(ident, str) else "a reference"
    if not isinstance(ident, str) or not ID.match(ident):
        problems.append(error(shown, row, "id", f"{label}: the id {ident!r} cannot be cited", ID_EXPECTED))
    kind = item.get("type")
    if kind not in CSL_TYPES:
        problems.append(error(shown, row, "type", f"{label}: unknown type {kind!r}", "a CSL type such as report, book, bill, legislation, article-journal, webpage"))
    title = item.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(error(shown, row, "title", f"{label}: no title", "the title as it is printed in the reference list"))
    for fieldname in NAME_FIELDS:
        names = item.get(fieldname)
        if names is None:
            continue
        if not isinstance(names, list) or not all(isinstance(n, dict) and (n.get("family") or n.get("literal")) for n in names):
            problems.append(error(shown, row, fieldname, f"{label}: {fieldname} is not a list of names", '[{"family": "Efternamn", "given": "Förnamn"}] or [{"literal": "Socialstyrelsen"}]'))
    for fieldname in DATE_FIELDS:
        if fieldname in item and date_year(item[fieldname]) is None:
            problems.append(error(shown, row, fieldname, f"{label}: {fieldname} {item[fieldname]!r} has no year", '{"date-parts": [[2024]]} or {"date-parts": [[2025, 6, 26]]}'))
    if "issued" not in item:
        problems.append(error(shown, row, "issued", f"{label}: no year of publication (issued)", '"issued": {"date-parts": [[2024]]}'))
    url = item.get("URL")
    if url is not None and (not isinstance(url, str) or not URL.match(url)):
        problems.append(error(shown, row, "URL", f"{label}: {url!r} is not a web address", "an address starting with https:// (or http://), without spaces"))
    for key, value in item.items():
        if isinstance(value, str) and any(ch in value for ch in "\x00\x1b"):
            problems.append(error(shown, row, key, f"{label}: {key} holds control characters", "plain text"))
    return problems


def date_year(value: object) -> int | None:
    """The year of a CSL date: ``{"date-parts": [[2024, 6]]}``, ``{"raw": "2024"}`` or ``{"literal": "2024"}``."""
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            return int(parts[0][0])
        except (TypeError, ValueError):
            return None
    for key in ("raw", "literal"):
        found = re.search(r"\b(1[89]\d\d|20\d\d|2100)\b", str(value.get(key, "")))
        if found:
            return int(found.group(1))
    return None


def read_roles(catalogue_dir: Path) -> tuple[dict[str, CitationRole], list[Problem]]:
    """``citation_roles.toml``: ``[overenskommelse] description = "…" issued_offset = 0``."""
    doc, shown, problems = read_catalogue_toml(catalogue_dir, ROLES_FILE, "TOML, one [role] table per role")
    if doc is None:
        return {}, problems
    roles: dict[str, CitationRole] = {}
    for role, entry in doc.items():
        if not ROLE_ID.match(role) or not isinstance(entry, dict):
            problems.append(error(shown, None, role, f"role {role!r} is not a table with a lower-case ASCII name", "[role_name] with description = \"…\""))
            continue
        offset = entry.get("issued_offset")
        if offset is not None and (not isinstance(offset, int) or isinstance(offset, bool)):
            problems.append(error(shown, None, f"{role}.issued_offset", f"{offset!r} is not a whole number", "0 (issued in the report year), 1 (the year after) …"))
            offset = None
        roles[role] = CitationRole(role, str(entry.get("description", "")), offset)
    return roles, problems


def read_citations(data_dir: Path) -> tuple[dict[str, str], dict[str, int], list[Problem]]:
    """``citations.toml`` of a package: its ``[roles]`` (role -> id) and the line of each."""
    path = data_dir / CITATIONS_FILE
    if not path.is_file():
        return {}, {}, []
    try:
        text = path.read_text(encoding="utf-8")
        doc = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, {}, [error(CITATIONS_FILE, None, None, f"cannot be read: {exc}", '[roles] with lines role = "reference id"')]
    problems = [warning(CITATIONS_FILE, None, key, "unknown table or key ignored", "[roles]") for key in doc if key != "roles"]
    roles = doc.get("roles", {})
    if not isinstance(roles, dict) or not all(isinstance(v, str) for v in roles.values()):
        return {}, {}, problems + [error(CITATIONS_FILE, None, "roles", "[roles] must map roles to reference ids", 'overenskommelse = "overenskommelse_2024"')]
    lines: dict[str, int] = {}
    for i, line in enumerate(text.splitlines(), 1):
        m = re.match(r"\s*([A-Za-z0-9_]+)\s*=", line)
        if m and m.group(1) in roles:
            lines.setdefault(m.group(1), i)
    return dict(roles), lines, problems


def check_references(catalogue_dir: Path | None, data_dir: Path, report_year: int | None) -> tuple[References, list[Problem]]:
    """The stable and the year's references, the roles for the year, and every problem."""
    problems: list[Problem] = []
    items: dict[str, dict] = {}
    origin: dict[str, str] = {}
    rows: dict[str, int | None] = {}
    sources: list[tuple[Path, str]] = []
    if catalogue_dir is not None:
        sources.append((catalogue_dir / REFERENCES_FILE, f"{catalogue_dir.name}/{REFERENCES_FILE}"))
    sources.append((data_dir / REFERENCES_FILE, REFERENCES_FILE))
    for path, shown in sources:
        if not path.is_file():
            continue
        read, found = read_csl_file(path, shown)
        problems += found
        for item, row in read:
            item_problems = check_item(item, shown, row)
            problems += item_problems
            ident = item.get("id")
            if not isinstance(ident, str) or any(p.column == "id" for p in item_problems):
                continue
            if ident in items:
                first = f"row {rows[ident]}" if origin[ident] == shown else f"{origin[ident]} row {rows[ident]}"
                problems.append(error(shown, row, "id", f"reference {ident!r} is defined twice (first at {first})", "one reference per id"))
                continue
            items[ident], origin[ident], rows[ident] = item, shown, row
    declared: dict[str, CitationRole] = {}
    if catalogue_dir is not None:
        declared, found = read_roles(catalogue_dir)
        problems += found
    for role in declared:
        if role in items:
            problems.append(error(origin[role], rows[role], "id", f"reference id {role!r} is also the name of a role", "an id that is not a role in citation_roles.toml"))
    roles, lines, found = read_citations(data_dir)
    problems += found
    checked: dict[str, str] = {}
    for role, ident in roles.items():
        column, row = f"roles.{role}", lines.get(role)
        if role not in declared:
            close = ", ".join(sorted(declared)) or "none declared"
            problems.append(error(CITATIONS_FILE, row, column, f"unknown role {role!r}{suggest(role, list(declared))}", f"a role from the catalogue's {ROLES_FILE}: {close}"))
            continue
        if ident not in items:
            problems.append(error(CITATIONS_FILE, row, column, f"role {role!r}: no reference with the id {ident!r}{suggest(ident, list(items))}", f"an id from {REFERENCES_FILE} (the package's or the catalogue's)"))
            continue
        offset = declared[role].issued_offset
        issued = date_year(items[ident].get("issued"))
        if offset is not None and report_year is not None and issued is not None and issued != report_year + offset:
            problems.append(
                error(
                    CITATIONS_FILE,
                    row,
                    column,
                    f"role {role!r}: {ident!r} was issued in {issued}, but for the report year {report_year} this role needs a work issued in {report_year + offset}",
                    f"the {declared[role].description or role} for {report_year}, or no line for the role when there is none this year",
                )
            )
            continue
        checked[role] = ident
    return References(items=items, origin=origin, roles=checked, declared_roles=declared), problems
