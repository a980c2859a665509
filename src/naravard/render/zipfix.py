"""Byte-identical zip containers (DOCX): fixed timestamps and attributes."""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXED = (1980, 1, 1, 0, 0, 0)


def normalise_zip(path: Path) -> None:
    """Rewrite *path* with every entry's date fixed, keeping the entry order."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    tmp.replace(path)
