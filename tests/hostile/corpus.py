"""Hostile strings, and a data package that holds them in every text field.

A data package comes from many hands; whatever it holds must print as the
characters it holds. :data:`PAYLOADS` are what a hostile or careless
contributor would try: markup, links, images of local files, raw HTML and
script, Typst and TeX code, naravard's own placeholders, Quarto shortcodes,
spreadsheet formulas, and ordinary text that looks like markup. Each text
field of a package gets all of them at once (one build covers the corpus),
after a marker that names the field, so a test can find each field's text in
every output.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tomllib
import unicodedata
from pathlib import Path

from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "sample-2024"
SECRET = "NARAVARD-LOCAL-SECRET-7f3a9c"  # content of a local file no output may contain
PWNED = "__naravard_pwned"  # what injected script would set on window

PAYLOADS = (
    f"<script>window.{PWNED}=1</script>",
    f'<img src=x onerror="window.{PWNED}=2">',
    "![bild](/etc/passwd)",
    "![hemlig]({secret})",
    f"[klicka här](javascript:window.{PWNED}=3)",
    "<javascript:alert(4)>",
    "<https://evil.example/autolink>",
    "https://evil.example/bar-adress",
    "[länk](https://evil.example/markdown)",
    f'<a href="javascript:window.{PWNED}=5">html-länk</a>',
    f'<svg onload="window.{PWNED}=6"></svg>',
    '<iframe src="https://evil.example/ram"></iframe>',
    "<style>body{display:none}</style>",
    f'`<b onclick="window.{PWNED}=7">rå</b>`{{=html}}',
    "```{=html}\n<script>alert(8)</script>\n```",
    f'[span]{{onclick="window.{PWNED}=9" .nv-cover}}',
    "::: {.nv-cover}\nfalsk omslagssida\n:::",
    "⟦referenslista⟧",
    "⟦figur:oplanerade_aterinskrivningar-trend:lower⟧ ⟦tabell:svarsfrekvens:upper⟧",
    "{{< include /etc/passwd >}} {{< meta title >}}",
    "$x^2$ och $$\\int_0^1 f$$ och \\(a\\)",
    "\\newpage \\textbf{fet} \\input{/etc/passwd}",
    '#read("/etc/passwd") #set page(fill: red) #image("/etc/passwd")',
    "// kommentar /* block */ <etikett> @referens",
    "# Rubrik\n- punkt\n1. nummer\n> citat",
    "**fet** _kursiv_ ~~struken~~ H~2~O x^2^ `kod`",
    "[@citering] @nyckel ^[fotnot] [^1]",
    "<!-- kommentar --> &lt;script&gt; &amp; &#x27E6;",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    '=HYPERLINK("https://evil.example/formel","klicka") +1+1 @SUM(A1) -2+3',
    ":smile: :x: a--b---c ... \"citat\" 'apostrof'",
    "{#id .klass} \\ slut\\",
)


def payloads(secret_path: Path) -> tuple[str, ...]:
    return tuple(p.replace("{secret}", str(secret_path)) for p in PAYLOADS)


def field_text(field: str, secret_path: Path) -> str:
    """The text placed in *field*: a marker, then every payload."""
    return f"Fält {field}: " + " ¦ ".join(payloads(secret_path))


REPORT_FIELDS = (
    "title", "subtitle", "publisher", "article_number", "edition", "assignment",
    "foreword_signature", "foreword_signature_title", "unit_head",
)
REPORT_LISTS = ("project_leads", "contributors")
METHOD_FIELDS = ("quality_declaration", "extra_question.topic", "deepening_study.focus")
CSV_FIELDS = ("indicators.period", "indicators.missing", "costs.missing")
FIELDS = REPORT_FIELDS + REPORT_LISTS + METHOD_FIELDS + CSV_FIELDS


def _toml_string(text: str) -> str:
    """A TOML basic string holding *text* exactly."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif unicodedata.category(ch) == "Cc":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _set_toml(text: str, key: str, value: str) -> str:
    """Replace ``key = …`` (in the table it belongs to) in TOML *text* by line."""
    table, _, name = key.rpartition(".")
    lines, current = text.splitlines(), ""
    for i, line in enumerate(lines):
        header = re.match(r"\[([^\]]+)\]", line.strip())
        if header:
            current = header.group(1)
        elif current == table and re.match(rf"{re.escape(name)}\s*=", line):
            lines[i] = f"{name} = {value}"
            return "\n".join(lines) + "\n"
    raise KeyError(key)


def _rewrite_csv(path: Path, column: str, replace) -> None:
    raw = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    for row in rows:
        row[column] = replace(row[column], row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def hostile_package(dest: Path, secret_path: Path) -> Path:
    """A copy of the sample package with :func:`field_text` in every text field."""
    shutil.copytree(SAMPLE, dest)
    report = (dest / "report.toml").read_text(encoding="utf-8")
    for field in REPORT_FIELDS:
        report = _set_toml(report, field, _toml_string(field_text(field, secret_path)))
    for field in REPORT_LISTS:
        names = [_toml_string(field_text(f"{field}[{i}]", secret_path)) for i in (1, 2)]
        report = _set_toml(report, field, "[" + ", ".join(names) + "]")
    (dest / "report.toml").write_text(report, encoding="utf-8")
    method = (dest / "method.toml").read_text(encoding="utf-8")
    for field in METHOD_FIELDS:
        method = _set_toml(method, field, _toml_string(field_text(field, secret_path)))
    (dest / "method.toml").write_text(method, encoding="utf-8")
    text = field_text("indicators.period", secret_path)
    _rewrite_csv(dest / "indicators.csv", "period", lambda v, _r: text if v else v)
    text = field_text("indicators.missing", secret_path)
    _rewrite_csv(dest / "indicators.csv", "missing", lambda v, _r: text if v else v)
    text = field_text("costs.missing", secret_path)
    _rewrite_csv(dest / "costs.csv", "missing", lambda v, _r: text if v else v)
    tomllib.loads((dest / "report.toml").read_text(encoding="utf-8"))  # still valid TOML
    return dest


def comparable(text: str) -> str:
    """Text as a reader sees it, for finding a payload in any output: Unicode
    normalised, without whitespace and line-end hyphenation, and with the
    typography Typst applies to any text (quotes, "…" for "...", "−" before a
    digit) as typed."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00ad": None, "−": "-"}))
    text = text.replace("…", "...")
    return re.sub(r"[\s\u00a0\u202f\u2009\-\u2010\u2011]+", "", text)
