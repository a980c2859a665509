"""The sections whose content is other works' findings or the regions' examples: each is there when its
work plays its role (or its topic has examples) this year, and is left out otherwise."""

from __future__ import annotations

import dataclasses

import pytest

from tests.fixtures.chapter import chapter_text
from tests.fixtures.overgripande import sample

CHALLENGES = "Utmaningar som kvarstår"
FOLLOW_UP = "Möjligheter och utmaningar i arbetet med uppföljning och utvärdering"


def without_roles(package, *roles: str):
    refs = package.references
    kept = {role: work for role, work in refs.roles.items() if role not in roles}
    return dataclasses.replace(package, references=dataclasses.replace(refs, roles=kept))


def without_topics(package, *topics: str):
    return dataclasses.replace(package, examples=tuple(e for e in package.examples if e.topic not in topics))


@pytest.fixture(scope="module")
def pkg():
    return sample()


def test_challenges_cite_the_supervision(pkg, tmp_path):
    text = chapter_text(pkg, "04-samverkan", tmp_path)
    section = text.split(CHALLENGES, 1)[1].split("Ökad samverkan med socialtjänstens", 1)[0]
    assert "Inspektionen för vård och omsorg har i sin tillsyn" in section
    assert "#ref-ivo_tillsyn_primarvard_2024" in section


def test_no_challenges_section_without_a_supervision_report_this_year(pkg, tmp_path):
    text = chapter_text(without_roles(pkg, "tillsyn"), "04-samverkan", tmp_path)
    assert CHALLENGES not in text and "Ökad samverkan med socialtjänstens områden" in text


def test_follow_up_findings_only_with_an_in_depth_study(pkg, tmp_path):
    assert FOLLOW_UP in chapter_text(pkg, "02-overgripande", tmp_path)
    assert FOLLOW_UP not in chapter_text(without_roles(pkg, "fordjupningsstudie"), "02-overgripande", tmp_path / "b")


@pytest.mark.parametrize(
    ("topic", "heading", "named"),
    [
        ("aldremottagningar", "Äldremottagningar och teamarbete kring äldre", ("Region Uppsala", "Region Östergötland")),
        ("smo_mottagningar", "SMO-mottagningar för personer med funktionsnedsättning", ("Region Västerbotten",)),
        ("jamstalld_halsa", "Insatser som bidragit till jämställd hälsa", ("Region Dalarna",)),
    ],
)
def test_example_sections_are_there_with_their_examples_and_gone_without(pkg, tmp_path, topic, heading, named):
    text = chapter_text(pkg, "02-overgripande", tmp_path)
    section = text.split(heading, 1)[1][:1200]
    assert all(name in section for name in named)
    assert heading not in chapter_text(without_topics(pkg, topic), "02-overgripande", tmp_path / "b")
