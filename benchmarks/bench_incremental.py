#!/usr/bin/env python
"""Benchmark the build cache: cold, no-change, one sentence, one value, against the engine floor.

    python benchmarks/bench_incremental.py

All in one run, on one fresh copy of the project (templates, catalogue, sample
data) with an empty cache, with the built-in engine and all three formats:

  cold          the first build (nothing cached)
  no change     the same build again
  one sentence  a sentence added to one chapter template (all three formats)
  preview       the HTML alone after another sentence, as `naravard preview` builds it (its
                options and its session: the data package already loaded by its first page)
  one value     one data value changed (the riket 2024 value for women of one indicator)
  engine floor  the same figures drawn by bare matplotlib (one chart per figure from
                its data, SVG + PNG + phone SVG, on two processes) plus the same
                pandoc/Typst commands on the same generated book, the three formats
                at once, without naravard's work around them (composing, finishing,
                values.json, the workbook, publishing)

Each line prints the wall time and its ratio to the cold build (the floor's
ratio is cold / floor). Measures, prints, asserts nothing: the issue's
targets are printed beside the ratios for the reader to compare.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from naravard.pipeline import BuildOptions, Session, run_build  # noqa: E402
from naravard.preview import preview_options  # noqa: E402

TEMPLATE = "templates/chapters/05-tillganglighet.qmd.j2"
VALUE_ROW = "medicinsk_bedomning_3d,2024,,riket,00,kvinnor,87.8,"


def copy_project(target: Path) -> Path:
    shutil.copy(ROOT / "_quarto.yml", target / "_quarto.yml")
    for folder in ("templates", "data"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def build(project: Path, out: Path, formats=("html", "pdf", "docx"), **extra):
    return run_build(BuildOptions(project_dir=project, out_dir=out, formats=formats, engine="builtin", **extra))


def add_sentence(project: Path, sentence: str) -> None:
    path = project / TEMPLATE
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")


# ---- the engine floor -----------------------------------------------------------------------


def bare_figure(args: tuple[Path, Path]) -> None:
    """One chart from a figure's data table, as plain matplotlib draws it: lines or bars, SVG, PNG, narrow SVG."""
    import warnings

    import matplotlib

    warnings.filterwarnings("ignore")  # the bare charts are for timing, not for looking at
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    csv, out = args
    table = pd.read_csv(csv, sep=";", encoding="utf-8-sig", decimal=",", thousands="\u00a0")
    numeric = table.select_dtypes("number")
    for width, suffix in ((6.3, ""), (3.3, "-narrow")):
        fig, ax = plt.subplots(figsize=(width, 3.6), layout="constrained")
        labels = table.iloc[:, 0].astype(str)
        if len(numeric.columns):
            for col in numeric.columns:
                ax.plot(range(len(labels)), numeric[col], marker="o", label=str(col))
        else:
            ax.barh(range(len(labels)), range(len(labels)))
        ax.set_xticks(range(len(labels)), labels, rotation=55, ha="right")
        if len(numeric.columns):
            ax.legend()
        fig.savefig(out / f"{csv.stem}{suffix}.svg", format="svg")
        if not suffix:
            fig.savefig(out / f"{csv.stem}.png", format="png", dpi=200)
        plt.close(fig)


def engine_floor(book: Path, work: Path) -> tuple[float, float]:
    """(figures, engines) seconds: bare matplotlib for the book's figures, then the engines on the book."""
    from naravard.render.builtin import BuiltinEngine

    out = work / "bare-figures"
    out.mkdir()
    csvs = sorted((book / "figures").glob("*.csv"))
    figures, _ = timed(lambda: list(ProcessPoolExecutor(2).map(bare_figure, [(c, out) for c in csvs], chunksize=2)))
    engine = BuiltinEngine()

    def engines():
        engine.prepare(book)
        with ThreadPoolExecutor(3) as pool:
            import datetime as dt

            return list(pool.map(lambda fmt: engine.render_format(book, fmt, "floor", dt.date(2025, 3, 1)), ("html", "docx", "pdf")))

    seconds, _ = timed(engines)
    return figures, seconds


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = copy_project(work)
        rows = []
        cold, _ = timed(lambda: build(project, work / "o1"))
        rows.append(("cold build", cold, None))
        same, result = timed(lambda: build(project, work / "o2"))
        rows.append(("no-change rebuild", same, "≤ 1 s and ≤ 5 %"))
        add_sentence(project, "En mening som benchmarken lägger till.")
        sentence, _ = timed(lambda: build(project, work / "o3"))
        rows.append(("one template sentence, all formats", sentence, "≤ 30 %"))
        session = Session()
        data = project / "data" / "sample-2024"
        try:
            run_build(preview_options(project, data, work / "o4-first"), session=session)  # the preview's first page
            add_sentence(project, "Ännu en mening för förhandsvisningen.")
            html, _ = timed(lambda: run_build(preview_options(project, data, work / "o4"), session=session))
        finally:
            session.close()  # its pandoc process
        rows.append(("one template sentence, HTML (preview)", html, "≤ 2 s"))
        indicators = project / "data" / "sample-2024" / "indicators.csv"
        text = indicators.read_text(encoding="utf-8")
        indicators.write_text(text.replace(VALUE_ROW, VALUE_ROW.replace("87.8", "86.9")), encoding="utf-8")
        value, _ = timed(lambda: build(project, work / "o5"))
        rows.append(("one data value, all formats", value, "≤ 40 %"))

        build(project, work / "o6", keep_sources=work / "book")  # the generated book the floor renders
        figures, engines = engine_floor(work / "book", work)
        floor = figures + engines

        print(f"{'':40} {'seconds':>8} {'of cold':>8}  target")
        for name, seconds, target in rows:
            print(f"{name:40} {seconds:8.2f} {seconds / cold:8.1%}  {target or ''}")
        print(f"{'engine floor (figures + engines)':40} {floor:8.2f} {'':>8}  cold ≤ 1,7 × floor")
        print(f"{'  bare matplotlib, 2 processes':40} {figures:8.2f}")
        print(f"{'  pandoc + Typst, 3 formats at once':40} {engines:8.2f}")
        print(f"cold / floor: {cold / floor:.2f} ×")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory: {own:.0f} MB (build process), {workers:.0f} MB (largest worker or tool); target ≤ 1 GB")
        print(f"figures in the report: {result.figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
