"""The Jinja environment the chapter templates are rendered in.

What templates can reach is exactly the template API (``naravard.compose.api``):
its filters and functions, the variables the composer passes, the macros in
``templates/partials/``, and the few Jinja builtins the API lists. Everything
else Jinja ships with is removed, so a template cannot come to depend on it.

A bare Quantity in a template is an error: it must be formatted by a filter,
so its form is the report's form.

Everything a template prints is escaped for markdown unless it is already
markup naravard made (:class:`~naravard.text.escape.Markdown`: filters' value
marks, figures, tables, references, macros): text from a data package can
never take effect as markup, whether or not the template says ``| md``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from jinja2.compiler import CodeGenerator

from naravard.analysis.quantity import Quantity
from naravard.compose import api
from naravard.compose.context import template_location
from naravard.compose.registry import ComposeError
from naravard.text import escape
from naravard.text.escape import Markdown, is_markup


def _finalize(value):
    if isinstance(value, Quantity):
        raise ComposeError(f"a value ({value.key}) is printed without a format; use a filter such as | värde, | kort or | tal", template_location())
    if isinstance(value, float):
        raise ComposeError(f"a bare number ({value!r}) is printed; format it with a filter", template_location())
    if is_markup(value):
        return value
    return escape.markdown(value)


def _concat(items) -> str:
    """``a ~ b`` in a template: as Jinja's own, but text joined to markup is escaped as markdown."""
    items = [str(i) if not is_markup(i) and not isinstance(i, str) else i for i in items]
    if any(is_markup(i) for i in items):
        return Markdown("").join(items)
    return "".join(items)


class _CodeGenerator(CodeGenerator):
    """Compiles ``~`` to :func:`_concat` (Jinja's would escape the text for HTML, not markdown)."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.naravard_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """The environment for *templates_dir*, made once per folder: compiled templates are kept
    (Jinja reloads a template whose file changed)."""
    return _environment(str(templates_dir.resolve()))


@functools.lru_cache(maxsize=8)
def _environment(templates_dir: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        auto_reload=True,
        undefined=jinja2.StrictUndefined,
        # Escaping by default: _finalize escapes for markdown and marks the result
        # as markup, so Jinja's HTML escaping never applies to it.
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.code_generator_class = _CodeGenerator
    env.naravard_concat = _concat
    builtin_filters, builtin_tests, builtin_globals = dict(env.filters), dict(env.tests), dict(env.globals)
    env.filters.clear()
    env.filters.update({name: builtin_filters[name] for name in api.JINJA_FILTERS})
    env.filters.update(api.FILTERS)
    env.tests.clear()
    env.tests.update({name: builtin_tests[name] for name in api.JINJA_TESTS})
    env.globals.clear()
    env.globals.update({name: builtin_globals[name] for name in api.JINJA_GLOBALS})
    env.globals.update(api.GLOBALS)
    env.globals["m"] = Macros(env)
    return env


class Macros:
    """``m`` in templates: the macros of ``templates/partials/macros.j2`` (``m.ruta``, ``m.sidbrytning`` …),
    without an import line in every template. Read from the file each time it has changed."""

    def __init__(self, env: jinja2.Environment):
        self._env = env

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._env.get_template(api.MACROS).module, name)
