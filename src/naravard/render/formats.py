"""Rendering the formats: each format's engine and finishing at once, each result cached.

HTML, DOCX and the PDF's Typst compile do not depend on each other: they read
the generated book and write files of their own, so they run in threads (the
engines are subprocesses or native code that work outside Python's lock), as
far as the engine allows (``engine.concurrent``). A format's finished file is
kept in the build cache under a hash of the whole book (chapters, figures,
filters, templates, fonts), the engine's version, naravard's rendering code
and the finishing's inputs; an unchanged format is copied, not rendered.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from naravard.cache import Cache, code_version, digest, tree_digest

ENGINE_LABEL = {"html": "pandoc", "docx": "pandoc", "pdf": "pandoc + Typst"}


def format_key(engine, versions: list[str], book_digest: str, fmt: str, stem: str, settings) -> str:
    return digest(
        "format", fmt, engine.name, versions, book_digest, stem, code_version("render", "compose", "fonts"),
        [settings.title, settings.subtitle, settings.publisher, settings.published.isoformat()],
    )


def finish(fmt: str, path: Path, settings) -> None:
    """What naravard does to an engine's file: PDF tags and links, DOCX properties and layout."""
    from naravard.render.docx_post import finish_docx
    from naravard.render.pdf_post import finish_pdf

    if fmt == "pdf":
        finish_pdf(path)
    elif fmt == "docx":
        finish_docx(path, title=settings.title, subject=settings.subtitle, author=settings.publisher, published=settings.published)


def render_formats(
    engine,
    book_dir: Path,
    formats: tuple[str, ...],
    stem: str,
    settings,
    staged_out: Path,
    *,
    cache: Cache,
    progress=None,
    beside: dict[str, Callable[[], object]] | None = None,
) -> tuple[dict[str, Path], dict[str, object]]:
    """Render and finish *formats* of the book in *book_dir* into *staged_out*; the results by
    format (a file, or the HTML folder's index.html for Quarto) and the results of *beside*:
    other jobs (the values manifest, the workbook) that run in the same pool meanwhile."""
    staged_out.mkdir(parents=True, exist_ok=True)
    keys: dict[str, str] = {}
    if cache.enabled:
        versions = engine.versions()
        book_digest = tree_digest(book_dir, ignore=("__pycache__", "_output", ".quarto"))
        keys = {fmt: format_key(engine, versions, book_digest, fmt, stem, settings) for fmt in formats}
    outputs: dict[str, Path] = {}
    todo = []
    for fmt in formats:
        if keys and cache.fetch("format", keys[fmt], staged_out):
            outputs[fmt] = _result(staged_out, stem, fmt)
        else:
            todo.append(fmt)
    if progress:
        done = f"; {', '.join(f.upper() for f in formats if f not in todo)} unchanged" if len(todo) < len(formats) else ""
        what = ", ".join(f"{f.upper()} ({ENGINE_LABEL[f]})" for f in todo) or "nothing"
        progress.stage(f"Rendering {what}{done}")
    if todo:
        engine.prepare(book_dir)

    def one(fmt: str) -> Path:
        start = time.perf_counter()
        path = engine.render_format(book_dir, fmt, stem, settings.published)
        finish(fmt, path, settings)
        target = staged_out / path.name
        shutil.move(str(path), target)
        if keys:
            cache.store("format", keys[fmt], [(target, target.name)])
        if progress:
            progress.timings[f"render {fmt}"] = time.perf_counter() - start
        return _result(staged_out, stem, fmt)

    beside = beside or {}
    workers = (len(todo) if engine.concurrent else 1) + len(beside)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        # Quarto's renders share the book: they go one after another through one worker.
        if engine.concurrent:
            futures = {fmt: pool.submit(one, fmt) for fmt in todo}
        else:
            serial = pool.submit(lambda: {fmt: one(fmt) for fmt in todo})
        others = {name: pool.submit(job) for name, job in beside.items()}
        if engine.concurrent:
            outputs.update({fmt: f.result() for fmt, f in futures.items()})
        else:
            outputs.update(serial.result())
        extra = {name: f.result() for name, f in others.items()}
    return {fmt: outputs[fmt] for fmt in formats}, extra


def _result(staged_out: Path, stem: str, fmt: str) -> Path:
    path = staged_out / (stem if fmt == "html" and (staged_out / stem).is_dir() else f"{stem}.{fmt}")
    return path / "index.html" if path.is_dir() else path
