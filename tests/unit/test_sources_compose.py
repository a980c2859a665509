"""Citations (citeproc), the regions' examples, facts from other sources, exclusions and
synthetic values, as templates use them. Small packages built in memory."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from naravard.analysis.quantity import Quantity
from naravard.analysis.survey import Answer
from naravard.compose.citations import Citations, plain
from naravard.compose.composer import compose_report
from naravard.compose.registry import ComposeError
from naravard.compose.synthetic import notice, summarise
from naravard.data.models import CitationRole, Example, ExampleNumber, Exclusion, References, SourceFact, Topic
from naravard.project import Project
from naravard.text.phrases import exclusion_note
from tests.fixtures import mini

ROOT = Path(__file__).resolve().parents[2]
STYLE = ROOT / "templates" / "naravard.csl"


def work(ident: str, title: str, year: int, **kw) -> dict:
    return {"id": ident, "type": "report", "title": title, "author": [{"literal": "Socialstyrelsen"}],
            "publisher": "Socialstyrelsen", "publisher-place": "Stockholm", "issued": {"date-parts": [[year]]}, **kw}


REFS = References(
    items={f"w{i}": work(f"w{i}", f"Verk {i}", 2020 + i % 5) for i in range(1, 9)}
    | {"avtal_2024": work("avtal_2024", "God och nära vård 2024", 2024)},
    roles={"overenskommelse": "avtal_2024"},
    declared_roles={"overenskommelse": CitationRole("overenskommelse", "the agreement", 0), "stodrapport": CitationRole("stodrapport", "", 1)},
)


def pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


# ---- citations -----------------------------------------------------------------------------


def test_citations_are_numbered_in_reading_order_with_lists_and_ranges(tmp_path):
    c = Citations(REFS, STYLE)
    a = f"Först {c('w5')}, sedan {c('w2', 'w5')}. {c('w1', 'w3', 'w4', 'w6')}"
    b = f"Avtalet {c('overenskommelse')}. {c.reference_list()}"
    out = c.resolve({"a": a, "b": b}, pandoc(), tmp_path)
    shown = {k: plain(v) for k, v in out.items()}
    assert "Först [1], sedan [1, 2]." in shown["a"]  # w5 first, then w2; a list is sorted
    assert shown["a"].endswith("[3–6]")  # four in a row collapse to a range, with an en dash
    assert "Avtalet [7]." in shown["b"]  # the role gives the year's agreement
    assert "[[1](#ref-w5)]".replace("[[", "\\[[").replace(")]", ")\\]") in out["a"]  # linked to its entry
    # the list: only the cited works, in citation order, formatted by citeproc
    entries = [plain(line).replace("\\.", ".") for line in out["b"].splitlines() if line.startswith(("1\\.", "2\\.", "7\\."))]
    assert entries[0].startswith("1. Socialstyrelsen. Verk 5. Stockholm: Socialstyrelsen; 2020.")
    assert entries[-1].startswith("7. Socialstyrelsen. God och nära vård 2024.")
    assert "#ref-w8" not in out["b"] and "{#nv-referenser" in out["b"]


def test_citations_work_in_a_folder_whose_path_reads_as_markdown(tmp_path, monkeypatch):
    # a build's staging folder is ".naravard-staging-_output-<pid>-<random>"; random names may hold
    # another "_", and in pandoc's metadata the path between them would become emphasis
    monkeypatch.setattr("naravard.compose.citations._FORMATTED", {})  # citeproc runs here, not in an earlier test
    work = tmp_path / ".staging-_output-1_x" / "book_*a*"
    work.mkdir(parents=True)
    c = Citations(REFS, STYLE)
    out = c.resolve({"a": f"Text {c('w1')}. {c.reference_list()}"}, pandoc(), work)
    assert "Text [1]." in plain(out["a"])


def test_citeproc_runs_again_only_when_the_citations_or_the_works_change(tmp_path, monkeypatch):
    import subprocess

    from naravard.compose import citations

    monkeypatch.setattr(citations, "_FORMATTED", {})
    runs = []
    real = subprocess.run
    monkeypatch.setattr(citations.subprocess, "run", lambda *a, **kw: runs.append(1) or real(*a, **kw))

    def resolved(refs=REFS, *keys) -> str:
        c = Citations(refs, STYLE)
        return plain(c.resolve({"a": "Text " + " ".join(c(k) for k in keys) + f". {c.reference_list()}"}, pandoc(), tmp_path)["a"])

    first = resolved(REFS, "w1", "w2")
    assert resolved(REFS, "w1", "w2") == first and len(runs) == 1  # a second build of the same text: citeproc's answer kept
    assert "Text [1] [2]." in resolved(REFS, "w2", "w1") and len(runs) == 2  # another order
    renamed = dataclasses.replace(REFS, items=REFS.items | {"w1": work("w1", "Ett nytt namn", 2021)})
    assert "Ett nytt namn" in resolved(renamed, "w1", "w2") and len(runs) == 3  # a work's entry changed
    for n in range(citations._FORMATTED_KEPT + 2):
        resolved(REFS, *[f"w{i}" for i in range(1, n + 2)])
    assert len(citations._FORMATTED) == citations._FORMATTED_KEPT  # bounded


def test_a_role_without_a_work_this_year_asks_for_a_condition():
    c = Citations(dataclasses.replace(REFS, roles={}), STYLE, where=lambda: "templates/chapters/x.qmd.j2:3")
    assert c.has("overenskommelse") is False and c.has("w1") is True
    with pytest.raises(ComposeError, match=r'x.qmd.j2:3: no work plays the role \'overenskommelse\'.*finns_referens\(\'overenskommelse\'\)'):
        c("overenskommelse")
    with pytest.raises(ComposeError, match="unknown reference 'okand'"):
        c("okand")
    with pytest.raises(ComposeError, match="unknown reference 'okand'"):
        c.has("okand")


def test_a_fact_cites_the_work_it_comes_from_and_alt_text_gets_no_links(tmp_path):
    c = Citations(REFS, STYLE)
    fact = Quantity(40.0, "antal", 0, "källfakta/x", dims={"reference": "w3"})
    # a placeholder escaped by the markdown layer, and one inside an alt text
    text = f"Text {c(fact)}. " + str(c("w3")).replace("_", "\\_") + f' ![](f.svg){{fig-alt="Se {c("w4")}"}}'
    out = c.resolve({"a": text}, pandoc(), tmp_path)["a"]
    assert out.count("(#ref-w3)") == 2
    assert 'fig-alt="Se [2]"' in out


# ---- examples and facts in templates -------------------------------------------------------


def example(ident, topic, area, statement, *numbers, level="region", reference="", synthetic=False):
    return Example(ident, topic, level, area, 2024, statement, tuple(numbers), source_answer="s" if not reference else "",
                   reference=reference, synthetic=synthetic, source_file="examples.csv", source_row=2)


def number(name, value, unit="procent", decimals=0, noun="", qualifier="", row=2):
    return ExampleNumber(name, value, unit, decimals, f"vad {name} räknar", noun, qualifier, False, "example_numbers.csv", row)


TOPICS = {"mobila_team": Topic("mobila_team", "tillganglighet", "Mobila team"), "landsbygd": Topic("landsbygd", "tillganglighet", "Landsbygd")}
FACTS = {
    "ivo_brister": SourceFact("ivo_brister", 40, "antal", 0, "vårdgivare med brister", 2024, "w3", source_file="facts.csv", source_row=2),
    "ivo_granskade": SourceFact("ivo_granskade", 43, "antal", 0, "granskade vårdgivare", 2024, "w3", source_file="facts.csv", source_row=3),
    "folk": SourceFact("folk", 7.3, "miljoner", 1, "folkmängd", 2024, "overenskommelse", qualifier="knappt", source_file="facts.csv", source_row=4),
}


def sources_package(**kw):
    base = dict(
        references=REFS,
        topics=TOPICS,
        facts=FACTS,
        examples=(
            example("a", "mobila_team", "18", "{namn} har minskat inskrivningarna med {minskning} under {år}.", number("minskning", 65)),
            example("b", "mobila_team", "09", "{i_län} fick {patienter} *stöd* [1] via #team.", number("patienter", 220, "antal", noun="patienter", qualifier="cirka"), reference="w2"),
            example("c", "landsbygd", "01", "{namn} ger {tid}.", number("tid", 15, "timmar_per_vecka", qualifier="minst")),
        ),
    )
    base.update(kw)
    return dataclasses.replace(mini.package(), **base)


def project(tmp_path: Path, text: str) -> Project:
    (tmp_path / "templates" / "chapters").mkdir(parents=True)
    shutil.copytree(ROOT / "templates" / "partials", tmp_path / "templates" / "partials")
    shutil.copy(STYLE, tmp_path / "templates" / STYLE.name)
    (tmp_path / "templates" / "chapters" / "a.qmd.j2").write_text(text, encoding="utf-8")
    (tmp_path / "_quarto.yml").write_text("book:\n  chapters:\n    - a.qmd\n", encoding="utf-8")
    return Project(tmp_path)


def compose(tmp_path, text, package=None):
    return compose_report(package or sources_package(), project(tmp_path, text), tmp_path / "stage")


def test_examples_are_placed_with_names_traced_numbers_escaped_words_and_citation(tmp_path):
    composed = compose(tmp_path, '# A\n\n{{ exempel.ruta("mobila_team") }}\n\n{{ referenslista() }}\n')
    text = composed.chapters["a.qmd"]
    assert "**Exempel från regionerna**" in text
    assert 'Region Örebro län har minskat inskrivningarna med [65\u00a0procent]{.nv-value key="exempel/a/minskning"} under 2024.' in text
    # words from data are escaped; the qualifier is printed; the citation comes before the full stop
    assert 'På Gotland fick [cirka 220 patienter]{.nv-value key="exempel/b/patienter"} \\*stöd\\* \\[1\\] via \\#team \\[[1](#ref-w2)\\].' in text
    printed = {p.quantity.key: p.text for p in composed.printed["a.qmd"]}
    assert printed == {"exempel/a/minskning": "65\u00a0procent", "exempel/b/patienter": "cirka 220 patienter"}
    assert [e.id for e in composed.unplaced_examples] == ["c"]  # no template placed the landsbygd topic


def test_box_title_and_paragraph_follow_who_reported(tmp_path):
    rss = example("r", "landsbygd", "03", "{i_län} har RSS redovisat {tid}.", number("tid", 15, "timmar_per_vecka"), level="rss")
    pkg = sources_package(examples=(rss,))
    text = compose(tmp_path, '# A\n\n{{ exempel.ruta("landsbygd") }}\n{% if exempel.finns("mobila_team") %}NEJ{% endif %}\n', pkg).chapters["a.qmd"]
    assert "**Exempel från kommunerna**" in text and "I Uppsala län har RSS redovisat" in text and "NEJ" not in text
    mixed = sources_package(examples=(rss, dataclasses.replace(rss, id="s", level="region")))
    text = compose(tmp_path / "m", '# A\n\n{{ exempel.ruta("landsbygd") }}\n', mixed).chapters["a.qmd"]
    assert "**Exempel från regioner och kommuner**" in text


def test_an_unknown_topic_names_the_template_line(tmp_path):
    with pytest.raises(ComposeError, match=r"templates/chapters/a.qmd.j2:3: unknown topic 'mobil'"):
        compose(tmp_path, '# A\n\n{{ exempel.stycke("mobil") }}\n')


def test_facts_print_with_qualifier_share_and_citation(tmp_path):
    text = (
        "# A\n\n{% set b, g = källfakta.ivo_brister, källfakta.ivo_granskade %}"
        '{{ b | antal_av(g, "vårdgivare") }} ({{ andel(b, g) | värde }}) {{ cite(b) }}. Knappt: {{ källfakta.folk | värde }} {{ cite(källfakta.folk) }}.'
        '{% if källfakta.finns("saknas") %}NEJ{% endif %}\n\n{{ referenslista() }}\n'
    )
    composed = compose(tmp_path, text)
    out = composed.chapters["a.qmd"]
    assert "40 av 43 vårdgivare" in out and "[93\u00a0procent]" in out and "\\[[1](#ref-w3)\\]" in out
    assert "[knappt 7,3\u00a0miljoner]" in out and "\\[[2](#ref-avtal_2024)\\]" in out  # the fact's role: the year's agreement
    assert "NEJ" not in out
    keys = {p.quantity.key for p in composed.printed["a.qmd"]}
    assert {"källfakta/ivo_brister", "källfakta/ivo_granskade", "källfakta/folk", "andel/källfakta/ivo_brister/källfakta/ivo_granskade"} <= keys
    with pytest.raises(ComposeError, match="no fact 'saknas'.*källfakta.finns"):
        compose(tmp_path / "x", "# A\n\n{{ källfakta.saknas | värde }}\n")


# ---- exclusions ----------------------------------------------------------------------------


def answers(*rows):
    regions = {r.code: r for r in mini.REGIONS}
    return [Answer(regions[code], "", value, Quantity(value, "procent", 0, f"k/{code}"), reason) for code, value, reason in rows]


def test_exclusion_note_names_the_regions_and_groups_reasons():
    assert exclusion_note(answers(("01", 50.0, ""))) == ""
    assert exclusion_note(answers(("03", 57.0, "Mäts bara vid egna vårdcentraler."))) == "Region Uppsala visas inte i figuren. Mäts bara vid egna vårdcentraler."
    two = answers(("03", 1.0, "Samma skäl."), ("09", 2.0, "Samma skäl."), ("10", 3.0, "Annat skäl."))
    assert exclusion_note(two) == "Region Uppsala och Region Gotland visas inte i figuren. Samma skäl. Region Blekinge visas inte heller i figuren. Annat skäl."


def test_excluded_answers_stay_answers_but_leave_comparisons(tmp_path):
    import pandas as pd

    from naravard.analysis.survey import region_survey
    from naravard.data.models import SurveyQuestion

    q = SurveyQuestion("35", "region", "Andel?", "percent", "kontinuitet", title="Andel")
    base = mini.package()
    rows = pd.DataFrame([dict(question="35", option="", year=2024, area=r.code, answer="", number=float(10 * i + 10), raw=f"{10 * i + 10} %", synthetic=False, source_file="survey_regions.csv", source_row=i + 2) for i, r in enumerate(mini.REGIONS)])
    pkg = dataclasses.replace(base, catalogue=dataclasses.replace(base.catalogue, questions={"35": q}), survey_regions=rows, exclusions=(Exclusion("35", "", 2024, "03", "Annat mått."),))
    r = region_survey(pkg, "35")
    assert len(r.numeric()) == 5 and r.mean().value == 30.0  # the published mean keeps every answer
    assert [a.region.code for a in r.comparable()] == ["01", "09", "10", "18"]
    assert [(a.region.code, a.excluded) for a in r.excluded()] == [("03", "Annat mått.")]
    assert r.excluded(year=2023) == ()


# ---- synthetic values ----------------------------------------------------------------------


def q(key, synthetic, *rows):
    return Quantity(1.0, "antal", 0, key, sources=tuple(rows), synthetic=synthetic)


def test_synthetic_values_are_counted_by_the_files_they_come_from():
    rows = {("indicators.csv", 5), ("indicators.csv", 6), ("facts.csv", 2)}
    about = {("indicators.csv", 5): "akutbesok_80", ("indicators.csv", 6): "akutbesok_80", ("facts.csv", 2): "evi"}
    values = [q("a", True, ("indicators.csv", 5), ("indicators.csv", 9)), q("a", True, ("indicators.csv", 5)), q("b", False, ("indicators.csv", 9)),
              q("c", True, ("indicators.csv", 6), ("facts.csv", 2))]
    s = summarise(values, rows, about)
    assert (s.values, s.total, s.rows) == (2, 3, {"indicators.csv": 2, "facts.csv": 1})
    assert s.to_json()["sources"][1] == {"file": "indicators.csv", "rows": 2, "about": ["akutbesok_80"]}
    assert "indicators.csv: 2 synthetic rows (akutbesok_80)" in s.brief()
    assert "Av de 3 värden som redovisas bygger 2 helt eller delvis på syntetiska data" in notice(s, "kolofon")
    assert "inte för publicering" in notice(s, "omslag")
    none = summarise([q("b", False)], rows, about)
    assert notice(none, "kolofon") == notice(none, "omslag") == ""


def test_the_cover_notice_follows_the_printed_values(tmp_path):
    text = '{{ syntetiska_uppgifter("omslag") }}\n\n# A\n\n{{ exempel.stycke("mobila_team") }}\n'
    clean = compose(tmp_path, text).chapters["a.qmd"]
    assert "syntetiska" not in clean and "⟦" not in clean
    fake = sources_package(examples=(example("a", "mobila_team", "18", "{namn} {x}.", number("x", 1), synthetic=True),))
    flagged = compose(tmp_path / "s", text, fake)
    assert "Utkast med syntetiska uppgifter" in flagged.chapters["a.qmd"]
    assert flagged.synthetic.values == 1


def test_strict_refuses_synthetic_values_with_exit_status_2():
    from naravard.compose.synthetic import SyntheticSummary
    from naravard.errors import NotPublishable
    from naravard.pipeline import refuse_unpublishable

    class Composed:
        synthetic = SyntheticSummary(3, 10, {"indicators.csv": 3}, {"indicators.csv": ["akutbesok_80"]})
        cited = ["w1"]

    with pytest.raises(NotPublishable, match=r"3 of the 10 values.*\n  indicators.csv: 3 synthetic rows \(akutbesok_80\)") as exc:
        refuse_unpublishable(Composed, sources_package())
    assert exc.value.exit_code == 2
    Composed.synthetic = SyntheticSummary(0, 10)
    refuse_unpublishable(Composed, sources_package())  # nothing synthetic: published
