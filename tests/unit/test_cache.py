"""The build cache: entries appear whole or not at all, are shared safely, and stay bounded."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

from naravard.cache import TAG, Cache, digest
from naravard.clean import clean
from naravard.render.publish import write_record

KEY = digest("a step")


def _file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_digest_frames_its_parts():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("1") != digest(1) != digest(b"1")
    assert digest({"b": 1, "a": 2}) == digest({"a": 2, "b": 1})


def test_an_entry_round_trips_and_a_missing_one_is_a_miss(tmp_path):
    cache = Cache(tmp_path / "c")
    assert not cache.fetch("figure", KEY, tmp_path / "out")
    cache.store("figure", KEY, [(_file(tmp_path / "x.svg", "<svg/>"), "x.svg"), (_file(tmp_path / "d" / "y", "y"), "sub/y")])
    assert cache.fetch("figure", KEY, tmp_path / "out")
    assert (tmp_path / "out" / "x.svg").read_text() == "<svg/>" and (tmp_path / "out" / "sub" / "y").read_text() == "y"
    assert (cache.hits, cache.misses) == (1, 1)
    assert (tmp_path / "c" / TAG).is_file()


def test_no_cache_holds_nothing(tmp_path):
    cache = Cache(None)
    cache.store("figure", KEY, [(_file(tmp_path / "x", "x"), "x")])
    assert not cache.fetch("figure", KEY, tmp_path / "out") and not cache.enabled


def test_a_half_written_entry_of_a_killed_writer_is_never_read_and_is_removed(tmp_path):
    cache = Cache(tmp_path / "c")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    half = _file(tmp_path / "c" / "tmp" / f"{dead.stdout.strip()}-abc" / "x.svg", "<sv")
    assert not cache.fetch("figure", KEY, tmp_path / "out")
    cache.tidy()
    assert not half.parent.exists()


def test_two_writers_of_one_entry_leave_one_whole_entry(tmp_path):
    cache = Cache(tmp_path / "c")
    files = [(_file(tmp_path / f"f{i}", str(i) * 1000), f"f{i}") for i in range(20)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: Cache(tmp_path / "c").store("format", KEY, files), range(8)))
    assert cache.fetch("format", KEY, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(n for _, n in files)
    assert not any((tmp_path / "c" / "tmp").iterdir())


def test_the_cache_is_bounded_and_evicts_what_was_used_least_recently(tmp_path):
    cache = Cache(tmp_path / "c", max_bytes=2500)
    keys = [digest(i) for i in range(4)]
    for i, key in enumerate(keys):
        cache.store("figure", key, [(_file(tmp_path / f"f{i}", "x" * 1000), "f")])
        entry = tmp_path / "c" / "figure" / key[:2] / key
        os.utime(entry, (1000 + i, 1000 + i))
    assert cache.fetch("figure", keys[0], tmp_path / "o0")  # used now: kept
    assert cache.tidy() <= 2500
    kept = [k for k in keys if (tmp_path / "c" / "figure" / k[:2] / k).is_dir()]
    assert kept == [keys[0], keys[3]]


def test_a_figure_is_redrawn_when_what_it_draws_changes_and_not_for_its_caption():
    import dataclasses

    from naravard.figures.draw import figure_key
    from naravard.figures.spec import FigureSpec

    data = pd.DataFrame({"year": [2023, 2024], "value": [1.5, 2.0], "series": ["Riket", "Riket"], "label": ["2023", "2024"]})
    spec = FigureSpec("f-trend", "trend", "Titel", "Andel.", "Källa: x", "Alt.", data, data.astype(str), {"unit": "procent"})
    key = figure_key(spec)
    assert figure_key(dataclasses.replace(spec, title="Annan titel", alt="Annan alt")) == key
    changed = data.copy()
    changed.loc[1, "value"] = 2.1
    assert figure_key(dataclasses.replace(spec, data=changed)) != key
    assert figure_key(dataclasses.replace(spec, options={"unit": "antal"})) != key


def test_clean_removes_the_cache_and_recorded_outputs_and_keeps_anything_else(tmp_path):
    project = tmp_path / "p"
    cache = Cache(project / ".naravard" / "cache")
    cache.store("figure", KEY, [(_file(tmp_path / "x", "x"), "x")])
    out = project / "_output"
    _file(out / "rapport.html", "<html>")
    _file(out / "figurer" / "a.svg", "<svg/>")
    write_record(out)
    mine = _file(out / "anteckningar.txt", "mine")
    _file(project / ".naravard" / "notes.txt", "someone's")
    done = clean(project, out)
    assert not (project / ".naravard" / "cache").exists() and (project / ".naravard" / "notes.txt").is_file()
    assert sorted(p.name for p in out.rglob("*")) == ["anteckningar.txt"] and mine.read_text() == "mine"
    assert done.kept == [mine]
    assert out / "figurer" in done.listed() and out not in done.listed()


def test_clean_leaves_a_folder_without_the_cache_tag_alone(tmp_path):
    folder = _file(tmp_path / ".naravard" / "cache" / "data.bin", "not ours")
    clean(tmp_path, tmp_path / "_output")
    assert folder.is_file()


def test_the_commands_exist_and_clean_prints_what_it_removed(tmp_path):
    from click.testing import CliRunner

    from naravard.cli import main

    project = tmp_path / "p"
    _file(project / "_quarto.yml", "book: {}\n")
    (project / "templates").mkdir()
    Cache(project / ".naravard" / "cache").store("figure", KEY, [(_file(tmp_path / "x", "x"), "x")])
    _file(project / "_output" / "figurer" / "a.svg", "<svg/>")
    write_record(project / "_output")
    result = CliRunner().invoke(main, ["clean", "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(project / ".naravard" / "cache"), str(project / "_output")]
    assert sorted(p.name for p in project.iterdir()) == ["_quarto.yml", "templates"]
    assert "--no-cache" in CliRunner().invoke(main, ["build", "--help"]).output
    shown = CliRunner().invoke(main, ["preview", "--help"]).output
    assert "--port" in shown and "--open" in shown and "--data" in shown
