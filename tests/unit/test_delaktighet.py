"""Chapter 6, Delaktighet: its facts (analysis/chapters/delaktighet.py), its phrases (text/delaktighet.py) and
the chapter they compose to: the sample's shape, a rise and a fall of the index, every region taking part,
zero, one, all-but-one and all, ties between efforts, the kommuner's share up, down, unchanged or not asked
the year before, no deepening study."""

from __future__ import annotations

import pytest

from naravard.analysis.chapters import delaktighet
from naravard.review.check_templates import quantifier_problem
from naravard.text import delaktighet as words
from tests.fixtures.chapter import compose_chapter, prose
from tests.fixtures.delaktighet import package

NBSP = "\u00a0"


def facts(**kw) -> delaktighet.DelaktighetFacts:
    return delaktighet.facts(package(**kw))


@pytest.fixture
def text(tmp_path):
    def compose(**kw) -> str:
        out = prose(compose_chapter(package(**kw), "06-delaktighet", tmp_path).chapters["06-delaktighet.qmd"])
        for sentence in out.split(". "):
            assert not quantifier_problem(sentence), sentence
        assert ".." not in out and "None" not in out and " 0 av " not in out
        return out

    return compose


def test_the_sample_case(text):
    t = text()
    assert "## Svag utveckling av den upplevda delaktigheten i primärvården" in t
    assert "Indexvärdet har i stort sett varit oförändrat sedan 2017 (78,4 år 2017 och 79,8 år 2024)." in t
    assert "År 2024 deltog bara 10 av 21 regioner i patientenkäten" in t
    assert "Indexvärdet har under hela perioden varit något högre för män än för kvinnor." in t
    assert "## Nästan alla regioner erbjuder patientutbildningar och verktyg för kommunikation" in t
    assert "Lika många regioner använder särskilda verktyg" in t
    assert "## Rutiner för dokumentation och utbildning av personal är vanligast" in t
    assert "Färst regioner, 8 av 21, har följt upp eller utvärderat arbetet. Andra åtgärder beskrivs av 13 av 21 regioner." in t
    assert "## Samtliga regioner har genomfört någon insats för den dokumenterade överenskommelsen" in t
    assert "Färst, 5 av 21 regioner, har infört den dokumenterade överenskommelsen" in t
    assert "### Färre län där kommunerna har samverkat kring den dokumenterade överenskommelsen" in t
    assert f"ökade från 46{NBSP}procent år 2023 till 67{NBSP}procent år 2024" in t


@pytest.mark.parametrize("series_, heading, development", [
    ({2017: 70.0, 2019: 75.0, 2024: 80.0}, "## Den upplevda delaktigheten i primärvården har ökat", "ökade från"),
    ({2017: 80.0, 2019: 75.0, 2024: 70.0}, "## Den upplevda delaktigheten i primärvården har minskat", "minskade från"),
    ({2017: 70.0, 2019: 79.0, 2024: 79.1}, "## Svag utveckling av den upplevda delaktigheten i primärvården",
     "och har därefter i stort sett varit oförändrat (79,1 år 2024)"),
])  # fmt: skip
def test_the_index_heading_and_development_follow_the_series(text, series_, heading, development):
    t = text(index=series_)
    assert heading in t and development in t


def test_every_region_took_part(text):
    f = facts(took_part=21)
    assert f.index.deltog is None
    t = text(took_part=21)
    assert "deltog bara" not in t and "visas värdet från året innan" not in t


def test_the_two_counts_of_communication(text):
    t = text(education=21, tools=1)
    assert "## En av regionerna erbjuder" in t or "## Ett fåtal" in t or "erbjuder patientutbildningar och verktyg" in t
    assert "Samtliga 21 regioner uppger att de under 2024 har erbjudit patientutbildningar" in t
    assert "Lika många" not in t
    assert not facts(education=21, tools=1).kommunikation.lika_många


def test_ties_and_zero_between_efforts():
    info = {"utbildning_personal": 19, "rutiner_it_stod": 19, "informerat_patienter": 0, "infort_brett": 0,
            "foljt_upp": 0, "andra": 0}  # fmt: skip
    f = facts(information=info).information
    assert [o.id for o in f.rangordning.flest.alternativ] == ["utbildning_personal", "rutiner_it_stod"]
    assert f.näst_flest is None and f.färst_ingen
    assert words.least_common(f) == ("Ingen region har informerat patienter, infört system brett i regionens hälso- och "
                                     "sjukvårdsverksamhet och följt upp eller utvärderat arbetet.")  # fmt: skip
    same = facts(information={k: 7 for k in info}).information
    assert same.rangordning.alla_lika and words.least_common(same) == ""


def test_the_heading_on_documentation_follows_the_ranking(text):
    info = {"utbildning_personal": 3, "rutiner_it_stod": 2, "informerat_patienter": 20, "infort_brett": 18,
            "foljt_upp": 1, "andra": 0}  # fmt: skip
    assert not facts(information=info).dokumentation_och_utbildning_vanligast
    t = text(information=info)
    assert "## Insatser för information om de fasta vårdkontakterna och för delaktighet" in t
    assert "Vanligast är att regionen har informerat patienter, vilket nästan alla regioner (20 av 21) har gjort." in t


def test_no_agreement_effort_anywhere(text):
    agreement = dict.fromkeys(["utbildning_personal", "rutiner_it_stod", "informerat", "forsok", "infort_brett", "foljt_upp", "andra"], 0)
    f = facts(agreement=agreement).överenskommelse
    assert f.någon.ingen and f.rangordning.ingen
    t = text(agreement=agreement)
    assert "## Insatser för den dokumenterade överenskommelsen" in t and "Samtliga regioner har" not in t
    assert "Ingen av regionerna har under 2024 gjort något av det som frågan tar upp" in t
    assert "Flest" not in t.split("## Insatser för den dokumenterade")[1]


@pytest.mark.parametrize("before, now, heading, sentence", [
    (46.0, 67.0, "### Färre län där", "ökade från 46"),
    (67.0, 46.0, "### Fler län där", "minskade från 67"),
    (46.0, 46.0, "### Kommunernas samverkan kring", f"var 46{NBSP}procent både år 2023 och år 2024"),
    (None, 67.0, "### Kommunernas samverkan kring", f"var 67{NBSP}procent år 2024"),
])  # fmt: skip
def test_the_kommuner_share_against_the_year_before(text, before, now, heading, sentence):
    municipal = {2024: {"alla": 25.0, "vissa": 100.0 - 25.0 - now, "inte": now}}
    if before is not None:
        municipal[2023] = {"alla": 29.0, "vissa": 100.0 - 29.0 - before, "inte": before}
    t = text(municipal=municipal)
    assert heading in t and sentence in t


def test_no_deepening_study(text):
    t = text(study=False)
    assert "Fördjupningsstudien" not in t and facts(study=False).antal_län_i_studien is None


AGREEMENT_OPTIONS = ["utbildning_personal", "rutiner_it_stod", "informerat", "forsok", "infort_brett", "foljt_upp", "andra"]


@pytest.mark.parametrize("counts, second", [
    ({"utbildning_personal": 18, "rutiner_it_stod": 14, "infort_brett": 5}, "(14 av 21 regioner)"),  # three places: the second is told
    (dict.fromkeys(AGREEMENT_OPTIONS[:-1], 5) | {"utbildning_personal": 18}, None),  # two places: the second is the least common, told as such
    ({"utbildning_personal": 18, "rutiner_it_stod": 5}, "(5 av 21 regioner)"),  # second before the ones no region chose
    ({"utbildning_personal": 18, "rutiner_it_stod": 14, "informerat": 14, "infort_brett": 5}, "(14 av 21 regioner)"),  # a tie shares second place
    ({"utbildning_personal": 3, "rutiner_it_stod": 9, "infort_brett": 12}, "(9 av 21 regioner)"),  # the order is the data's, not the file's
])  # fmt: skip
def test_the_second_most_common_agreement_effort(text, counts, second):
    agreement = dict.fromkeys(AGREEMENT_OPTIONS, 0) | counts
    part = text(agreement=agreement).split("## ")[-3:]
    told = [p for p in part if "dokumenterade överenskommelsen" in p][0]
    if second is None:
        assert "Näst vanligast" not in told
    else:
        assert "Näst vanligast är att regionen har" in told and second in told.split("Näst vanligast", 1)[1][:400]
