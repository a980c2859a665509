"""docs/authoring.md: every example composes to the text printed under it, and every name of
the template API is in the guide.

    python -m tests.unit.test_authoring           # print what each example composes to
    python -m tests.unit.test_authoring --write   # and write it under each example in the guide
"""

from __future__ import annotations

import dataclasses
import re
import sys
import tempfile
from pathlib import Path

import pytest

from naravard.compose import api
from naravard.data.method import read_method
from naravard.data import load_package
from tests.fixtures.builder import CODES, answers, catalogue, question
from tests.fixtures.chapter import compose_snippet
from tests.fixtures.samverkan import package

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "authoring.md"
_EXAMPLE = re.compile(r"```jinja\n(.*?)```\s*\n```text\n(.*?)```", re.S)


def examples() -> list[tuple[str, str]]:
    text = GUIDE.read_text(encoding="utf-8")
    found = _EXAMPLE.findall(text)
    assert len(found) == text.count("```jinja"), "every ```jinja example is followed by the ```text it composes to"
    return found


def guide_package():
    """The sample's shape (tests/fixtures/samverkan.py), with Gotland missing in the latest year,
    Fråga 35's percentages and the sample's method.toml, so every example has data."""
    regions = {c: {2017: 9.0, 2024: 7.0 + i / 5} for i, c in enumerate(CODES)}
    regions["09"] = {2017: 9.0, 2024: None}
    pkg = package(regions=regions)
    percent = answers({2024: {"": {c: 40 + 2 * i for i, c in enumerate(CODES)}}})
    extra = build_questions(pkg, question("35"), percent)
    lacking = ("17", "20", "22")  # chapter 3's plans: three regions without one in 2023 decided on one in 2024
    extra = build_questions(extra, question("r.lansgemensam_plan"), answers({2023: {"": {c: "Nej" if c in lacking else "Ja" for c in CODES}}}))
    extra = build_questions(extra, question("4"), answers({2024: {"": {c: "Ja" if c in lacking else "Nej" for c in CODES}}}))
    method, _ = read_method(ROOT / "data" / "sample-2024", catalogue())
    sample = load_package(ROOT / "data" / "sample-2024")  # its references, examples and facts
    sources = {f: getattr(sample, f) for f in ("references", "examples", "topics", "free_text", "facts", "exclusions")}
    return dataclasses.replace(extra, method=method, **sources)


def build_questions(pkg, q, rows):
    import pandas as pd

    from naravard.data.models import SURVEY_REGION_COLUMNS

    more = pd.DataFrame([dict(r, question=q.id, synthetic=False, source_file="survey_regions.csv", source_row=900 + i) for i, r in enumerate(rows)],
                        columns=list(SURVEY_REGION_COLUMNS))  # fmt: skip
    survey = pd.concat([pkg.survey_regions, more], ignore_index=True)
    cat = dataclasses.replace(pkg.catalogue, questions={**pkg.catalogue.questions, q.id: q})
    return dataclasses.replace(pkg, survey_regions=survey, catalogue=cat)


def squeeze(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


@pytest.fixture(scope="module")
def pkg():
    return guide_package()


@pytest.mark.parametrize("template,expected", examples(), ids=lambda x: squeeze(x)[:40] if "{" in x else "")
def test_each_example_composes_to_its_text(pkg, tmp_path, template, expected):
    assert compose_snippet(pkg, template, tmp_path) == squeeze(expected)


def test_every_name_of_the_api_is_in_the_guide():
    text = GUIDE.read_text(encoding="utf-8")
    names = [*api.FILTERS, *api.GLOBALS, *api.VARIABLES, "m.ruta", "m.innehållsförteckning", "m.sidbrytning"]
    missing = [n for n in names if not re.search(rf"(?<![\w.]){re.escape(n)}(?!\w)", text)]
    assert missing == []


def write_outputs() -> None:
    """Put what each example composes to under it, wrapped at 100 characters."""
    import textwrap

    text = GUIDE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        pkg = guide_package()
        outs = iter([compose_snippet(pkg, t, Path(tmp) / str(i)) for i, (t, _) in enumerate(examples())])

    def block(m: re.Match) -> str:
        wrapped = "\n".join(textwrap.wrap(next(outs), 100, break_long_words=False, break_on_hyphens=False))
        return f"```jinja\n{m.group(1)}```\n\n```text\n{wrapped}\n```"

    GUIDE.write_text(_EXAMPLE.sub(block, text), encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv:
        write_outputs()
    with tempfile.TemporaryDirectory() as tmp:
        p = guide_package()
        for i, (template, _) in enumerate(examples()):
            print(f"---- example {i + 1}\n{compose_snippet(p, template, Path(tmp) / str(i))}\n")
