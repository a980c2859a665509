"""Moving a finished build into place, all or nothing.

A build is made in a staging folder beside the output folder. Only when every
step has succeeded is the output folder swapped for the new one (two renames
on the same file system), so a failed build leaves the previous outputs as
they were, and a reader never sees half a report.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from naravard.errors import NaravardError

MARKER = ".naravard-output"  # marks a folder naravard may replace
FIGURES_OUT = "figurer"  # the figures beside the report in the output folder


class OutputFolderError(NaravardError):
    pass


def staging_dir(out_dir: Path) -> Path:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".naravard-staging-", dir=out_dir.parent))


def check_replaceable(out_dir: Path) -> None:
    """Refuse to replace a folder that naravard did not make (a typo in --out must not delete files)."""
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise OutputFolderError(
            f"{out_dir} exists and is not a naravard output folder (it has no {MARKER} file). "
            "Choose an empty or new folder with --out, or remove it first."
        )


def replace_dir(new: Path, target: Path) -> None:
    """Put *new* where *target* is, keeping the old one until the new one is in place."""
    backup = None
    if target.exists():
        backup = target.with_name(f".{target.name}.previous-{os.getpid()}")
        if backup.exists():
            shutil.rmtree(backup)
        os.replace(target, backup)
    try:
        try:
            os.replace(new, target)
        except OSError:  # another file system: copy, then the old one goes
            shutil.copytree(new, target)
    except BaseException:
        if backup is not None and not target.exists():
            os.replace(backup, target)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


def publish_output(staged_output: Path, out_dir: Path) -> None:
    (staged_output / MARKER).write_text("Made by `naravard build`; replaced by the next build.\n", encoding="utf-8")
    replace_dir(staged_output, out_dir)
