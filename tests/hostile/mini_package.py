"""A small valid package and catalogue cut from the sample, for the broken-package corpus.

Three indicators (a regional core indicator, one measured in periods, a cost
measure), four survey questions, all 21 regions and 290 kommuner: small
enough that validating a variant takes a fraction of a second, complete
enough that every rule of the data stage applies.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd

from tests.conftest import ROOT

CATALOGUE = ROOT / "data" / "catalogue"
SAMPLE = ROOT / "data" / "sample-2024"
INDICATORS = ("oplanerade_aterinskrivningar", "barn_unga_psykisk_ohalsa_3d", "kostnad_primarvard_fasta")
QUESTIONS = ("2", "13", "35", "k.andrat_arbetssatt")


def _keep_blocks(text: str, table: str, key: str, keep: tuple[str, ...]) -> str:
    """The TOML *text* with only the ``[[table]]`` blocks whose *key* is in *keep*."""
    parts = re.split(rf"(?m)^(?=\[\[{re.escape(table)}\]\]\s*$)", text)
    head, blocks = parts[0], parts[1:]
    kept = [b for b in blocks if re.search(rf'(?m)^{key} = "([^"]+)"', b).group(1) in keep]
    return head + "".join(kept)


def write_catalogue(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("regions.csv", "municipalities.csv"):
        shutil.copy(CATALOGUE / name, dest / name)
    text = (CATALOGUE / "indicators.toml").read_text(encoding="utf-8")
    (dest / "indicators.toml").write_text(_keep_blocks(text, "indicator", "id", INDICATORS), encoding="utf-8")
    text = (CATALOGUE / "survey.toml").read_text(encoding="utf-8")
    (dest / "survey.toml").write_text(_keep_blocks(text, "question", "id", QUESTIONS), encoding="utf-8")
    for extra in sorted(CATALOGUE.iterdir()):
        if extra.name not in ("regions.csv", "municipalities.csv", "indicators.toml", "survey.toml") and extra.is_file():
            shutil.copy(extra, dest / extra.name)
    return dest


def write_package(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("report.toml", "method.toml"):
        shutil.copy(SAMPLE / name, dest / name)
    for stem, column, keep in (
        ("indicators", "indicator", INDICATORS),
        ("costs", "indicator", INDICATORS),
        ("survey_regions", "question", QUESTIONS),
        ("survey_municipalities", "question", QUESTIONS),
    ):
        frame = pd.read_csv(SAMPLE / f"{stem}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        frame = frame[frame[column].isin(keep)]
        frame.to_csv(dest / f"{stem}.csv", index=False, encoding="utf-8", lineterminator="\n")
    return dest


def mini(root: Path) -> tuple[Path, Path]:
    """(package, catalogue) folders under *root*."""
    return write_package(root / "paket"), write_catalogue(root / "catalogue")
