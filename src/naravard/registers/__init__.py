"""The register stage: register microdata extracts -> the register indicators' rows of a data package.

Runs before the data stage (it writes a package; it never reads compose, render or
review). See docs/registers.md for the delivery specification and the definitions.
"""

from naravard.registers.run import ExtractError, RegisterResult, compute_indicators, parse_years

__all__ = ["ExtractError", "RegisterResult", "compute_indicators", "parse_years"]
