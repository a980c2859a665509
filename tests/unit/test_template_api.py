"""The template API is declared in one place (naravard.compose.api) and cannot grow by accident.

Adding a filter, function, variable or macro means adding it here too, and to
docs/authoring.md (test_authoring.py checks that every name is documented).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from naravard.compose import api
from naravard.compose.context import ReportContext
from naravard.compose.environment import make_environment
from naravard.compose.registry import Registry
from tests.fixtures.mini import package

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"

FILTERS = [
    "alternativen", "andelar", "antal_av", "bedömning", "därefter", "efter_har", "flest", "från_lägst_till_högst",
    "förändrade_andelar", "förändring", "förändring_kort", "förändringens_storlek", "hur_många", "hur_många_ord",
    "högst_lägst_andel", "i_antal", "i_följd", "i_region", "i_regioner", "indikatorer", "kort", "könsskillnad", "läge",
    "lägre_högre", "lägst_högst", "lägst_varje_år", "långt_datum", "md", "mellan_länen", "mot_länet", "mot_riket",
    "månad_och_år", "osäkerhet", "plats", "regionnamn", "saknas_för_området", "saknas_not", "skillnad",
    "svar_mot_antal", "svarsnoter", "tal", "tidsperiod", "täckning", "uppräknade_län", "uppräkning", "utelämnade_not",
    "utvecklingar", "varje_år", "versal", "värde", "värde_jämfört", "år_för_år", "årsintervall", "övriga_platser",
]  # fmt: skip
GLOBALS = [
    "andel_utan_kommuner", "ental_eller_flertal", "färst_sats", "indexutveckling", "jämförelse",
    "länsgemensamma_planer", "med_bokstäver", "månadsnamn", "nya_planer", "om", "ordningstal", "riktning", "riktningar",
    "ruta_block",
]  # fmt: skip
VARIABLES = [
    "alla_fakta", "analys", "andel", "cite", "enkät", "exempel", "fakta", "faktarutor", "fig", "finns_referens",
    "indikator", "kapitel", "katalog", "kommun", "kostnader", "källfakta", "metod", "rapport", "referenslista",
    "regioner", "syntetiska_uppgifter", "tab", "år", "översikt",
]  # fmt: skip
MACROS = ["innehållsförteckning", "ruta", "sidbrytning"]

# Chapters whose deciding has moved to Python (analysis/chapters/): they use the Swedish API only.
CONVERTED = [
    "00-sammanfattning", "01-uppdrag", "02-overgripande", "03-styrning", "04-samverkan", "05-tillganglighet",
    "06-delaktighet", "07-kontinuitet", "08-halsoframjande", "09-analys", "bilaga1-metod", "bilaga2-karnindikatorer",
    "bilaga3-tabeller",
]  # fmt: skip


def test_the_api_is_exactly_what_is_declared():
    assert sorted(api.FILTERS) == FILTERS
    assert sorted(api.GLOBALS) == GLOBALS
    assert sorted(api.VARIABLES) == VARIABLES
    assert sorted(macros()) == MACROS


def macros() -> list[str]:
    ast = jinja2.Environment().parse((TEMPLATES / api.MACROS).read_text(encoding="utf-8"))
    return [m.name for m in ast.find_all(nodes.Macro)]


def test_the_environment_holds_the_api_and_nothing_else():
    env = make_environment(TEMPLATES)
    assert set(env.filters) == set(api.FILTERS) | set(api.JINJA_FILTERS)
    assert set(env.tests) == set(api.JINJA_TESTS)
    assert set(env.globals) == set(api.GLOBALS) | set(api.JINJA_GLOBALS) | {"m"}


def test_a_chapter_is_composed_with_the_declared_variables():
    context = ReportContext(package(), Registry(), TEMPLATES)
    assert sorted(context.chapter_variables("04-samverkan")) == VARIABLES


def test_every_name_is_swedish():
    english = {"value", "change", "count", "region", "year", "join", "short", "settings", "catalogue", "chapter"}
    assert not english & (set(api.FILTERS) | set(api.GLOBALS) | set(api.VARIABLES))


def test_a_former_name_says_what_it_is_called_now(tmp_path):
    from naravard.compose.composer import compose_report
    from naravard.compose.registry import ComposeError
    from tests.unit.test_compose import project_with

    project = project_with(tmp_path, {"a": "# A\n\n{{ indikator.oplanerade_aterinskrivningar.latest | v }}\n"})
    with pytest.raises(ComposeError, match=r"a.qmd.j2:3: .*No filter named 'v'.*it is called värde now"):
        compose_report(package(), project, tmp_path / "stage")


# ---- what the templates use -------------------------------------------------------------------


def template_files() -> list[Path]:
    return sorted((TEMPLATES / "chapters").rglob("*.j2")) + sorted((TEMPLATES / "partials").glob("*.j2")) + profile_files()


def profile_files() -> list[Path]:
    return sorted((TEMPLATES / "profiles").glob("*.j2"))


def parse(path: Path) -> nodes.Template:
    return make_environment(TEMPLATES).parse(path.read_text(encoding="utf-8"))


def used(ast: nodes.Template) -> tuple[set[str], set[str], set[str]]:
    """Filters, tests and free names (not set, looped over or defined in the template) it uses."""
    local = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    local |= {m.name for m in ast.find_all(nodes.Macro)} | {"loop", "caller"}
    local |= {i.target for i in ast.find_all(nodes.Import)}  # {% import "profiles/sections.j2" as s %}
    filters = {n.name for n in ast.find_all(nodes.Filter)}
    for n in ast.find_all(nodes.Filter):  # map("md"), select("in", …): a filter or test named in a string
        if n.name in ("map", "select", "reject", "selectattr", "rejectattr") and n.args and isinstance(n.args[0], nodes.Const):
            (filters if n.name == "map" else set()).add(n.args[0].value)
    tests = {n.name for n in ast.find_all(nodes.Test)}
    names = {n.name for n in ast.find_all(nodes.Name) if n.ctx == "load"} - local
    return filters, tests, names


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_use_only_the_api(path):
    filters, tests, names = used(parse(path))
    assert filters <= set(api.FILTERS) | set(api.JINJA_FILTERS) | {"attribute"}
    assert tests <= set(api.JINJA_TESTS)
    variables = set(api.PROFILE_VARIABLES) | {"år", "rapport", "katalog"} if path in profile_files() else set(api.VARIABLES)
    assert names <= variables | set(api.GLOBALS) | set(api.JINJA_GLOBALS) | {"m"}


def converted_files() -> list[Path]:
    out = []
    for stem in CONVERTED:
        out += [TEMPLATES / "chapters" / f"{stem}.qmd.j2", *sorted((TEMPLATES / "chapters" / stem).glob("*.j2"))]
    return out


@pytest.mark.parametrize("path", converted_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_a_converted_chapter_reads_as_prose_with_holes(path):
    ast = parse(path)
    filters, tests, names = used(ast)
    assert not filters & set(api.JINJA_FILTERS), "a converted chapter uses the Swedish filters only"
    assert not tests - {"none"} and not names & set(api.JINJA_GLOBALS)
    assert not list(ast.find_all(nodes.For)) and not list(ast.find_all(nodes.Macro)), "loops and macros belong in Python or partials/"
    for node in ast.find_all(nodes.Assign):  # {% set %} only names a figure or table, to refer to it before it is placed
        call = node.node
        assert isinstance(call, nodes.Call) and isinstance(call.node, nodes.Getattr) and getattr(call.node.node, "name", "") in ("fig", "tab"), node
    lines = path.read_text(encoding="utf-8").split("\n")
    assert all(len(line) <= 120 for line in lines if "{%" in line)
    headings = [i for i, line in enumerate(lines) if line.startswith("#")]
    assert not headings or headings[0] <= 15


def test_a_chapter_without_facts_says_how_to_add_them(tmp_path):
    from naravard.compose.composer import compose_report
    from naravard.compose.registry import ComposeError
    from tests.unit.test_compose import project_with

    project = project_with(tmp_path, {"11-nytt-kapitel": "# A\n\n{% if fakta.något %}x{% endif %}\n"})
    with pytest.raises(ComposeError, match=r"11-nytt-kapitel.qmd.j2:3: fakta.något: chapter 11-nytt-kapitel has no facts yet; add .*chapters/nytt_kapitel.py"):
        compose_report(package(), project, tmp_path / "stage")
