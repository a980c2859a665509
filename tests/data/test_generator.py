"""The committed sample package is exactly what the generator writes."""

from __future__ import annotations

from pathlib import Path

from .conftest import SAMPLE


def test_regenerating_the_sample_gives_identical_bytes(generator, tmp_path: Path):
    written = generator.generate(tmp_path)
    names = sorted(p.name for p in written)
    assert names == ["costs.csv", "indicators.csv", "report.toml", "survey_municipalities.csv", "survey_regions.csv"]
    for name in names:
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), (
            f"{name} differs from the generator's output: run python scripts/generate_sample_data.py"
        )


def test_the_generator_is_deterministic(generator, tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    generator.generate(a)
    generator.generate(b)
    for path in sorted(a.iterdir()):
        assert path.read_bytes() == (b / path.name).read_bytes()
