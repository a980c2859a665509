"""Moving a finished build into place, all or nothing, and never over a file naravard did not write.

A build is made in a staging folder beside the output folder. Only when every
step has succeeded is the output folder swapped for the new one (two renames
on the same file system), so a failed build leaves the previous outputs as
they were, and a reader never sees half a report.

The output folder keeps a record (``.naravard-output``) of the files the build
wrote. The next build replaces the folder only when it holds nothing else: a
file a user added there, or a data package kept there, makes the build stop
with the list, before any work. A build that was killed is cleaned up by the
next one: an interrupted swap is completed or undone (the previous folder is
restored when the output folder is missing), and staging folders of builds
that no longer run are removed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from naravard.errors import NaravardError

MARKER = ".naravard-output"  # the record: which files the last build wrote here
RECORD_VERSION = 1
STAGING_PREFIX = ".naravard-staging-"
MAX_LISTED = 20
# Before records existed the marker was plain text; these are the files such a build wrote.
_LEGACY_OUTPUTS = re.compile(r"[^/]+\.(html|pdf|docx)|values\.json|figurer(/.*)?")
FIGURES_OUT = "figurer"  # the figures beside the report in the output folder


class OutputFolderError(NaravardError):
    exit_code = 2  # a folder that may not be used: the user chooses another


# ---- the record ---------------------------------------------------------------------------


def files_in(folder: Path) -> list[str]:
    """Every file, link and empty folder under *folder*, as sorted relative paths."""
    out = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        rel = Path(root).relative_to(folder)
        for name in files:
            out.append((rel / name).as_posix())
        for name in dirs:
            path = Path(root) / name
            if path.is_symlink() or not any(path.iterdir()):
                out.append((rel / name).as_posix())
    return sorted(out)


def write_record(folder: Path) -> None:
    """Record the files in *folder* (the staged output) as naravard's."""
    files = [f for f in files_in(folder) if f != MARKER]
    record = {"naravard": RECORD_VERSION, "note": "Made by `naravard build`; replaced by the next build.", "files": files}
    (folder / MARKER).write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_record(folder: Path) -> set[str] | None:
    """The files the last build wrote into *folder*; None when naravard did not make it."""
    marker = folder / MARKER
    if not marker.is_file():
        return None
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
        return {str(f) for f in record["files"]} | {MARKER}
    except (ValueError, KeyError, TypeError, OSError):
        # A marker from before records: the outputs such a build made are naravard's.
        return {f for f in files_in(folder) if _LEGACY_OUTPUTS.fullmatch(f)} | {MARKER}


def foreign_files(folder: Path) -> list[str]:
    """Files in *folder* that no build wrote (all of them when it has no record)."""
    if not folder.is_dir():
        return []
    present = files_in(folder)
    record = read_record(folder)
    if record is None:
        return present
    return [f for f in present if f not in record]


# ---- before a build -------------------------------------------------------------------------


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def _read_only(path: Path) -> bool:
    """No write bits, or no write access: what the user means by a read-only folder (also for root)."""
    return not os.access(path, os.W_OK) or not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def _listing(files: list[str]) -> str:
    shown = "\n".join(f"  {f}" for f in files[:MAX_LISTED])
    more = f"\n  … and {len(files) - MAX_LISTED} more" if len(files) > MAX_LISTED else ""
    return shown + more


def check_replaceable(out_dir: Path, protected: Iterable[tuple[str, Path]] = (), option: str = "--out") -> None:
    """Refuse, before any work, an output folder whose replacement could lose something.

    *protected*: (what, folder) pairs that must never be inside the output folder
    (the data package, the project). *option*: the command-line option that
    names the folder (``--out``, ``--keep-sources``), for the messages.
    """
    for what, folder in protected:
        if _inside(folder, out_dir):
            raise OutputFolderError(
                f"The {what} {folder} is inside the output folder {out_dir}; a build replaces that folder. "
                f"Choose another folder with {option}."
            )
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputFolderError(f"{out_dir} is a file, not a folder. Choose a folder with {option}.")
    parent = _existing_parent(out_dir)
    if _read_only(parent) and parent != out_dir:
        raise OutputFolderError(f"Cannot write in {parent}: the folder is read-only. Choose another folder with {option}.")
    if not out_dir.is_dir():
        return
    if _read_only(out_dir):
        raise OutputFolderError(
            f"{out_dir} is read-only; the build leaves it as it is. Make it writable or choose another folder with {option}."
        )
    if read_record(out_dir) is None and any(out_dir.iterdir()):
        raise OutputFolderError(
            f"{out_dir} exists and is not a naravard output folder (it has no {MARKER} record), and a build "
            f"replaces the whole folder. Choose an empty or new folder with {option}, or move these files away:\n"
            + _listing(files_in(out_dir))
        )
    foreign = foreign_files(out_dir)
    if foreign:
        raise OutputFolderError(
            f"{out_dir} holds {len(foreign)} file{'s' if len(foreign) != 1 else ''} that naravard did not write, "
            f"and a build replaces the whole folder. Move them elsewhere (or choose another folder with {option}):\n"
            + _listing(foreign)
        )


def _existing_parent(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path("/")


def prepare(out_dir: Path, protected: Iterable[tuple[str, Path]] = (), option: str = "--out") -> None:
    """Clean up after killed builds, then check the output folder (see :func:`check_replaceable`)."""
    recover(out_dir)
    remove_stale_staging(out_dir)
    check_replaceable(out_dir, protected, option)


# ---- killed builds --------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _backups(target: Path) -> Iterator[tuple[Path, int]]:
    pattern = re.compile(rf"\.{re.escape(target.name)}\.previous-(\d+)")
    if target.parent.is_dir():
        for path in sorted(target.parent.iterdir()):
            m = pattern.fullmatch(path.name)
            if m and path.is_dir():
                yield path, int(m.group(1))


def recover(target: Path) -> None:
    """Finish what a killed publish of *target* left: restore the previous folder
    when *target* is missing, else remove the previous one (the swap had succeeded);
    remove half-assembled folders of builds that no longer run."""
    for backup, pid in _backups(target):
        if _alive(pid):
            continue  # a build that is publishing right now
        if not target.exists():
            os.replace(backup, target)
        elif (backup / MARKER).is_file():
            shutil.rmtree(backup, ignore_errors=True)
    assembling = re.compile(rf"\.{re.escape(target.name)}\.new-(\d+)-[A-Za-z0-9_]+")
    if target.parent.is_dir():
        for path in sorted(target.parent.iterdir()):
            m = assembling.fullmatch(path.name)
            if m and path.is_dir() and not _alive(int(m.group(1))):
                shutil.rmtree(path, ignore_errors=True)


def _staging_pattern(out_dir: Path) -> re.Pattern:
    return re.compile(rf"{re.escape(STAGING_PREFIX + out_dir.name)}-(\d+)-[A-Za-z0-9_]+")


def remove_stale_staging(out_dir: Path) -> list[Path]:
    """Remove staging folders for *out_dir* whose build no longer runs; returns them."""
    removed = []
    pattern = _staging_pattern(out_dir)
    if not out_dir.parent.is_dir():
        return removed
    for path in sorted(out_dir.parent.iterdir()):
        m = pattern.fullmatch(path.name)
        if m and path.is_dir() and not _alive(int(m.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def staging_dir(out_dir: Path) -> Path:
    """A new staging folder beside *out_dir*, named for it and this process."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{out_dir.name}-{os.getpid()}-", dir=out_dir.parent))


# ---- publishing -------------------------------------------------------------------------------


def replace_dir(new: Path, target: Path) -> None:
    """Put *new* where *target* is, keeping the old one until the new one is in place."""
    backup = None
    if target.exists():
        backup = target.with_name(f".{target.name}.previous-{os.getpid()}")
        if backup.exists():
            shutil.rmtree(backup)
        os.replace(target, backup)
    try:
        os.replace(new, target)
    except BaseException:
        if backup is not None and not target.exists():
            os.replace(backup, target)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


def publish_output(staged_output: Path, out_dir: Path, option: str = "--out") -> None:
    """Swap the staged output in for *out_dir*, with the record of what it holds.

    Checked again right before the swap: a file added to the output folder
    while the build ran is not lost either.
    """
    write_record(staged_output)
    check_replaceable(out_dir, option=option)
    try:
        replace_dir(staged_output, out_dir)
    except OSError as exc:
        raise OutputFolderError(f"Could not put the finished build in {out_dir}: {exc.strerror or exc}") from exc
