"""95 % confidence limits from a numerator and a denominator.

The data package carries limits as data (``ci_lower``/``ci_upper``); these are
the methods the sample package uses to compute them, documented in
docs/data-package.md, so producers can do the same:

* shares (register and survey percentages): Wilson's score interval, which
  stays inside 0–100 and behaves for small regions and shares near 0 or 100;
* rates (per 100 000 invånare, per 1 000, per personår): Byar's approximation
  of the exact Poisson interval for the count, scaled to the published rate
  (so age-standardised rates keep their value and get the count's relative
  precision).
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


def wilson(successes: float, trials: float, z: float = Z95) -> tuple[float, float]:
    """Limits for a proportion, as fractions (0–1)."""
    if trials <= 0:
        raise ValueError("trials must be positive")
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def byar(count: float, z: float = Z95) -> tuple[float, float]:
    """Limits for a Poisson count (Byar's approximation; exact enough from a count of 1)."""
    if count < 0:
        raise ValueError("count must be >= 0")
    lower = 0.0 if count == 0 else count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    c1 = count + 1
    upper = c1 * (1 - 1 / (9 * c1) + z / (3 * math.sqrt(c1))) ** 3
    return lower, upper


def rate_limits(rate: float, count: float, z: float = Z95) -> tuple[float, float]:
    """Limits for a (possibly standardised) rate from the count it rests on."""
    if count <= 0:
        raise ValueError("count must be positive")
    lower, upper = byar(count, z)
    return rate * lower / count, rate * upper / count
