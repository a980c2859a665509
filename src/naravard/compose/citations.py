"""Citations and the reference list, formatted by pandoc's citeproc once for the whole report.

``{{ cite("sou_2017_53") }}``, ``{{ cite("a", "b") }}`` or a role,
``{{ cite("overenskommelse") }}`` (the work the package names for the year),
writes a placeholder. When every chapter is composed, :meth:`Citations.resolve`
runs citeproc over all citations in reading order with the report's numeric
style (``templates/naravard.csl``) and puts the formatted citations ("[1]",
"[1, 6]", "[29–32]", linked to their entries) and the reference list into the
text. Numbers follow the order of first citation in the book, so HTML, PDF and
DOCX, and both engines, print the same numbers (Quarto's own citeproc numbers
each HTML page separately).
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from naravard.analysis.quantity import Quantity
from naravard.compose.registry import ComposeError
from naravard.data.models import References
from naravard.text.escape import Markdown

STYLE_FILE = "naravard.csl"  # in templates/
REFERENCE_LIST = Markdown("⟦referenslista⟧")  # ⟦ ⟧: data cannot spell them (escaping writes entities)
_CITE = re.compile(r"⟦cite:([^⟧]*)⟧")
_ALT = re.compile(r'(fig-alt=")((?:[^"\\]|\\.)*)(")')
_LINE = re.compile(r"^CITE-(\d+) (.*)$")


class Citations:
    """What ``cite`` and ``finns_referens`` do in templates, and the citeproc pass after composing."""

    def __init__(self, references: References | None, style: Path | None, where: Callable[[], str] = lambda: "(template)"):
        self.references = references or References(items={})
        self.style = style
        self._where = where
        self.cited: list[str] = []  # item ids in the order templates cited them

    # ---- in templates ----------------------------------------------------------------------

    def __call__(self, *keys: object) -> str:
        """``cite("prop_2019_20_164")``, ``cite("overenskommelse")`` or ``cite(källfakta.x)`` -> a placeholder."""
        if not keys:
            raise ComposeError(f"{self._where()}: cite() needs at least one reference")
        ids = [self._item(key) for key in keys]
        for ident in ids:
            if ident not in self.cited:
                self.cited.append(ident)
        return Markdown("⟦cite:" + ",".join(dict.fromkeys(ids)) + "⟧")

    def has(self, key: str) -> bool:
        """``{% if finns_referens("overenskommelse") %}``: a work plays the role (or has the id) this year."""
        self._known(key)
        return self.references.resolve(key) is not None

    def _known(self, key: str) -> None:
        refs = self.references
        if key not in refs.items and key not in refs.declared_roles and key not in refs.roles:
            raise ComposeError(
                f"{self._where()}: unknown reference {key!r} (add it to references.json in the package or the "
                "catalogue, or declare the role in the catalogue's citation_roles.toml)"
            )

    def _item(self, key: object) -> str:
        if isinstance(key, Quantity):  # a fact from facts.csv cites the work it comes from
            ref = key.dims.get("reference", "")
            if not ref:
                raise ComposeError(f"{self._where()}: the value {key.key} has no reference to cite")
            key = ref
        if not isinstance(key, str):
            raise ComposeError(f"{self._where()}: cite() takes reference ids or roles, not {type(key).__name__}")
        self._known(key)
        ident = self.references.resolve(key)
        if ident is None:
            raise ComposeError(
                f"{self._where()}: no work plays the role {key!r} in this data package (its citations.toml has no "
                f"line for it); put the sentence inside {{% if finns_referens({key!r}) %}} … {{% endif %}}"
            )
        return ident

    def reference_list(self) -> str:
        """``{{ references() }}``: where the list goes (filled in by :meth:`resolve`)."""
        return REFERENCE_LIST

    # ---- after composing -------------------------------------------------------------------

    def resolve(self, chapters: Mapping[str, str], pandoc: str, work_dir: Path) -> dict[str, str]:
        """The chapters with citations and the reference list formatted by citeproc."""
        order = [(name, m) for name, text in chapters.items() for m in _CITE.finditer(text)]
        has_list = any(REFERENCE_LIST in text for text in chapters.values())
        if not order and not has_list:
            return dict(chapters)
        keys = [_keys(m.group(1)) for _, m in order]
        formatted, bibliography = self._citeproc(keys, pandoc, work_dir)
        out, taken = {}, 0
        for name, text in chapters.items():
            n = len(_CITE.findall(text))
            out[name] = _substitute(text, formatted[taken : taken + n]).replace(REFERENCE_LIST, bibliography)
            taken += n
        return out

    def _citeproc(self, keys: list[list[str]], pandoc: str, work_dir: Path) -> tuple[list[str], str]:
        if self.style is None or not self.style.is_file():
            raise ComposeError(f"the citation style {self.style} is missing (templates/{STYLE_FILE})")
        cited = list(dict.fromkeys(k for ks in keys for k in ks))
        body = "\n\n".join(f"CITE-{n} [{'; '.join('@' + k for k in ks)}]" for n, ks in enumerate(keys))
        meta = {"lang": "sv-SE", "link-citations": True}
        style = str(self.style.resolve())
        bibliography = json.dumps([dict(self.references.items[k]) for k in cited], ensure_ascii=False)
        document = "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n\n" + body + "\n\n::: {#refs}\n:::\n"
        job = (pandoc, style, self.style.read_text(encoding="utf-8"), bibliography, document)  # the style's text too: it may be edited
        if job not in _FORMATTED:
            _FORMATTED[job] = _run_citeproc(pandoc, style, bibliography, document, work_dir)
            while len(_FORMATTED) > _FORMATTED_KEPT:
                del _FORMATTED[next(iter(_FORMATTED))]
        return _parse(_FORMATTED[job], len(keys))


# citeproc's output by everything it reads: a preview that rebuilds after a sentence's edit
# cites the same works in the same order and need not run pandoc again.
_FORMATTED: dict[tuple[str, ...], str] = {}
_FORMATTED_KEPT = 4


def _run_citeproc(pandoc: str, style: str, bibliography: str, document: str, work_dir: Path) -> str:
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        tmp_path = Path(tmp)
        bib = tmp_path / "references.json"
        bib.write_text(bibliography, encoding="utf-8")
        doc = tmp_path / "citations.md"
        doc.write_text(document, encoding="utf-8")
        # The paths go on the command line: in the metadata pandoc would read them as
        # markdown, and a path with two underscores ("_output-…_x") would lose them.
        proc = subprocess.run(
            [pandoc, str(doc), "-f", "markdown", "-t", "markdown-smart", "--wrap=none", "--citeproc",
             f"--bibliography={bib}", f"--csl={style}"],
            capture_output=True,
            text=True,
        )
    if proc.returncode != 0:
        raise ComposeError(f"pandoc's citeproc could not format the references:\n{proc.stderr.strip()}")
    return proc.stdout


def _keys(text: str) -> list[str]:
    """The ids of a placeholder; markdown escaping (``sou\\_2017``) may have been added around them."""
    return [k.replace("\\", "") for k in text.split(",") if k]


def _parse(markdown: str, n: int) -> tuple[list[str], str]:
    """citeproc's output: one formatted citation per ``CITE-n`` paragraph, then the list."""
    formatted = [""] * n
    head, sep, bib = markdown.partition("::: {#refs")
    for line in head.splitlines():
        m = _LINE.match(line)
        if m:
            formatted[int(m.group(1))] = m.group(2).strip()
    if any(not f for f in formatted):
        raise ComposeError("pandoc's citeproc left citations unformatted (unknown reference?)")
    # The list keeps citeproc's divs (an id per entry, for the links); its outer div
    # gets our own id, so Quarto does not take it for the place of its own list.
    bibliography = ("::: {#nv-referenser" + bib).strip() + "\n" if sep else ""
    return formatted, bibliography


def plain(formatted: str) -> str:
    """A citation without its links: ``[1, 6]`` (for attributes such as alt text)."""
    text = re.sub(r"\[([^\[\]]*)\]\(#[^)]*\)", r"\1", formatted)
    return text.replace("\\[", "[").replace("\\]", "]")


def _substitute(text: str, forms: list[str]) -> str:
    """Replace the placeholders of *text* in order; inside an alt text without links."""
    alts = [(m.start(2), m.end(2)) for m in _ALT.finditer(text)]
    it = iter(forms)

    def sub(m: re.Match) -> str:
        form = next(it)
        inside = any(a <= m.start() < b for a, b in alts)
        return plain(form).replace('"', '\\"') if inside else form

    return _CITE.sub(sub, text)


def cited_ids(chapters: Iterable[str]) -> list[str]:
    """The item ids cited in *chapters* (composed, before :meth:`Citations.resolve`), first citation first."""
    return list(dict.fromkeys(k for text in chapters for m in _CITE.finditer(text) for k in _keys(m.group(1))))
