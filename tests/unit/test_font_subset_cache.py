"""The HTML's subset fonts are made once a process and written the same every time."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from naravard.render import fonts


def test_a_second_page_reuses_the_subsets_and_writes_the_same_files(tmp_path):
    fonts._subset.cache_clear()
    first = fonts.write_font_css(tmp_path / "a")
    second = fonts.write_font_css(tmp_path / "b")
    info = fonts._subset.cache_info()
    assert (info.misses, info.hits) == (len(fonts.STYLES), len(fonts.STYLES))
    names = sorted(p.name for p in first.parent.iterdir())
    assert names == sorted(p.name for p in second.parent.iterdir()) and len(names) == len(fonts.STYLES) + 1
    assert all((first.parent / n).read_bytes() == (second.parent / n).read_bytes() for n in names)
    regular = first.parent / "SourceSans3-Regular.subset.woff"
    assert {ord("å"), ord("ä"), ord("ö"), 0x2212} <= set(TTFont(regular).getBestCmap())
