"""Spelling of the templates' typed text against a Swedish dictionary (optional).

Uses ``hunspell`` with the ``sv_SE`` dictionary (Debian: ``hunspell hunspell-sv``)
and the project's word list ``templates/ordlista.txt`` (one word per line, ``#``
comments). Without hunspell the rule is skipped with a notice.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from naravard.project import Project
from naravard.review.rules import CheckConfig, Finding, suppressed
from naravard.review.check_templates import Line, prose, read_templates

DICTIONARY = "sv_SE"
WORD_LIST = "ordlista.txt"
# A word; not a part glued to a printed value ("{{ n }}-åringar") nor an elided
# compound part ("hälso- och").
_WORD = re.compile(r"(?<![\w\-\ue000])[A-Za-zÅÄÖåäöÉéÜü]{2,}(?:-[A-Za-zÅÄÖåäöÉéÜü]+)*(?![\w\-\ue000])")
_ACRONYM = re.compile(r"[A-ZÅÄÖ].*[A-ZÅÄÖ]")  # SKR, LPIK, FaR: not checked


def word_list(project: Project) -> set[str]:
    path = project.templates_dir / WORD_LIST
    if not path.is_file():
        return set()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.lower())
    return words


def hunspell_available() -> str | None:
    exe = shutil.which("hunspell")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "-D"], input="", capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return exe if DICTIONARY in (out.stdout + out.stderr) else None


def unknown_words(exe: str, words: list[str]) -> set[str]:
    out = subprocess.run([exe, "-d", DICTIONARY, "-l", "-i", "utf-8"], input="\n".join(words), capture_output=True, text=True, timeout=120)
    return set(out.stdout.split())


def check_spelling(project: Project, templates: dict[str, list[Line]] | None = None) -> tuple[list[Finding], str]:
    exe = hunspell_available()
    if exe is None:
        return [], "spelling not checked: hunspell with the sv_SE dictionary is not installed (Debian: hunspell hunspell-sv)"
    known = word_list(project)
    config = CheckConfig()
    places: list[tuple[str, int, str]] = []
    for file, lines in (templates if templates is not None else read_templates(project)).items():
        for line in lines:
            if suppressed("spelling", line.exempt):
                continue
            for text in (line.text, *line.strings):
                for word in _WORD.findall(prose(text, config)):
                    if not _ACRONYM.match(word):
                        places.append((file, line.number, word))
    candidates = sorted({w for _, _, w in places if w.lower() not in known})
    if not candidates:
        return [], ""
    bad = unknown_words(exe, candidates)
    findings = []
    for file, number, word in places:
        if word in bad and word.lower() not in known:
            findings.append(Finding(file, number, "spelling", f'"{word}" is not in the {DICTIONARY} dictionary nor in templates/{WORD_LIST}'))
    return findings, ""
