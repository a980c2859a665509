"""Alt texts name every region at the lowest and highest printed value (the edition named one of two)."""

from naravard.analysis.quantity import Quantity
from naravard.figures.overview_figures import region_dots_figure
from tests.fixtures.mini import REGIONS


def test_region_dots_alt_text_names_tied_regions_together():
    values = [18.2, 17.9, 55.0] + [40.0] * (len(REGIONS) - 3)
    shares = {r.code: Quantity(v, "procent", 0, f"enkät/35/{r.code}") for r, v in zip(REGIONS, values)}
    spec = region_dots_figure(
        [("Regionernas system", shares, None)],
        key="t", title="Andel med fast läkarkontakt", subtitle="s", source="Källa: x.", regions=REGIONS, unit="procent", decimals=0,
    )
    both = f"{REGIONS[0].short_name} och {REGIONS[1].short_name} (18\u00a0%)"
    assert f"lägst {both}" in spec.alt
    assert f"högst {REGIONS[2].short_name} (55\u00a0%)" in spec.alt


def test_confidence_intervals_print_the_unit_once_after_the_range():
    from naravard.analysis.indicators import indicator_result
    from naravard.figures.indicator_figures import region_figure
    from tests.fixtures.mini import package

    spec = region_figure(indicator_result(package(), "oplanerade_aterinskrivningar"))
    ci = [c for c in spec.table.iloc[:, -1] if c]
    assert ci and all(c.count("\u00a0%") == 1 and c.endswith("\u00a0%") and "\u2013" in c for c in ci), ci
