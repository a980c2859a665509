"""Errors the command line reports as a message instead of a traceback."""

from __future__ import annotations


class NaravardError(Exception):
    """A problem the user can fix; the message says what and where."""

    exit_code = 1


class ProjectNotFound(NaravardError):
    pass


class EngineUnavailable(NaravardError):
    exit_code = 3


class RenderError(NaravardError):
    exit_code = 4


class NotPublishable(NaravardError):
    """``--strict``: the report would print synthetic values (or unidentified references)."""

    exit_code = 2
