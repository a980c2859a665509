"""``naravard clean``: remove what naravard wrote into a project, and nothing else.

That is the build cache (``.naravard/cache``), the files the last build
recorded in the output folder (``.naravard-output`` lists them), and staging
folders of builds that no longer run. A file someone added to the output folder
stays, and so does the folder around it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from naravard.cache import CACHE_DIR, PREVIEW_DIR, TAG
from naravard.render.publish import MARKER, files_in, read_record, recover, remove_stale_staging


@dataclass
class Cleaned:
    removed: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # files in the output folder that naravard did not write

    def listed(self) -> list[Path]:
        """What was removed, a folder once rather than each file in it (``_output/figurer``)."""
        removed = set(self.removed)
        return sorted(p for p in removed if not any(a in removed for a in p.parents))

    def summary(self) -> str:
        n = len(self.removed)
        lines = [f"Removed {n} file{'s' if n != 1 else ''} and folder{'s' if n != 1 else ''} naravard had written." if n
                 else "Nothing to remove: naravard has written nothing here."]
        if self.kept:
            lines.append(f"Kept {len(self.kept)} file{'s' if len(self.kept) != 1 else ''} in the output folder that naravard did not write:")
            lines += [f"  {p}" for p in self.kept[:20]]
        return "\n".join(lines)


def clean(root: Path, out_dir: Path) -> Cleaned:
    """Remove the cache under *root*, the preview's page and the recorded outputs in *out_dir*."""
    done = Cleaned()
    preview = root / PREVIEW_DIR
    if preview.is_dir() and read_record(preview) is not None:
        _remove_recorded(preview, done)
    cache = root / CACHE_DIR
    if (cache / TAG).is_file():  # only a folder naravard marked as its cache
        shutil.rmtree(cache)
        done.removed.append(cache)
    if (root / ".naravard").is_dir():
        try:
            (root / ".naravard").rmdir()  # when nothing else is in it
        except OSError:
            pass
    _remove_recorded(out_dir, done)
    return done


def _remove_recorded(out_dir: Path, done: Cleaned) -> None:
    """The files the record in *out_dir* lists, and the folders they leave empty; the rest stays."""
    recover(out_dir)
    done.removed += remove_stale_staging(out_dir)
    record = read_record(out_dir) if out_dir.is_dir() else None
    if record is None:
        if out_dir.is_dir():
            done.kept += [out_dir / f for f in files_in(out_dir)]
        return
    for rel in files_in(out_dir):
        path = out_dir / rel
        if rel in record:
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink()
            if rel != MARKER:
                done.removed.append(path)
        else:
            done.kept.append(path)
    # Folders the build made, now empty, go too (deepest first); a folder with a kept file stays.
    for folder, _dirs, _files in sorted(os.walk(out_dir), key=lambda w: -len(w[0])):
        try:
            Path(folder).rmdir()
            done.removed.append(Path(folder))
        except OSError:
            pass
