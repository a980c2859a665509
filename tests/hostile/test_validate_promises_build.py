"""``validate`` promises the build: a package it accepts composes without error.

A property test: variants of the sample package (optional parts left out,
the reference year at the edges, long and odd strings in every text field,
a region or a year missing, ties, reversed values, empty values with reasons)
are validated; every variant that validates must compose (templates, figures'
specs and tables: everything but the renderers, which the hostile-string
build and the end-to-end tests cover). A failure is a traceback or a
template error on data that validate passed.

Examples per run: ``NARAVARD_FUZZ_EXAMPLES`` (default 6 in the suite; the
run behind the issue used 60). Derandomised, so CI runs the same variants.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from naravard.compose.composer import compose_report
from naravard.data.package import check_package
from naravard.project import find_project
from tests.conftest import ROOT
from tests.hostile import corpus
from tests.hostile.packages import Package

pytestmark = pytest.mark.e2e

EXAMPLES = int(os.environ.get("NARAVARD_FUZZ_EXAMPLES", "6"))
PROJECT = find_project(ROOT)
SAMPLE = Package.sample()
REGIONS = sorted(set(SAMPLE.tables["survey_regions"]["area"]))
INDICATORS = sorted(set(SAMPLE.tables["indicators"]["indicator"]))

# Text that the report's fonts can show, with markup characters and line breaks,
# and now and then anything at all (validate must then say no, not crash).
PRINTABLE = "abcdefghijklmnopqrstuvwxyzåäöéüÅÄÖ ABCXYZ0123456789 .,;:!?-–—()[]{}<>*_#|$@^~&\"'/\\%=+\nΑλφαБета"
_short = st.text(alphabet=PRINTABLE, min_size=1, max_size=120).filter(str.strip)
texts = st.one_of(
    _short,
    st.sampled_from(corpus.PAYLOADS),
    st.text(alphabet=PRINTABLE, min_size=300, max_size=1500).filter(str.strip),
)
anything = st.text(min_size=1, max_size=30)  # any code point: mostly for validate to refuse
sometimes = st.integers(0, 9).map(lambda n: n < 3)  # a change in three examples of ten
CATALOGUE = __import__("naravard.data.catalogue", fromlist=["read_catalogue"]).read_catalogue(PROJECT.catalogue_dir)[0]
REPORT_TEXT = ("title", "subtitle", "publisher", "article_number", "edition", "assignment",
               "foreword_signature", "foreword_signature_title", "unit_head")


def _edit(pkg: Package, data) -> list[str]:
    """Apply a drawn set of changes to *pkg*; returns what was done, for the failure message."""
    done = []
    draw = data.draw
    for key in REPORT_TEXT:
        if draw(sometimes):
            pkg.report[key] = draw(texts, label=key)
            done.append(f"report.{key}")
    for key in ("project_leads", "contributors", "unit_head"):
        choice = draw(st.sampled_from(["keep", "drop", "odd"]), label=key)
        if choice == "drop":
            pkg.report.pop(key, None)
        elif choice == "odd" and key != "unit_head":
            pkg.report[key] = draw(st.lists(texts, min_size=1, max_size=4), label=key)
        done.append(f"{choice} {key}")
    year = draw(st.sampled_from([2024, 2024, 2024, 2025, 2023]), label="year")
    pkg.report["year"] = year
    pkg.report["published"] = pkg.report["published"].replace(year=year + draw(st.sampled_from([0, 1, 2])))
    done.append(f"year {year}")

    method = draw(st.sampled_from(["keep", "none", "no extra", "no study", "no assignment", "odd texts"]), label="method")
    if method == "none":
        pkg.method = None
    elif method == "no extra":
        pkg.method.pop("extra_question")
    elif method == "no study":
        pkg.method.pop("deepening_study")
    elif method == "no assignment":
        pkg.method.pop("assignment")
    elif method == "odd texts":
        pkg.method["quality_declaration"] = draw(texts)
        pkg.method["extra_question"]["topic"] = draw(texts)
        pkg.method["deepening_study"]["focus"] = draw(texts)
    done.append(f"method {method}")

    ind = pkg.tables["indicators"]
    if draw(sometimes, label="a region without data"):
        # As the docs say a region without data is given: its rows, empty, with a reason.
        code = draw(st.sampled_from(REGIONS))
        rows = ind["level"].eq("region") & ind["area"].eq(code)
        ind.loc[rows, ["value", "ci_lower", "ci_upper", "numerator", "denominator"]] = ""
        ind.loc[rows, "missing"] = draw(texts)
        sr = pkg.tables["survey_regions"]
        if draw(st.booleans()):
            pkg.tables["survey_regions"] = sr.loc[~sr["area"].eq(code)]
        done.append(f"region {code} without data")
    if draw(sometimes, label="a year missing"):
        ident = draw(st.sampled_from(INDICATORS))
        years = sorted(set(ind.loc[ind["indicator"].eq(ident), "year"]), key=int)
        inner = [y for y in years[1:-1] if int(y) != CATALOGUE.indicators[ident].base_year]
        if inner:
            y = draw(st.sampled_from(inner))
            ind = ind.loc[~(ind["indicator"].eq(ident) & ind["year"].eq(y))].copy()
            done.append(f"{ident} {y} dropped")
    if draw(sometimes, label="ties"):
        ident = draw(st.sampled_from(INDICATORS))
        rows = ind["indicator"].eq(ident) & ind["level"].eq("region") & ind["value"].ne("")
        ind.loc[rows, ["value", "ci_lower", "ci_upper", "numerator", "denominator"]] = ["50", "", "", "", ""]
        done.append(f"{ident} all regions tied")
    if draw(sometimes, label="reverse"):
        ident = draw(st.sampled_from(INDICATORS))
        rows = ind["indicator"].eq(ident) & ind["value"].ne("")
        values = ind.loc[rows, "value"].astype(float)
        ind.loc[rows, "value"] = (values.max() + values.min() - values).round(1).map(str).to_numpy()
        ind.loc[rows, ["ci_lower", "ci_upper", "numerator", "denominator"]] = ""
        done.append(f"{ident} reversed")
    if draw(sometimes, label="empty values"):
        ident = draw(st.sampled_from(INDICATORS))
        rows = ind.index[ind["indicator"].eq(ident) & ind["level"].eq("region")]
        chosen = rows[np.arange(len(rows)) % draw(st.integers(2, 5)) == 0]
        ind.loc[chosen, ["value", "ci_lower", "ci_upper", "numerator", "denominator"]] = ""
        ind.loc[chosen, "missing"] = draw(texts)
        done.append(f"{ident} some region values empty")
    if draw(sometimes, label="period"):
        rows = ind["period"].ne("")
        ind.loc[rows, "period"] = draw(texts)
        done.append("period text")
    if draw(sometimes, label="missing reasons"):
        rows = ind["missing"].ne("")
        ind.loc[rows, "missing"] = draw(texts)
        done.append("missing reasons")
    if draw(st.integers(0, 9), label="anything") == 9:
        pkg.report[draw(st.sampled_from(REPORT_TEXT))] = draw(anything)
        done.append("any code points in a report field")
    pkg.tables["indicators"] = ind
    if draw(st.integers(0, 9), label="costs") == 9:
        pkg.tables["costs"] = None
        done.append("no costs.csv")
    return done


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_what_validates_composes(data):
    pkg = SAMPLE.copy()
    done = _edit(pkg, data)
    with tempfile.TemporaryDirectory() as tmp:
        folder = pkg.write(Path(tmp) / "paket")
        result = check_package(folder, PROJECT.catalogue_dir)
        if result.errors:
            event("validate said no")
            return  # validate said no, with file, row and column: that is a fine answer
        event("validated, so composed")
        try:
            compose_report(result.package(), PROJECT, Path(tmp) / "stage")
        except Exception as exc:  # noqa: BLE001 - any failure here is the bug
            pytest.fail(f"validated but did not compose ({'; '.join(done)}): {type(exc).__name__}: {exc}")
