"""Rename the template API's former English names to its Swedish ones, in place.

    python scripts/rename_template_api.py templates/chapters/*.j2 tests/unit/test_compose.py

Only the insides of ``{{ }}`` and ``{% %}`` tags change (string literals in them
stay, except a filter named in ``map("…")``), so prose is never touched. Running
it twice changes nothing. It exists for the change to Swedish names (issue 9)
and for branches written before it: merge, then run it on their templates.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from naravard.compose.api import FORMER_NAMES as FILTERS  # noqa: E402

KEYWORDS = {"noun": "substantiv", "order": "ordning", "definite": "bestämd", "measure": "mått", "neuter": "neutrum", "with_years": "med_år"}
KEYWORD_VALUES = {"ordning": {"low-high": "lägst först", "high-low": "högst först"}}
NAMES = {
    "year": "år", "settings": "rapport", "catalogue": "katalog", "regions": "regioner", "ind": "indikator", "enkat": "enkät",
    "references": "referenslista", "method": "metod", "overview": "översikt", "costs": "kostnader", "facts": "faktarutor",
    "chapter": "kapitel", "in_words": "med_bokstäver", "ordinal": "ordningstal", "month_name": "månadsnamn",
    "box_block": "ruta_block",
}  # fmt: skip
MACROS = {"box": "ruta", "toc": "innehållsförteckning", "pagebreak": "sidbrytning"}
BOX_KINDS = {"fact": "fakta", "results": "resultat"}

_TAG = re.compile(r"(\{\{|\{%)(.*?)(\}\}|%\})", re.S)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
_NAME = re.compile(r"(?<![\w.])([A-Za-z_]\w*)(?!\w)")


def _code(segment: str) -> str:
    """Rename in code outside string literals."""
    segment = re.sub(r"(\|\s*)(\w+)", lambda m: m.group(1) + FILTERS.get(m.group(2), m.group(2)), segment)
    segment = re.sub(r"\bm\.(\w+)\(", lambda m: f"m.{MACROS.get(m.group(1), m.group(1))}(", segment)

    def name(m: re.Match) -> str:
        word, rest = m.group(1), segment[m.end() :]
        if re.match(r"\s*=(?!=)", rest):  # a keyword argument
            return word
        return NAMES.get(word, word)

    return _NAME.sub(name, segment)


def _keywords(tag: str) -> str:
    """Keyword arguments of filter calls: ``| v(noun="x")`` -> ``| värde(substantiv="x")``."""
    out, pos = [], 0
    for m in re.finditer(r"\|\s*\w+\(", tag):
        out.append(tag[pos : m.end()])
        depth, i = 1, m.end()
        while i < len(tag) and depth:
            depth += {"(": 1, ")": -1}.get(tag[i], 0)
            i += 1
        args = tag[m.end() : i]
        for old, new in KEYWORDS.items():
            args = re.sub(rf"(?<![\w.]){old}\s*=(?!=)", f"{new}=", args)
        for key, values in KEYWORD_VALUES.items():
            for old, new in values.items():
                args = args.replace(f'{key}="{old}"', f'{key}="{new}"')
        out.append(args)
        pos = i
    out.append(tag[pos:])
    return "".join(out)


def rename_tag(inner: str) -> str:
    inner = inner.replace("overview.coverage_text(cov)", "(cov | täckning)")
    inner = re.sub(r"analys\.missing_note\((\w+)\)", r"(\1 | saknas_not)", inner)
    parts, pos = [], 0
    for s in _STRING.finditer(inner):
        parts.append(_code(inner[pos : s.start()]))
        parts.append(s.group(0))
        pos = s.end()
    parts.append(_code(inner[pos:]))
    inner = "".join(parts)
    inner = re.sub(r'map\(\s*"(\w+)"', lambda m: f'map("{FILTERS.get(m.group(1), m.group(1))}"', inner)
    inner = re.sub(r'\bkind\s*=\s*"(\w+)"', lambda m: f'sort="{BOX_KINDS.get(m.group(1), m.group(1))}"', inner) if "m.ruta(" in inner else inner
    return _keywords(inner)


def rename(text: str) -> str:
    return _TAG.sub(lambda m: m.group(1) + rename_tag(m.group(2)) + m.group(3), text)


def main(paths: list[str]) -> int:
    for path in map(Path, paths):
        text = path.read_text(encoding="utf-8")
        new = rename(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"renamed: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
