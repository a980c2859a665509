"""The build cache: a step's results kept under a hash of everything the step depends on.

A step (a figure drawn, a format rendered and finished, a whole build) whose
key is unchanged is not redone; its files are copied from the cache. The cache
lives in the project, ``.naravard/cache/`` (ignored by git; ``naravard clean``
removes it), one folder per entry::

    .naravard/cache/
      CACHEDIR.TAG            marks the folder as a cache (backup tools skip it)
      figure/ab/ab12…/        the entry's files, exactly as the step wrote them
      format/…  build/…  workbook/…  ast/…
      tmp/                    entries being written, one folder per writer

Why it is safe:

* an entry is written into ``tmp/`` and renamed into place in one step, so a
  build killed half-way never leaves a half entry where a reader looks;
* two builds writing the same entry both rename; the second finds the first's
  in place and drops its own (the contents are the same: same key);
* eviction renames an entry into ``tmp/`` before deleting it, and a reader that
  loses an entry while copying it treats it as a miss and redoes the step;
* the cache is bounded (:data:`DEFAULT_MAX_BYTES`, or ``NARAVARD_CACHE_MB``):
  after each build the entries used least recently go first.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

CACHE_DIR = Path(".naravard") / "cache"
PREVIEW_DIR = Path(".naravard") / "preview"  # naravard preview's HTML (an output folder with its record)
DEFAULT_MAX_BYTES = 400 * 2**20  # about ten builds of the sample report
TAG = "CACHEDIR.TAG"
TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# naravard's build cache; `naravard clean` removes it.\n"
_TMP = "tmp"
_KEY = re.compile(r"[0-9a-f]{64}")


def digest(*parts) -> str:
    """A key from strings, bytes and JSON-able values, in order (each part framed by its length)."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, str):
            data = b"s" + part.encode("utf-8")
        elif isinstance(part, bytes):
            data = b"b" + part
        else:
            data = b"j" + json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def tree_digest(folder: Path, ignore: Iterable[str] = ("__pycache__",)) -> str:
    """A key for every file under *folder*: relative paths and contents, in sorted order."""
    skip = set(ignore)
    h = hashlib.sha256()
    if not folder.exists():
        return digest("missing", str(folder))
    if folder.is_file():
        return digest(folder.read_bytes())
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        for name in sorted(files):
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            h.update(digest(rel, path.read_bytes()).encode())
    return h.hexdigest()


@lru_cache(maxsize=None)
def code_version(*packages: str) -> str:
    """The version of naravard's own code in *packages* (``figures``, ``render`` …): a hash of
    their files, so an edited drawing routine or filter is a new version without a release."""
    root = Path(__file__).resolve().parent
    return digest(*(tree_digest(root / p if p else root, ignore=("__pycache__", "project_files")) for p in packages))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Cache:
    """The build cache in *root*; ``Cache(None)`` is a cache that holds nothing (``--no-cache``)."""

    def __init__(self, root: Path | None, max_bytes: int | None = None):
        self.root = root
        env = os.environ.get("NARAVARD_CACHE_MB")
        self.max_bytes = max_bytes if max_bytes is not None else (int(env) * 2**20 if env else DEFAULT_MAX_BYTES)
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def _entry(self, kind: str, key: str) -> Path:
        assert self.root is not None and _KEY.fullmatch(key), key
        return self.root / kind / key[:2] / key

    def _tmp(self) -> Path:
        assert self.root is not None
        tmp = self.root / _TMP
        tmp.mkdir(parents=True, exist_ok=True)
        tag = self.root / TAG
        if not tag.exists():
            tag.write_text(TAG_TEXT, encoding="utf-8")
        return Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=tmp))

    def fetch(self, kind: str, key: str, target: Path) -> bool:
        """Copy the entry's files into *target* (a folder, created); False when there is none."""
        if not self.enabled:
            return False
        entry = self._entry(kind, key)
        if not entry.is_dir():
            self.misses += 1
            return False
        try:
            shutil.copytree(entry, target, dirs_exist_ok=True)
            os.utime(entry)  # used now: evicted last
        except OSError:  # evicted while we copied: a miss, the step is redone
            self.misses += 1
            return False
        self.hits += 1
        return True

    def store(self, kind: str, key: str, files: Iterable[tuple[Path, str]]) -> None:
        """Keep *files* (path, name in the entry) as the entry *key*; the entry appears whole or not at all."""
        if not self.enabled:
            return
        entry = self._entry(kind, key)
        if entry.is_dir():
            return
        tmp = self._tmp()
        try:
            for path, name in files:
                dst = tmp / name
                dst.parent.mkdir(parents=True, exist_ok=True)
                if path.is_dir():
                    shutil.copytree(path, dst)
                else:
                    shutil.copyfile(path, dst)
            entry.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.rename(tmp, entry)  # atomic; fails when another build put the same entry first
            except OSError:
                if not entry.is_dir():
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    # ---- upkeep -------------------------------------------------------------------------

    def entries(self) -> list[tuple[float, int, Path]]:
        """(last used, bytes, folder) of every entry."""
        out = []
        if not self.enabled or not self.root.is_dir():
            return out
        for kind in sorted(p for p in self.root.iterdir() if p.is_dir() and p.name != _TMP):
            for entry in kind.glob("??/*"):
                if not _KEY.fullmatch(entry.name):
                    continue
                try:
                    size = sum(f.stat().st_size for f in entry.rglob("*") if f.is_file())
                    out.append((entry.stat().st_mtime, size, entry))
                except OSError:
                    continue  # evicted by another build meanwhile
        return out

    def tidy(self) -> int:
        """Remove what killed builds left in ``tmp/`` and evict the least recently used entries
        beyond the bound; returns the bytes the entries hold afterwards."""
        if not self.enabled or not self.root.is_dir():
            return 0
        tmp = self.root / _TMP
        if tmp.is_dir():
            for folder in tmp.iterdir():
                pid = folder.name.split("-", 1)[0]
                if not pid.isdigit() or (int(pid) != os.getpid() and not _alive(int(pid))):
                    shutil.rmtree(folder, ignore_errors=True)
        entries = sorted(self.entries(), key=lambda e: (e[0], str(e[2])))
        total = sum(size for _, size, _ in entries)
        for _, size, entry in entries:
            if total <= self.max_bytes:
                break
            doomed = tmp / f"{os.getpid()}-evict-{entry.name}-{time.monotonic_ns()}"
            try:
                tmp.mkdir(exist_ok=True)
                os.rename(entry, doomed)  # readers see it gone at once, never half deleted
            except OSError:
                continue
            shutil.rmtree(doomed, ignore_errors=True)
            total -= size
        return total


def project_cache(root: Path) -> Path:
    """Where a project's build cache lives."""
    return root / CACHE_DIR
