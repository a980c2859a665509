"""The preview's figure memo (compose/context.py FigureFactory): a figure built again from the same
results and arguments is the build before's spec, copied, and its printed values count again;
anything else that differs (an argument, a result, Markdown against plain text) builds anew."""

from __future__ import annotations

from types import SimpleNamespace

from naravard.compose.context import FigureFactory
from naravard.text.escape import Markdown
from naravard.text.trace import collect, printed


def test_a_figure_from_the_same_results_and_arguments_is_built_once_and_its_values_count_each_build():
    calls = []

    def builder(result, *, title):
        calls.append((result, title))
        printed(SimpleNamespace(key=f"{result.name}-andel"), "42 procent")
        return SimpleNamespace(key=f"fig-{result.name}", title=title, number=None)

    memo: dict = {}
    first, other = SimpleNamespace(name="a"), SimpleNamespace(name="b")

    def build(*args, **kw):
        factory = FigureFactory(None, None, memo)
        with collect() as sink:
            placed = [factory._build(builder, *a, **k) for a, k in zip(args, kw["each"])]
        factory.forget_unused()
        return placed, [p.text for p in sink]

    (one,), shown = build((first,), each=[{"title": "Titel"}])
    assert len(calls) == 1 and shown == ["42 procent"] and one.spec.printed_quantities[0].key == "a-andel"
    one.spec.number = 7  # the build numbers its spec: the memo's copy stays unnumbered

    (again,), shown = build((first,), each=[{"title": "Titel"}])
    assert len(calls) == 1 and shown == ["42 procent"]
    assert again.spec is not one.spec and again.spec.number is None and again.spec.title == "Titel"

    placed, _ = build((first,), (first,), (other,), each=[{"title": "Ny titel"}, {"title": Markdown("Titel")}, {"title": "Titel"}])
    assert len(calls) == 4 and [p.spec.title for p in placed] == ["Ny titel", "Titel", "Titel"]
    assert len(memo) == 3  # the first build's figure was not used in the last: forgotten

    build((first,), each=[{"title": "Ny titel"}])
    assert len(calls) == 4 and len(memo) == 1
