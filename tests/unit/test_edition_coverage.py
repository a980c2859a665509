"""scripts/edition_coverage.py: the edition's headings and values read from the notes, and the rules that
find them in a build's text (verbatim or renamed headings; a value with its unit beside the sentence's words)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("edition_coverage", ROOT / "scripts" / "edition_coverage.py")
ec = importlib.util.module_from_spec(spec)
sys.modules["edition_coverage"] = ec  # dataclasses look their module up
spec.loader.exec_module(ec)

NOTES = """# notes
## 2. Outline
```
L1     [Title] Rapporten
L3     H1 Förord
L82       H2 Socialstyrelsens främsta slutsatser   (12 bold bullet-headings)
L7394        H4 Urval / L7399 Ramtäckning / L7404 Mätfel
```
### 3.1
#### Values per kärnindikator (test fixtures)
1. **Förtroende för hälso- och sjukvården** (Figur 17–18)
   * "Från 2023 till 2024 ökade andelen med stort förtroende för hälso- och sjukvården från 61 till 67 procent." (L2503–2507)
   * "cirka 45 procent" (L8386–8388)
| Budget | "det 19 av 21 regioner som angett andelsmål för primärvården" (L2655–2661) |
| x | "hade 14 regioner etablerat EVI-verksamheter 2024 [9] under covid-19" (L1753) |
## 4. Figures
## Appendix B — Internal inconsistencies
1. Budget targets: text "19 av 21" (L2655–2657) vs Bilaga 3.
2. Other (L9999).
"""


def test_headings_are_the_outlines_h_lines_with_joined_h4s_split():
    assert ec.edition_headings(NOTES) == [("H1", "Förord"), ("H2", "Socialstyrelsens främsta slutsatser"),
                                          ("H4", "Urval"), ("H4", "Ramtäckning"), ("H4", "Mätfel")]  # fmt: skip


def test_values_leave_out_years_citations_covid_and_the_denominator():
    values = ec.published_values(NOTES)
    assert [(v.number, v.unit) for v in values] == [("61", ""), ("67", "procent"), ("45", "procent"), ("19", "av"), ("14", "regioner")]
    assert values[2].about == "cirka" and values[3].source == (2655, 2661)
    assert "förtroende" in values[2].words  # a bare number takes its measure's words


def test_a_value_needs_its_unit_and_the_sentences_words():
    v = ec.published_values(NOTES)[1]  # 67 procent
    assert ec.stated(v, ["Förtroendet för hälso- och sjukvården ökade till 67\u00a0procent år 2024."])
    assert ec.stated(v, ["Förtroendet för hälso- och sjukvården ökade till 67 % år 2024."])
    assert not ec.stated(v, ["Förtroendet för hälso- och sjukvården ökade till 67 kronor."])  # another unit
    assert not ec.stated(v, ["Kostnaderna var 67 procent högre."])  # the number, but about something else
    assert not ec.stated(v, ["Förtroendet för hälso- och sjukvården: 167 procent, 67,5 procent."])  # not the number


def test_a_rounded_value_is_stated_by_a_number_in_its_range():
    v = ec.published_values(NOTES)[2]  # cirka 45 procent, words from "Förtroende för hälso- och sjukvården"
    assert ec.stated(v, ["Förtroendet för hälso- och sjukvården: 44 procent svarade."])
    assert not ec.stated(v, ["Förtroendet för hälso- och sjukvården: 40 procent svarade."])


def test_a_count_of_regions_keeps_its_av():
    v = ec.published_values(NOTES)[3]
    assert ec.stated(v, ["I 19 av 21 regioner finns andelsmål för primärvården."])
    assert not ec.stated(v, ["Under 19 år fanns andelsmål för primärvården."])


def test_missing_values_name_the_editions_own_contradiction():
    items = ec.contradictions(NOTES)
    assert items == {1: [(2655, 2657)], 2: [(9999, 9999)]}
    values = ec.published_values(NOTES)
    assert ec.contradiction_of(values[3], items) == 1 and ec.contradiction_of(values[0], items) is None


def test_renamed_headings_match_by_pattern_and_verbatim_ones_by_normal_form(monkeypatch, tmp_path):
    table = tmp_path / "renamed.toml"
    table.write_text('[[renamed]]\nedition = "Urval"\nours = "^urvalet i år$"\nwhy = "same"\n', encoding="utf-8")
    monkeypatch.setattr(ec, "RENAMED", table)
    text = "# Förord {.unnumbered}\n\n## Socialstyrelsens\u00a0främsta slutsatser\n\n#### Urvalet i år\n"
    assert ec.missing_headings(ec.edition_headings(NOTES), text) == [("H4", "Ramtäckning"), ("H4", "Mätfel")]


@pytest.mark.skipif(not ec.EDITION.exists(), reason="the notes on the model edition (../shared) are not beside the project")
def test_the_real_notes_give_171_headings_and_every_mapping_names_one():
    notes = ec.EDITION.read_text(encoding="utf-8")
    headings = {ec.normal(h) for _, h in ec.edition_headings(notes)}
    assert len(ec.edition_headings(notes)) == 171
    assert set(ec.renamed()) <= headings  # no entry for a heading the edition does not have


def test_a_two_sentence_quote_is_stated_by_the_numbers_own_sentence():
    notes = NOTES.replace("## 4. Figures", '| y | "Lägst är värdet i Örebro län (407 slutenvårdsperioder) och högst i Stockholms län. '
                          'Värdet har sjunkit och utvecklingen är därmed positiv i samtliga län." (L1606) |\n## 4. Figures')
    v = ec.published_values(notes)[-1]
    assert v.number == "407" and v.sentence.endswith("högst i Stockholms län.")
    # the unit is reworded and the second sentence left out: the number's own sentence still states it
    assert ec.stated(v, ["Lägst i Örebro län (407 per 100 000 invånare) och högst i Stockholms län (761)."])
    assert not ec.stated(v, ["Örebro län hade 407 besök."])  # the number with none of the sentence's words


def test_a_fact_needs_every_pattern_in_one_paragraph(monkeypatch, tmp_path):
    table = tmp_path / "coverage.toml"
    table.write_text('renamed = []\n[[fact]]\nline = "L1"\nwhat = "rise 2020–2021"\nall = ["2020 och 2021", "ök"]\n',
                     encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(ec, "RENAMED", table)
    [fact] = ec.facts()
    assert fact.stated(["Den största ökningen var mellan 2020 och 2021."])
    assert not fact.stated(["Mellan 2020 och 2021.", "Kostnaderna ökade."])  # split over two paragraphs


def test_a_bare_number_in_a_table_row_takes_the_rows_first_cell():
    notes = NOTES.replace("## 4. Figures", '| Information om möjligheten att välja fast läkarkontakt | % | MVO kartläggning [28] | '
                          '"endast tre av tio (28 procent)" (L5590) |\n## 4. Figures')
    v = ec.published_values(notes)[-1]
    assert v.number == "28" and "information" in v.words
    assert ec.stated(v, ["Av invånarna hade 28 procent fått information om att de kan välja fast läkarkontakt."])
    assert not ec.stated(v, ["Bland kommunerna anger 28 procent att de arbetar med mobila team."])


def test_the_survey_design_part_counts_its_numbers_but_not_dates_or_appendix_numbers():
    notes = NOTES.replace("## 4. Figures", "## 4. Figures\n## 6. Survey\n### 6.1 Design\n"
                          '* Regions got "54 frågor inklusive följdfrågor" (L7329); questionnaires in "webbilaga 1, 2, och 3" (L7265).\n'
                          '* Timeline: "29 november 2024 till 31 mars\n  2025" (L7357); "29 intervjuer" (L695).\n'
                          "### 6.2 Answers\n"
                          '* "Ja", "Nej", "17 av 21" (L1)\n')  # fmt: skip
    design = ec.published_values(notes)[len(ec.published_values(NOTES)):]
    assert [v.number for v in design] == ["54", "29"]  # no day of a date, no appendix number, nothing of §6.2
    assert design[1].line == design[0].line + 1  # the wrapped quote is read whole, numbered by its first line
    assert len(ec.published_values(NOTES)) == 5  # notes without §6.1 give §3's values alone
