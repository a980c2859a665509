"""The package's sources beyond the register and survey tables, read and checked together.

References (``references.json``, ``citations.toml``), the regions' examples
(``examples.csv``, ``example_numbers.csv``, ``free_text.csv``), facts from other
sources (``facts.csv``) and answers left out of comparisons (``exclusions.csv``).
All are optional; each file is documented in ``docs/data-package.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from naravard.data.examples import EXAMPLE_NUMBERS_SPEC, EXAMPLES_SPEC, FREE_TEXT_SPEC, check_examples, check_free_text, read_topics
from naravard.data.facts import EXCLUSIONS_SPEC, FACTS_SPEC, check_exclusions, check_facts
from naravard.data.models import Example, Exclusion, FreeTextAnswer, References, SourceFact, Topic
from naravard.data.problems import Problem
from naravard.data.references import check_references
from naravard.data.validation import Context

SPECS = (EXAMPLES_SPEC, EXAMPLE_NUMBERS_SPEC, FREE_TEXT_SPEC, FACTS_SPEC, EXCLUSIONS_SPEC)


@dataclass
class Sources:
    references: References | None = None
    examples: tuple[Example, ...] = ()
    topics: dict[str, Topic] = field(default_factory=dict)
    free_text: tuple[FreeTextAnswer, ...] = ()
    facts: dict[str, SourceFact] = field(default_factory=dict)
    exclusions: tuple[Exclusion, ...] = ()

    def package_fields(self) -> dict:
        """The DataPackage fields these fill."""
        return dict(
            references=self.references,
            examples=self.examples,
            topics=self.topics,
            free_text=self.free_text,
            facts=self.facts,
            exclusions=self.exclusions,
        )


def check_sources(
    data_dir: Path,
    catalogue_dir: Path | None,
    ctx: Context,
    typed: dict[str, pd.DataFrame],
    survey_regions: pd.DataFrame | None,
) -> tuple[Sources, list[Problem]]:
    problems: list[Problem] = []
    references, found = check_references(catalogue_dir, data_dir, ctx.report_year)
    problems += found
    topics: dict[str, Topic] = {}
    if catalogue_dir is not None:
        topics, found = read_topics(catalogue_dir)
        problems += found
    free_text, found = check_free_text(typed.get("free_text"), ctx)
    problems += found
    examples, found = check_examples(typed.get("examples"), typed.get("example_numbers"), ctx, topics, free_text, references)
    problems += found
    facts, found = check_facts(typed.get("facts"), ctx, references)
    problems += found
    exclusions, found = check_exclusions(typed.get("exclusions"), ctx, survey_regions)
    problems += found
    return Sources(references, examples, topics, tuple(free_text.values()), facts, exclusions), problems
