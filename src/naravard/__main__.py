"""``python -m naravard``: the same command as ``naravard``."""

from naravard.cli import run

run()
