"""naravard check reports each finding once."""

from naravard.review.check import CheckConfig, Finding, finalize


def test_the_same_finding_from_the_template_lint_and_the_build_check_is_reported_once():
    lint = Finding("templates/chapters/04.qmd.j2", 164, "quantifier", '"samtliga" does not fit 20 av 21')
    build = Finding("templates/chapters/04.qmd.j2", 164, "quantifier", '"samtliga" does not fit 20 av 21: "Samtliga 20 av 21 regioner."')
    other_line = Finding("templates/chapters/04.qmd.j2", 165, "quantifier", '"samtliga" does not fit 20 av 21')
    other_rule = Finding("templates/chapters/04.qmd.j2", 164, "literal-number", 'number "20" is typed in prose')
    kept = finalize([lint, build, lint, other_line, other_rule], CheckConfig())
    assert [(f.line, f.rule, f.message) for f in kept] == [
        (164, "literal-number", other_rule.message),
        (164, "quantifier", build.message),
        (165, "quantifier", other_line.message),
    ]
