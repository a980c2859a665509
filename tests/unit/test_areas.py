"""Results for one area (analysis/areas.py) and their wording (text/areas.py), on packages made here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from naravard.analysis.areas import AreaResults, UnknownArea
from naravard.data.models import Catalogue, DataPackage, Indicator, Municipality, Region, ReportSettings
from naravard.text import areas as wording

REGIONS = (
    Region("01", "Stockholm", "Region Stockholm", "Stockholms län", "i Stockholms län"),
    Region("03", "Uppsala", "Region Uppsala", "Uppsala län", "i Uppsala län"),
    Region("08", "Kalmar", "Region Kalmar län", "Kalmar län", "i Kalmar län"),
    Region("09", "Gotland", "Region Gotland", "Gotland", "på Gotland"),
)
KOMMUNER = (Municipality("0114", "Upplands Väsby", "01"), Municipality("0180", "Stockholm", "01"), Municipality("0980", "Gotland", "09"))


def _indicator(direction="lower", **kw) -> Indicator:
    base = dict(
        id="x", name="Mått X", short_name="X", core_number=1, definitions=(), subtitle="", unit="procent",
        decimals=1, direction=direction, keywords=(), chapter="c", source="Källa", producer="", base_year=2020, first_year=2020,
    )
    return Indicator(**{**base, **kw})


def _package(rows: list[dict], indicator: Indicator | None = None) -> DataPackage:
    frame = pd.DataFrame.from_records([{"sex": "totalt", **r} for r in rows])
    for col, default in (("period", ""), ("sex", "totalt"), ("ci_lower", None), ("ci_upper", None), ("missing", ""),
                         ("synthetic", False), ("numerator", None), ("denominator", None), ("indicator", "x")):
        if col not in frame:
            frame[col] = default
    frame["ci_lower"] = frame["ci_lower"].astype(float)
    frame["ci_upper"] = frame["ci_upper"].astype(float)
    frame["value"] = frame["value"].astype(float)
    frame["missing"] = frame["missing"].fillna("")
    frame["source_file"] = "indicators.csv"
    frame["source_row"] = range(2, 2 + len(frame))
    ind = indicator or _indicator()
    cat = Catalogue(indicators={ind.id: ind}, questions={}, regions=REGIONS, municipalities=KOMMUNER)
    settings = ReportSettings(2024, "T", "S", "Socialstyrelsen", dt.date(2025, 8, 29), "e", "S1", "A", "B")
    empty = pd.DataFrame({c: [] for c in ("question", "option", "year", "area", "answer")})
    shares = pd.DataFrame({c: [] for c in ("question", "option", "year", "level", "area", "value")})
    return DataPackage(Path("."), settings, cat, frame, empty, shares)


def _region_rows(values_2024: dict, values_2020: dict | None = None, riket=(10.0, 9.0)) -> list[dict]:
    rows = [dict(year=2020, level="riket", area="00", value=riket[0]), dict(year=2024, level="riket", area="00", value=riket[1])]
    for code, v in (values_2020 or {}).items():
        rows.append(dict(year=2020, level="region", area=code, value=v))
    for code, v in values_2024.items():
        rows.append(v if isinstance(v, dict) else dict(year=2024, level="region", area=code, value=v))
    return rows


def _one(pkg, code, level="region"):
    (a,) = AreaResults(pkg, level).for_area(code)
    return a


def test_rank_lowest_is_best_when_lower_is_better():
    pkg = _package(_region_rows({"01": 8.0, "03": 9.5, "08": 7.0, "09": 12.0}))
    best, worst = _one(pkg, "08"), _one(pkg, "09")
    assert (best.rank.position, best.rank.of, best.rank.tied) == (1, 4, 0)
    assert wording.rank(best.rank) == "lägst av 4 regioner"
    assert best.rank.first and not best.rank.last
    assert worst.rank.last and wording.rank(worst.rank) == "4:e lägst av 4 regioner"
    assert best.versus_riket.relation == "lower" and best.versus_riket.assessment == "better"
    assert wording.versus(best.versus_riket) == "lägre än i riket (9,0\u00a0procent), vilket är bättre"
    assert worst.versus_riket.assessment == "worse" and wording.versus_word(worst.versus_riket) == "Sämre"


def test_rank_highest_first_when_higher_is_better():
    pkg = _package(_region_rows({"01": 8.0, "03": 9.5, "08": 7.0, "09": 12.0}), _indicator("higher"))
    assert wording.rank(_one(pkg, "09").rank) == "högst av 4 regioner"
    assert wording.rank(_one(pkg, "03").rank) == "2:e högst av 4 regioner"
    assert _one(pkg, "08").versus_riket.assessment == "worse"


def test_ties_share_a_place_on_printed_values():
    # 8.04 and 7.96 both print as 8,0: they share the second place
    pkg = _package(_region_rows({"01": 8.04, "03": 7.96, "08": 7.0, "09": 12.0}))
    a, b = _one(pkg, "01"), _one(pkg, "03")
    assert (a.rank.position, a.rank.tied) == (2, 1) == (b.rank.position, b.rank.tied)
    assert wording.rank(a.rank) == "2:e lägst av 4 regioner, delad plats med en annan region"
    assert wording.rank_short(a.rank) == "2–3 av 4"
    assert _one(pkg, "09").rank.position == 4  # after a tie the next place is skipped


def test_tie_for_first_and_all_alike():
    pkg = _package(_region_rows({"01": 7.0, "03": 7.0, "08": 9.0, "09": 9.9}))
    assert wording.rank(_one(pkg, "01").rank) == "lägst av 4 regioner, delad plats med en annan region"
    pkg = _package(_region_rows({c: 8.0 for c in ("01", "03", "08", "09")}))
    assert wording.rank(_one(pkg, "08").rank) == "samma värde som samtliga 4 regioner"


def test_no_direction_compares_higher_or_lower_only():
    pkg = _package(_region_rows({"01": 8.0, "03": 9.5, "08": 7.0, "09": 12.0}), _indicator(None))
    a = _one(pkg, "09")
    assert a.versus_riket.assessment is None
    assert wording.versus(a.versus_riket) == "högre än i riket (9,0\u00a0procent)"
    assert wording.versus_word(a.versus_riket) == "Högre"


def test_change_since_base_year_beside_riket():
    pkg = _package(_region_rows({"01": 8.0, "03": 9.5, "08": 7.0, "09": 12.0}, {"08": 10.0}))
    a = _one(pkg, "08")
    assert (a.change.start_year, a.change.end_year, a.change.difference.value) == (2020, 2024, -3.0)
    assert a.change.assessment == "better"
    assert a.riket_change.difference.value == -1.0
    assert _one(pkg, "01").change is None  # no base-year value


def test_missing_value_says_why_and_falls_back_a_year():
    rows = _region_rows({"01": 8.0, "03": 9.5, "09": 12.0,
                         "08": dict(year=2024, level="region", area="08", value=None, missing="Regionen deltog inte i 2024 års mätning")})
    rows.append(dict(year=2023, level="region", area="08", value=7.5))
    rows.append(dict(year=2023, level="riket", area="00", value=9.2))
    a = _one(_package(rows), "08")
    assert a.missing == "Regionen deltog inte i 2024 års mätning"
    assert wording.missing(a) == "Uppgift saknas för 2024. Regionen deltog inte i 2024 års mätning."
    assert a.older and a.latest.year == 2023 and a.rank is None
    assert a.versus_riket.other.year == 2023  # compared with riket in the same year
    # the others rank among those with a value
    assert _one(_package(rows), "01").rank.of == 3


def test_missing_with_the_packages_prefix_and_no_row():
    rows = _region_rows({"03": 9.5, "08": 7.0, "09": 12.0,
                         "01": dict(year=2024, level="region", area="01", value=None, missing="Uppgift saknas: den basala hemsjukvården utförs av regionen")})
    a = _one(_package(rows), "01")
    assert wording.missing(a) == "Uppgift saknas för 2024. Den basala hemsjukvården utförs av regionen."
    assert not a.has_value and a.rank is None and a.versus_riket is None
    rows = [r for r in rows if r["area"] != "01"]
    assert wording.missing(_one(_package(rows), "01")) == "Uppgift saknas för 2024. Datapaketet har inga uppgifter för regionen detta år."


def test_confidence_interval_against_riket():
    rows = _region_rows({"01": dict(year=2024, level="region", area="01", value=8.0, ci_lower=7.5, ci_upper=8.5),
                         "03": dict(year=2024, level="region", area="03", value=8.8, ci_lower=8.2, ci_upper=9.4),
                         "08": 7.0, "09": 12.0})
    pkg = _package(rows)
    assert _one(pkg, "01").versus_riket.beyond_ci is True
    assert "större än osäkerhetsintervallet" in wording.interval(_one(pkg, "01").versus_riket)
    assert _one(pkg, "03").versus_riket.beyond_ci is False
    assert "ryms inom" in wording.interval(_one(pkg, "03").versus_riket)
    assert _one(pkg, "08").versus_riket.beyond_ci is None and wording.interval(_one(pkg, "08").versus_riket) == ""


def test_kommun_ranks_among_all_and_within_its_lan_against_lan_and_riket():
    rows = [dict(year=2024, level="riket", area="00", value=9.0), dict(year=2024, level="region", area="01", value=8.5),
            dict(year=2024, level="region", area="09", value=7.0),
            dict(year=2024, level="kommun", area="0114", value=8.0), dict(year=2024, level="kommun", area="0180", value=9.0),
            dict(year=2024, level="kommun", area="0980", value=7.0)]
    pkg = _package(rows)
    a = _one(pkg, "0180", "kommun")
    assert (a.rank.position, a.rank.of) == (3, 3)
    assert wording.rank(a.county_rank) == "2:e lägst av 2 kommuner i länet"
    assert a.versus_county.relation == "higher" and wording.versus(a.versus_county, "länet") == "högre än i länet (8,5\u00a0procent), vilket är sämre"
    gotland = _one(pkg, "0980", "kommun")
    # The kommun is the län: neither a place within it nor a comparison with it (the region's row is not the kommun's)
    assert gotland.area.county.code == "09" and gotland.county_rank is None
    assert gotland.county is None and gotland.versus_county is None
    assert AreaResults(pkg, "kommun").alone_in_county(gotland.area) and not AreaResults(pkg, "kommun").alone_in_county(a.area)


def test_kommun_without_data():
    rows = [dict(year=2024, level="riket", area="00", value=9.0), dict(year=2024, level="kommun", area="0114", value=8.0)]
    a = _one(_package(rows), "0980", "kommun")
    assert not a.has_value and a.rank is None and a.missing == "Datapaketet har inga uppgifter för kommunen detta år."


def test_unknown_area_code():
    pkg = _package(_region_rows({"01": 8.0}))
    with pytest.raises(UnknownArea):
        AreaResults(pkg, "region").for_area("26")
    with pytest.raises(UnknownArea):
        AreaResults(pkg, "kommun").for_area("08")


def test_only_measures_with_values_at_the_level():
    rows = [dict(year=2024, level="riket", area="00", value=9.0)]
    assert AreaResults(_package(rows), "region").indicators == ()


# ---- the regions' survey answers against the count ------------------------------------------------


def _survey_package(answers: dict[str, str], kind: str = "yes_no"):
    from naravard.data.models import SurveyQuestion

    q = SurveyQuestion(id="5", respondent="region", text="Har regionen en plan?", kind=kind, chapter="c", title="Plan")
    pkg = _package(_region_rows({"01": 8.0}))
    rows = pd.DataFrame.from_records([
        dict(question="5", option="", year=2024, area=code, answer=a, number=float("nan"), raw=a, reported="",
             reported_number=float("nan"), note="", synthetic=False, source_file="survey_regions.csv", source_row=i + 2)
        for i, (code, a) in enumerate(answers.items())
    ])
    cat = Catalogue(indicators=pkg.catalogue.indicators, questions={"5": q}, regions=REGIONS, municipalities=KOMMUNER)
    return DataPackage(Path("."), pkg.settings, cat, pkg.indicators, rows, pkg.survey_municipalities)


def _answer(pkg, code):
    (s,) = AreaResults(pkg, "region").survey_for(code)
    return wording.survey_answer(s)


def test_survey_answer_against_the_count():
    pkg = _survey_package({"01": "Ja", "03": "Ja", "08": "Nej", "09": "Ja"})
    assert _answer(pkg, "01") == "Regionen har svarat Ja, liksom två andra av 4 regioner"
    assert _answer(pkg, "08") == "Regionen har svarat Nej, som den enda av 4 regioner"


def test_survey_answer_all_alike_and_not_answered():
    pkg = _survey_package({"01": "Ja", "03": "Ja", "08": "Ja"})
    assert _answer(pkg, "03") == "Regionen har svarat Ja, liksom samtliga andra regioner (3 av 3)"
    assert _answer(pkg, "09") == "Regionen har inte besvarat frågan"


def test_survey_questions_with_options_or_numbers_are_left_out():
    pkg = _survey_package({"01": "Ja"}, kind="percent")
    assert AreaResults(pkg, "region").survey_for("01") == ()
    assert AreaResults(pkg, "kommun").survey_for("0980") == ()  # a kommun answers no region questions


def test_index_line_from_the_summary():
    from naravard.compose.profile import summarise
    from naravard.profiles import summary_line

    pkg = _package(_region_rows({"01": 8.0, "03": 9.5, "08": 9.0, "09": 12.0}))
    results = AreaResults(pkg, "region")
    assert summary_line(summarise(results.for_area("01"), results.area("01"))) == "Bättre än riket i 1 av 1 jämförbara mått, sämre i 0."
    assert summary_line(summarise(results.for_area("08"), results.area("08"))) == "Bättre än riket i 0 av 1 jämförbara mått, sämre i 0, lika i 1."


def test_kommun_profile_has_its_lans_survey_shares_beside_riket():
    from naravard.analysis.areas import county_survey
    from naravard.data.models import SurveyQuestion

    q = SurveyQuestion(id="k.x", respondent="kommun", text="Har kommunen …?", kind="share", chapter="c", title="Rutin", unit="andel_kommuner")
    pkg = _package(_region_rows({"01": 8.0}))
    rows = pd.DataFrame.from_records([
        dict(question="k.x", option="", year=2024, level="riket", area="00", value=60.0),
        dict(question="k.x", option="", year=2024, level="region", area="01", value=75.0),
    ])
    rows["synthetic"], rows["source_file"], rows["source_row"] = False, "survey_municipalities.csv", [2, 3]
    cat = Catalogue(indicators=pkg.catalogue.indicators, questions={"k.x": q}, regions=REGIONS, municipalities=KOMMUNER)
    pkg = DataPackage(Path("."), pkg.settings, cat, pkg.indicators, pkg.survey_regions, rows)
    (c,) = AreaResults(pkg, "kommun").county_survey_for("0114")
    assert (c.county.value, c.riket.value, c.year) == (75.0, 60.0, 2024)
    assert AreaResults(pkg, "kommun").county_survey_for("0980") == ()  # no rows for Gotland's län
    assert county_survey(pkg, "09") == ()


def test_an_areas_sex_gap_from_its_own_rows():
    rows = _region_rows({"01": 8.0})
    rows += [dict(year=y, level="region", area="01", sex=s, value=v) for y, s, v in
             ((2020, "kvinnor", 7.0), (2020, "män", 9.0), (2024, "kvinnor", 7.5), (2024, "män", 8.5))]
    (a,) = AreaResults(_package(rows), "region").for_area("01")
    assert a.sex_gap.higher_every_year == "män" and a.sex_gap.latest_difference.value == 1.0
    (b,) = AreaResults(_package(rows), "region").for_area("03")
    assert b.sex_gap is None


def _profile_text(pkg, code, level, tmp_path):
    from naravard.compose.profile import compose_profile
    from naravard.project import Project

    composed, _ = compose_profile(AreaResults(pkg, level), code, Project(Path(__file__).resolve().parents[2]), tmp_path / code)
    return " ".join(composed.chapters["index.qmd"].split())


def test_profile_summary_for_one_measure_and_none_better(tmp_path):
    import re

    pkg = _package(_region_rows({"01": 8.0, "03": 9.5, "08": 7.0, "09": 12.0}))
    text = re.sub(r"\[([^\]]*)\]\{[^}]*\}", r"\1", _profile_text(pkg, "09", "region", tmp_path))
    assert "Ett av måtten går att jämföra med riket. Där har regionen ett sämre värde än riket." in text
    assert "Regionprofil: Region Gotland" in text and "4\\:e lägst av 4 regioner" in text  # the colon escaped for markdown
    rows = [dict(year=2024, level="riket", area="00", value=9.0), dict(year=2024, level="kommun", area="0114", value=8.0)]
    text = _profile_text(_package(rows), "0980", "kommun", tmp_path)
    assert "Inget av måtten går att jämföra med riket för kommunen." in text
    assert "För ett av ett mått saknas ett värde" in text
    assert "Uppgift saknas för 2024. Datapaketet har inga uppgifter för kommunen detta år." in text


def test_kommun_profile_intro_compares_with_the_lan_only_when_the_lan_has_other_kommuner(tmp_path):
    rows = [dict(year=2024, level="riket", area="00", value=9.0), dict(year=2024, level="region", area="09", value=7.5),
            dict(year=2024, level="region", area="01", value=8.5),
            dict(year=2024, level="kommun", area="0114", value=8.0), dict(year=2024, level="kommun", area="0980", value=7.0)]
    pkg = _package(rows)
    gotland = _profile_text(pkg, "0980", "kommun", tmp_path)
    lan = AreaResults(pkg, "kommun").area("0980").county.county_name
    assert f"Gotland är den enda kommunen i {lan} och jämförs därför med riket och med landets övriga 2 kommuner." in gotland
    assert "länet" not in gotland  # no comparison with it, no place in it, no empty columns for it
    väsby = _profile_text(pkg, "0114", "kommun", tmp_path)
    assert f"Kommunen jämförs med riket, med {AreaResults(pkg, 'kommun').area('0114').county.county_name} och med landets övriga 2 kommuner." in väsby
    assert "lägre än i länet" in väsby and "Plats i länet" in väsby
