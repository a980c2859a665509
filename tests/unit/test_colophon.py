"""The colophon prints the artikelnummer the package gives, and no line when it gives none."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from naravard.compose.environment import make_environment
from tests.fixtures.mini import SETTINGS

ROOT = Path(__file__).resolve().parents[2]


def colophon(settings) -> str:
    env = make_environment(ROOT / "templates")
    head = (ROOT / "templates" / "partials" / "omslag.j2").read_text(encoding="utf-8")  # included by index.qmd.j2
    out = env.from_string(head).render(rapport=settings, år=2024, syntetiska_uppgifter=lambda where: "")
    return out[out.index("::: {.nv-colophon"):]


def test_a_given_artikelnummer_is_printed_twice():
    text = colophon(SETTINGS)
    assert "Artikelnummer: 2025-8-9999.\\\n" in text and "Stockholm: Socialstyrelsen; 2025. Artikelnummer 2025-8-9999.\n:::" in text


def test_without_artikelnummer_the_lines_leave_it_out_and_the_div_still_closes():
    text = colophon(dataclasses.replace(SETTINGS, article_number=""))
    assert "Artikelnummer" not in text
    assert "augusti 2025.\\\nUppgifterna avser år 2024" in text
    assert text.rstrip().endswith("Stockholm: Socialstyrelsen; 2025.\n:::")
