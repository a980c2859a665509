"""Bilaga 2's fact boxes and Bilaga 3's per-question tables, from the catalogue
and the sample package's survey answers."""

from pathlib import Path

import pytest

from naravard.analysis.survey import region_survey
from naravard.analysis import keywords
from naravard.compose import factbox
from naravard.data.package import load_package
from naravard.tables.builders import NOT_TICKED_MARK, core_indicator_table, keyword_table, survey_question_table

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def package():
    return load_package(ROOT / "data" / "sample-2024", ROOT / "data" / "catalogue")


@pytest.fixture(scope="module")
def catalogue(package):
    return package.catalogue


@pytest.fixture(scope="module")
def year(package):
    return package.settings.year


# ---- Bilaga 2: fact boxes --------------------------------------------------------------------


def test_fact_box_labels_in_the_editions_order(catalogue, year):
    rows = factbox.fact_rows(catalogue.indicators["ordinarie_lakare_65"], year)
    labels = [label for label, _ in rows]
    assert labels == ["Mål för god och nära vård, nyckelord:", "Mått:", "Fokus:", "Berörda verksamheter:", "Källa:"]


def test_delomrade_only_where_set(catalogue, year):
    with_subarea = dict(factbox.fact_rows(catalogue.indicators["paverkbar_slutenvard"], year))
    assert with_subarea["Delområde:"] == "Påverkbar specialistvård"
    without = dict(factbox.fact_rows(catalogue.indicators["oplanerade_aterinskrivningar"], year))
    assert "Delområde:" not in without and "Fokus:" not in without


def test_fact_box_keywords_equal_tabell_1(catalogue, year):
    table = core_indicator_table(catalogue, year).frame
    for ind, words in zip(catalogue.core_indicators, table["Nyckelord (mål)"]):
        assert dict(factbox.fact_rows(ind, year))["Mål för god och nära vård, nyckelord:"] == words, ind.id


def test_measure_source_and_services_from_the_catalogue(catalogue, year):
    ind = catalogue.indicators["overbelaggningar"]
    rows = dict(factbox.fact_rows(ind, year))
    assert rows["Mått:"] == ind.definition_for(year).text
    assert rows["Berörda verksamheter:"] == ind.services
    assert rows["Källa:"] == "Sveriges Kommuner och Regioner"  # source = producer: named once
    rows = dict(factbox.fact_rows(catalogue.indicators["lakare_sabo"], year))
    assert rows["Källa:"] == "Vad tycker de äldre om äldreomsorgen? Socialstyrelsen"


def test_changed_definition_note_in_the_box_only_in_its_year(catalogue, year):
    ind = catalogue.indicators["delaktighet_index"]
    assert factbox.changed_indicators(catalogue, year) == [ind]
    rows = dict(factbox.fact_rows(ind, year))
    assert rows[factbox.LABEL_CHANGE] == ind.definition_for(year).note
    assert "index" in rows["Mått:"]
    assert factbox.LABEL_CHANGE not in dict(factbox.fact_rows(ind, year + 1))
    assert factbox.changed_indicators(catalogue, year + 1) == []


def test_fact_box_body_is_bold_label_paragraphs(catalogue, year):
    body = factbox.fact_box_body(catalogue.indicators["fortroende_hs"], year)
    paragraphs = body.split("\n\n")
    assert paragraphs[0] == "**Mål för god och nära vård, nyckelord:** Tillgänglig, Kontinuitet"
    assert paragraphs[1].startswith("**Mått:** Andel invånare")
    assert all(p.startswith("**") for p in paragraphs)


def test_keyword_usage_and_table(catalogue):
    usage = keywords.keyword_usage(catalogue)
    counts = [len(inds) for _, inds in usage]
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) == sum(len(i.keywords) for i in catalogue.core_indicators)
    assert {"God", "Nära", "Effektiv"}.isdisjoint(k for k, _ in usage)
    frame = keyword_table(catalogue).frame
    n = len(catalogue.core_indicators)
    assert list(frame["Nyckelord"]) == [k for k, _ in usage]
    assert frame["Antal kärnindikatorer"].iloc[0] == f"{counts[0]} av {n}"


# ---- Bilaga 3: per-question tables -----------------------------------------------------------


def riket(package, qid):
    frame = survey_question_table(region_survey(package, qid)).frame
    assert frame.iloc[0, 0] == "Riket"
    return list(frame.iloc[0, 1:])


@pytest.mark.parametrize(
    "qid, expected",
    [
        ("2", ["19/21"]),
        ("5", ["3/21"]),
        ("8", ["18/21", "12/21", "15/21", "13/21", "9/21", "9/21"]),
        ("13", ["14/21", "9/21", "18/21"]),
        ("18", ["18/21", "14/21", "9/21", "12/21", "5/21", "8/21", "17/21"]),
        # Värmland's answer corrected for specialists and ST in allmänmedicin (fn 58; its own
        # answer, 20/21 as Bilaga 3 prints, is in the package's `reported` column)
        ("29b", ["21/21", "18/21", "21/21", "4/21", "3/21", "4/21"]),
        ("35", [f"59{NBSP}%"]),
        # Bilaga 3's 4 245 026 with Kalmar's 179 read as 179 000, as the note under the table says (fn 56)
        ("36", [f"4{NBSP}423{NBSP}847"]),
        ("38", [f"96{NBSP}%"]),
    ],
)
def test_riket_row_equals_the_published_values(package, qid, expected):
    assert riket(package, qid) == expected


@pytest.mark.parametrize("qid, keys", [("5", ["enkät/region/5/-/2024/antal/Ja", "enkät/region/5/-/2024/svarande"]),
                                       ("35", ["enkät/region/35/-/2024/medelvärde"]), ("36", ["enkät/region/36/-/2024/summa"])])
def test_the_riket_row_is_listed_with_the_values_the_table_shows(package, qid, keys):
    """So values.json lists Riket like every region's answer."""
    shown = [q.key for q in survey_question_table(region_survey(package, qid)).quantities]
    assert shown[: len(keys)] == keys


def test_one_row_per_region_in_lanskod_order(package):
    frame = survey_question_table(region_survey(package, "2")).frame
    assert list(frame["Region"][1:]) == [r.short_name for r in package.catalogue.regions]


def test_not_ticked_is_a_dash_with_a_note(package):
    spec = survey_question_table(region_survey(package, "18"))
    cells = spec.frame.iloc[1:, 1:].to_numpy().ravel()
    assert NOT_TICKED_MARK in cells and "." not in cells and "ej markerad" not in cells
    assert any(note.startswith(f"{NOT_TICKED_MARK} =") for note in spec.notes)
    spec2 = survey_question_table(region_survey(package, "2"))
    assert not any(note.startswith(f"{NOT_TICKED_MARK} =") for note in spec2.notes)


def test_riket_note_not_repeated_when_the_catalogue_explains_riket(package):
    notes = survey_question_table(region_survey(package, "35")).notes
    assert sum(note.startswith("Riket") for note in notes) == 1


def test_sub_table_has_its_own_title(package):
    main = survey_question_table(region_survey(package, "29"))
    sub = survey_question_table(region_survey(package, "29b"))
    assert main.title.startswith("Fråga 29. Har regionen")
    assert sub.title.startswith("Fråga 29, forts.") and sub.title != main.title
    assert main.anchor != sub.anchor


def test_corrections_are_noted_from_their_rows(package):
    """The note under a table says what the corrected rows hold, in words."""
    notes = survey_question_table(region_survey(package, "36")).notes
    assert f"Region Kalmar län angav antalet 179; tabellen räknar med 179{NBSP}000." in " ".join(notes)
    notes = survey_question_table(region_survey(package, "29b")).notes
    assert any(
        n.startswith("Region Värmland hade inte markerat specialistläkare i allmänmedicin och ST-läkare i allmänmedicin, vilket Socialstyrelsen har rättat.")
        for n in notes
    )
    # a note without a correction is the region's name and the note
    assert any(n.startswith("Region Uppsala: Andelen gäller") for n in survey_question_table(region_survey(package, "35")).notes)
    # the previous year's answers carry no notes into this year's table
    assert not any("Region" in n for n in survey_question_table(region_survey(package, "2")).notes)


def test_tabell_1_marks_a_changed_definition_and_an_indicator_s_own_note(catalogue, year):
    table = core_indicator_table(catalogue, year)
    names = dict(zip(table.frame["Indikator"].str.rstrip("*"), table.frame["Indikator"]))
    assert names["Delaktighet och involvering, regionernas primärvård"].endswith("*")
    assert names["Äldre med läkemedel som bör undvikas, ordinärt boende"].endswith("**")
    assert table.notes[1].startswith("** Gäller personer med kommunala hälso- och sjukvårdsinsatser i ordinärt boende")
    later = core_indicator_table(catalogue, year + 1)  # the definition changed only in *year*: one note left, marked *
    assert [n[:10] for n in later.notes] == ["* Gäller p"]
