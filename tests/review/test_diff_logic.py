"""The diff logic on small hand-made manifests: values, text, figures, structure, flips."""

from __future__ import annotations

from naravard.review.diff import align_paragraphs, diff_manifests, word_diff, wording_changes
from naravard.review.diff_render import html_report, summary
from naravard.review.manifest import read_chapter


def value(key, v, text, kind="text", origin="data", locations=None, unit="procent", decimals=0):
    return {
        "id": f"{key}@{kind}",
        "key": key,
        "kind": kind,
        "origin": origin,
        "text": text,
        "value": v,
        "unit": unit,
        "decimals": decimals,
        "label": key,
        "dims": {},
        "sources": [{"file": "indicators.csv", "row": 10}],
        "synthetic": False,
        "locations": locations or [{"chapter": "04-x", "chapter_title": "X", "kind": "paragraph", "heading": "", "paragraph": 2, "sentence": text}],
    }


def para(n, text, keys=(), kind="paragraph", heading=""):
    return {"n": n, "kind": kind, "heading": heading, "text": text, "marks": [{"text": text, "keys": list(keys)}] if keys else []}


def figure(key, number, title="T", data="a", svg="s", alt="alt", values=()):
    return {"number": number, "key": key, "title": title, "subtitle": "", "chapter": "04-x", "alt": alt, "data_sha": data, "svg_sha": svg, "values": list(values)}


def manifest():
    return {
        "format": 1,
        "values": [
            value("a/2024", 88, "88 procent"),
            value("a/2024", 88, "88 %", kind="figure"),
            value("a/differens", 7, "7 procentenheter", origin="derived"),
            value("b/2024", 50, "50 procent"),
        ],
        "chapters": [
            {
                "file": "04-x",
                "title": "X",
                "paragraphs": [
                    para(1, "X", kind="heading"),
                    para(2, "Andelen ökade från 81 till 88 procent.", ["a/2024"]),
                    para(3, "Oförändrad text utan värden."),
                    para(4, "Hälften, 50 procent, svarade ja.", ["b/2024"]),
                ],
            }
        ],
        "figures": [figure("a-trend", 1, values=["a/2024@figure"]), figure("b-bars", 2)],
        "tables": [],
    }


def test_identical_manifests():
    d = diff_manifests(manifest(), manifest())
    assert d.identical
    assert d.identical_values == 4
    assert "No differences" in summary(d)


def test_changed_new_removed_values():
    old, new = manifest(), manifest()
    new["values"][0].update(value=87, text="87 procent")
    new["values"][1].update(value=87, text="87 %")
    new["values"].pop(3)  # b removed
    new["values"].append(value("c/2024", 3, "3 procent"))
    d = diff_manifests(old, new)
    by_status = {v.id: v.status for v in d.values}
    assert by_status == {"a/2024@text": "changed", "a/2024@figure": "changed", "b/2024@text": "removed", "c/2024@text": "new"}
    changed = next(v for v in d.values if v.id == "a/2024@text")
    assert (changed.old_text, changed.new_text, changed.delta) == ("88 procent", "87 procent", -1)
    assert changed.delta_text == "\u22121\u00a0procentenhet"  # singular, from the one formatting module
    assert d.count("changed", "data") == 1 and d.count("changed", "derived") == 0
    assert d.identical_values == 1
    assert not d.identical


def test_sign_change_is_a_flip_and_listed_first():
    old, new = manifest(), manifest()
    new["values"][2].update(value=-2, text="2 procentenheter")
    d = diff_manifests(old, new)
    assert [f.what for f in d.flips] == ["value"]
    assert d.flips[0].where == "a/differens"
    text = summary(d)
    assert text.index("STATEMENTS THAT FLIP") < text.index("Values:\n")


def test_word_diff_of_a_changed_number():
    ops = word_diff("ökade från 81 till 88 procent", "ökade från 81 till 87 procent")
    assert ops == [("=", "ökade från 81 till "), ("-", "88"), ("+", "87"), ("=", " procent")]
    assert wording_changes(ops) == []  # numbers only: not a flip


def test_decimal_numbers_are_one_word():
    ops = word_diff("till 8,9 procent", "till 8,8 procent")
    assert ("-", "8,9") in ops and ("+", "8,8") in ops


def test_changed_wording_flips_a_statement():
    old, new = manifest(), manifest()
    new["chapters"][0]["paragraphs"][1]["text"] = "Andelen minskade från 81 till 78 procent."
    d = diff_manifests(old, new)
    [t] = d.text
    assert t.status == "changed" and t.flipped
    assert t.wording == ["ökade → minskade"]
    assert ("-", "88") in t.ops and ("+", "78") in t.ops
    assert [f.what for f in d.flips] == ["text"]


def test_region_no_longer_lowest_is_a_flip():
    ops = word_diff("Lägst är värdet i Örebro län (5,8 procent).", "Lägst är värdet i Kalmar län (5,7 procent).")
    assert wording_changes(ops) == ["Örebro → Kalmar"]


def test_paragraph_added_and_removed_are_aligned():
    old = [para(1, "Ett."), para(2, "Två 2."), para(3, "Tre.")]
    new = [para(1, "Ett."), para(2, "Nytt stycke om något helt annat."), para(3, "Två 3."), para(4, "Tre.")]
    pairs = [(o and o["n"], n and n["n"]) for o, n in align_paragraphs(old, new)]
    assert pairs == [(1, 1), (None, 2), (2, 3), (3, 4)]


def test_renumbered_added_removed_figures():
    old, new = manifest(), manifest()
    new["figures"] = [figure("new-fig", 1), figure("a-trend", 2, values=["a/2024@figure"])]  # b-bars removed
    d = diff_manifests(old, new)
    changes = {(s.what, s.key, s.change) for s in d.structure}
    assert changes == {("figure", "new-fig", "added"), ("figure", "a-trend", "renumbered"), ("figure", "b-bars", "removed")}
    assert {(f.key, f.status) for f in d.figures} == {("new-fig", "new"), ("b-bars", "removed")}


def test_changed_figure_names_its_changed_values():
    old, new = manifest(), manifest()
    new["values"][1].update(value=87, text="87 %")
    new["figures"][0].update(data_sha="b", svg_sha="t", alt="alt 87")
    d = diff_manifests(old, new)
    [f] = d.figures
    assert f.key == "a-trend" and f.changes == ["data", "image", "alt"]
    assert f.values == ["a/2024@figure"]


def test_chapters_added_and_removed():
    old, new = manifest(), manifest()
    new["chapters"][0]["file"] = "05-y"
    d = diff_manifests(old, new)
    assert {(s.key, s.change) for s in d.structure} == {("05-y", "added"), ("04-x", "removed")}


def test_html_report_is_self_contained(tmp_path):
    old, new = manifest(), manifest()
    new["values"][0].update(value=87, text="87 procent")
    new["chapters"][0]["paragraphs"][1]["text"] = "Andelen ökade från 81 till 87 procent."
    html = html_report(diff_manifests(old, new, "v1", "v2"), tmp_path, tmp_path)
    assert "<del>88</del><ins>87</ins>" in html
    assert "http://" not in html and "https://" not in html and "<link" not in html


def test_chapter_reader_plain_text_marks_boxes_and_figures():
    markdown = """# Kapitel

Inledning med [88 procent]{.nv-value key="a/2024"} och *betoning*.

::: {.nv-box .nv-box-results custom-style="Faktaruta"}
- Punkt med [7 av 21 regioner]{.nv-value key="n t"}.
:::

## Rubrik

::: {#figur-1 .nv-figure}
::: {.nv-figure-title}
**Figur 1.** Titel
:::
![](x.svg){fig-alt="alt"}

::: {.nv-figure-data .content-visible when-format="html"}
| A | B |
|---|---|
| 1 | 2 |
:::
:::

Text under rubriken.^[En not.]
"""
    r = read_chapter("report/04-x.qmd", markdown)
    assert r.title == "Kapitel"
    assert r.figures == ["figur-1"]
    got = [(p["kind"], p["heading"], p["text"]) for p in r.paragraphs]
    assert got == [
        ("heading", "", "Kapitel"),
        ("paragraph", "", "Inledning med 88 procent och betoning."),
        ("box", "", "Punkt med 7 av 21 regioner."),
        ("heading", "", "Rubrik"),
        ("note", "Rubrik", "En not."),
        ("paragraph", "Rubrik", "Text under rubriken."),
    ]
    assert r.paragraphs[1]["marks"] == [{"text": "88 procent", "keys": ["a/2024"]}]
    assert r.paragraphs[2]["marks"] == [{"text": "7 av 21 regioner", "keys": ["n", "t"]}]


def test_a_changed_survey_answer_reads_as_answers_and_is_flagged():
    old = manifest()
    old["values"].append(value("enkät/region/5/-/2024/04", 0, "Nej", kind="table", unit="antal"))
    new = manifest()
    new["values"].append(value("enkät/region/5/-/2024/04", 1, "Ja", kind="table", unit="antal"))
    d = diff_manifests(old, new, "v1", "v2")
    (change,) = [v for v in d.values if v.key.startswith("enkät")]
    assert (change.old_text, change.new_text, change.delta_text) == ("Nej", "Ja", "nytt svar")
    assert any(f.what == "value" and "answer changed" in f.description for f in d.flips)
    assert "answer changed (Nej -> Ja)" in summary(d)
