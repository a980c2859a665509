"""The catalogue: regions, municipalities, indicators and survey questions."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest

from naravard.data import DataPackageError, load_catalogue, read_catalogue
from naravard.text.units import UNITS

from .conftest import CATALOGUE

CORE = [
    "fortroende_hs", "medicinsk_bedomning_3d", "barn_unga_psykisk_ohalsa_3d", "lakare_sabo",
    "ordinarie_lakare_65", "tillgodosett_vardbehov", "delaktighet_index", "levnadsvanor",
    "paverkbar_slutenvard", "oplanerade_aterinskrivningar", "lakemedel_undvikas_ordbo", "overbelaggningar",
]  # fmt: skip
COMPLEMENTARY = [
    "fortroende_vc", "paverkbar_slutenvard_sabo", "paverkbar_slutenvard_ordbo", "sjukskoterska_sabo",
    "lakemedel_undvikas_sabo", "fallskador_sabo", "fallskador_ordbo", "akutbesok_80",
    "kostnad_primarvard_fasta", "kostnad_primarvard_lopande", "nettokostnad_primarvard_fasta",
    "nettokostnad_primarvard_lopande", "andel_primarvard_regioner", "kostnadsandel_primarvard_regioner",
    "kostnadsandel_primarvard_kommuner", "fast_lakarkontakt_panel",
]  # fmt: skip


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(CATALOGUE)


def test_the_catalogue_loads_without_problems():
    _, problems = read_catalogue(CATALOGUE)
    assert problems == []


def test_regions_in_lanskod_order_with_their_name_forms(catalogue):
    codes = [r.code for r in catalogue.regions]
    assert codes == ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"]
    kalmar = catalogue.region("08")
    assert (kalmar.short_name, kalmar.region_name, kalmar.county_name, kalmar.county_locative) == (
        "Kalmar", "Region Kalmar län", "Kalmar län", "i Kalmar län"
    )
    gotland = catalogue.region("09")
    assert (gotland.region_name, gotland.county_name, gotland.county_locative) == ("Region Gotland", "Gotlands län", "på Gotland")
    assert catalogue.region("14").region_name == "Västra Götalandsregionen"
    assert catalogue.region("12").county_name == "Skåne län"
    assert catalogue.region("06").region_name == "Region Jönköpings län"
    assert (catalogue.region("04").region_name, catalogue.region("04").county_name) == ("Region Sörmland", "Södermanlands län")
    assert (catalogue.region("23").region_name, catalogue.region("23").county_name) == ("Region Jämtland Härjedalen", "Jämtlands län")
    assert catalogue.region("18").region_name == "Region Örebro län"


def test_290_municipalities_per_county(catalogue):
    assert len(catalogue.municipalities) == 290
    counts = Counter(m.county for m in catalogue.municipalities)
    assert counts == {
        "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5, "12": 33, "13": 6,
        "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7, "23": 8, "24": 15, "25": 14,
    }  # fmt: skip
    names = {m.code: m.name for m in catalogue.municipalities}
    assert (names["0114"], names["0980"], names["2084"], names["2183"], names["2121"], names["2584"]) == (
        "Upplands Väsby", "Gotland", "Avesta", "Bollnäs", "Ovanåker", "Kiruna"
    )


def test_indicator_ids_and_core_numbers(catalogue):
    assert [i.id for i in catalogue.core_indicators] == CORE
    assert [i.core_number for i in catalogue.core_indicators] == list(range(1, 13))
    assert set(catalogue.indicators) == set(CORE) | set(COMPLEMENTARY)
    for ind in catalogue.indicators.values():
        assert ind.unit in UNITS and ind.subtitle.endswith(".") and ind.first_year <= ind.base_year


def test_indicator_metadata(catalogue):
    ind = catalogue.indicators
    assert ind["fortroende_hs"].source_line == "Källa: Hälso- och sjukvårdsbarometern, Sveriges Kommuner och Regioner."
    assert ind["lakare_sabo"].source_line == "Källa: Vad tycker de äldre om äldreomsorgen? Socialstyrelsen."
    assert ind["overbelaggningar"].source_line == "Källa: Sveriges Kommuner och Regioner."
    assert "stort eller mycket stort förtroende" in ind["fortroende_hs"].definition_for(2024).text
    assert ind["medicinsk_bedomning_3d"].base_year == 2020
    assert (ind["barn_unga_psykisk_ohalsa_3d"].base_year, ind["barn_unga_psykisk_ohalsa_3d"].sexes) == (2022, ("totalt", "pojkar", "flickor"))
    assert ind["ordinarie_lakare_65"].regional is False and ind["ordinarie_lakare_65"].sexes == ("totalt",)
    assert ind["levnadsvanor"].keywords == ("Stärker hälsan", "Personcentrerad", "Delaktig")
    assert ind["lakemedel_undvikas_ordbo"].keywords == ("Samordnad", "Kontinuitet", "Stärker hälsan")
    assert any("Appendix B item 19" in n for n in ind["levnadsvanor"].notes)
    assert ind["paverkbar_slutenvard"].subarea == "Påverkbar specialistvård"
    assert ind["akutbesok_80"].municipal and ind["paverkbar_slutenvard_ordbo"].municipal
    assert {i.id for i in ind.values() if i.kind == "cost"} == {c for c in COMPLEMENTARY if "kostnad" in c or "primarvard_regioner" in c}


def test_the_delaktighet_indicator_changed_to_an_index(catalogue):
    d = catalogue.indicators["delaktighet_index"]
    assert d.unit == "index" and d.decimals == 1
    assert [x.valid_from for x in d.definitions] == [2017, 2024]
    assert "Var du delaktig i besluten" in d.definition_for(2023).text
    assert "Avser ett index på 0–100." in d.definition_for(2024).text and d.definition_for(2024).note


def test_survey_questions(catalogue):
    q = catalogue.questions
    bilaga3 = ["2", "4", "5", "6", "7", "8", "9", "10", "11", "13", "14", "15", "18", "19", "20", "21", "26", "28", "29", "29b", "30", "33", "34", "35", "36", "38"]
    assert [k for k in q if not k.startswith(("r.", "k."))] == bilaga3
    assert q["2"].number == "Fråga 2" and q["2"].kind == "yes_no" and q["2"].text.startswith("Har regionen under {year} breddinfört")
    assert q["4"].answers == ("Ja", "Nej, men förslag finns framtaget", "Nej") and "{year}" in q["4"].footnote
    assert "(ca {period_from})" in q["11"].text and "än {prev_year}?" in q["6"].text
    assert [o.id for o in q["13"].options] == ["vard_i_hemmet", "bedomning_sjukhusvard", "utskrivning"]
    assert q["13"].answers == ("Ja", "Delvis", "Nej")
    assert q["18"].kind == "ticked" and len(q["18"].options) == 7 and len(q["19"].options) == 6
    assert q["29b"].option("hyrlakare").label == "Hyrläkare"
    assert (q["35"].kind, q["36"].kind, q["38"].kind) == ("percent", "count", "percent")
    assert all(x.unit in ("andel_kommuner", "andel_lan") for x in q.values() if x.respondent == "kommun")
    assert q["k.dokumenterad_overenskommelse"].unit == "andel_lan" and len(q["k.insatser"].options) == 30
    assert catalogue.sources["regioner"] == "Regionernas redovisningar av insatser inom god och nära vård {year}"


def test_the_package_fills_in_the_year(sample_package):
    assert sample_package.catalogue.sources["kommuner"] == "Kommunernas redovisningar av insatser inom god och nära vård 2024"
    assert "2024 års prisnivå" in sample_package.catalogue.indicators["kostnad_primarvard_fasta"].subtitle
    q = sample_package.catalogue.questions
    assert q["6"].text.startswith("Har regionen under 2024 beslutat") and q["6"].text.endswith("än 2023?")
    assert "(ca 2019)" in q["11"].text  # method.toml's period_from
    assert "den 31 december 2024" in q["36"].text


def test_no_year_is_typed_in_the_survey_catalogue():
    """The catalogue is shared by every year: its printed texts name years only by placeholder."""
    import re

    from naravard.data.catalogue import load_catalogue

    for q in load_catalogue(CATALOGUE).questions.values():
        for text in (q.text, q.title, q.footnote, *(o.label for o in q.options)):
            assert not re.search(r"\b(19|20)\d\d\b", text), (q.id, text)


def _survey_edited(tmp_path: Path, old: str, new: str):
    """The catalogue read with one edit to a copy of survey.toml: (catalogue, problems)."""
    broken = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, broken)
    text = (broken / "survey.toml").read_text(encoding="utf-8").replace(old, new, 1)
    (broken / "survey.toml").write_text(text, encoding="utf-8")
    return read_catalogue(broken)


def test_an_unknown_placeholder_is_an_error(tmp_path: Path):
    _, problems = _survey_edited(tmp_path, "under {year}", "under {yaer}")
    [p] = [p for p in problems if p.is_error]
    assert p.file == "survey.toml" and "question '2' (line" in p.message and "unknown placeholder {yaer}" in p.message
    assert "{year}" in p.expected and "{prev_year}" in p.expected


def test_the_old_years_key_is_read_past_with_a_warning(tmp_path: Path):
    catalogue, problems = _survey_edited(tmp_path, 'id = "2"\n', 'id = "2"\nyears = [2023, 2024]\n')
    assert "2" in catalogue.questions
    [p] = problems
    assert not p.is_error and p.column == "years" and "answers hold" in p.message


def _indicators_edited(tmp_path: Path, old: str, new: str):
    broken = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, broken)
    text = (broken / "indicators.toml").read_text(encoding="utf-8")
    assert old in text
    (broken / "indicators.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return read_catalogue(broken)


def test_the_pandemic_is_read_once_and_given_to_the_indicators_with_a_band(catalogue):
    p = catalogue.pandemic
    assert (p.start, p.end) == (dt.date(2020, 2, 1), dt.date(2022, 4, 1))
    assert p.holds_year(2020) and p.holds_year(2022) and not p.holds_year(2019) and not p.holds_year(2023)
    assert all(i.covid_period is (p if i.covid_band else None) for i in catalogue.indicators.values())


def test_a_broken_pandemic_is_named_by_file_and_key(tmp_path: Path):
    _, problems = _indicators_edited(tmp_path, "start = 2020-02-01\nend = 2022-04-01", 'start = "februari 2020"\nend = 2019-04-01')
    found = {p.column: p for p in problems if p.is_error}
    assert set(found) == {"pandemic.start"} and found["pandemic.start"].file == "indicators.toml"
    assert "'februari 2020' is not a date" in found["pandemic.start"].message
    _, problems = _indicators_edited(tmp_path / "2", "end = 2022-04-01", "end = 2019-04-01")
    [p] = [p for p in problems if p.is_error]
    assert p.column == "pandemic.end" and "before it starts" in p.message


def test_without_a_pandemic_no_indicator_marks_one(tmp_path: Path):
    catalogue, problems = _indicators_edited(tmp_path, "[pandemic]\nstart = 2020-02-01\nend = 2022-04-01\n", "")
    assert not [p for p in problems if p.is_error]
    assert catalogue.pandemic is None and all(i.covid_period is None for i in catalogue.indicators.values())


def test_a_broken_catalogue_is_reported(tmp_path: Path):
    broken = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, broken)
    text = (broken / "indicators.toml").read_text(encoding="utf-8")
    text = text.replace('unit = "per_100_vardplatser"', 'unit = "per_vardplats"', 1).replace('chapter = "samverkan"', 'chapter = "Samverkan"', 1)
    (broken / "indicators.toml").write_text(text, encoding="utf-8")
    (broken / "regions.csv").write_text((broken / "regions.csv").read_text(encoding="utf-8").replace("\n03,", "\n3x,"), encoding="utf-8")
    with pytest.raises(DataPackageError) as info:
        load_catalogue(broken)
    messages = [str(p) for p in info.value.problems]
    assert any("indicators.toml, column \"unit\": indicator 'overbelaggningar' (line" in m and "unknown unit 'per_vardplats'" in m for m in messages)
    assert any("unknown chapter 'Samverkan'" in m for m in messages)
    assert any(m.startswith("regions.csv, row 3, column \"code\": region code '3x'") for m in messages)
