"""Phrases of chapter 7 (Kontinuitet): a series told survey by survey, and the places of a ranking after the first."""

from __future__ import annotations

from collections.abc import Sequence

from naravard.analysis.chapters.kontinuitet import Ordinarie
from naravard.analysis.facts import Tally
from naravard.data.models import SurveyOption
from naravard.text import escape, phrases
from naravard.text.escape import Markdown


def survey_by_survey(series: Ordinarie, answer: str = "ja") -> str:
    """``'Andelen som svarade ja var 61 procent år 2017. År 2021 ökade andelen till 66 procent. År 2024 …'``."""
    first = series.första
    out = [f"Andelen som svarade {answer} var {phrases.value(first.quantity)} år {first.year}."]
    for point, change in series.steg:
        value = phrases.value(point.quantity)
        if change.direction == "stable":
            out.append(f"År {point.year} var andelen i stort sett densamma, {value}.")
        else:
            out.append(f"År {point.year} {phrases.change_short(change)} andelen till {value}.")
    return " ".join(out)


def after_the_first(rest: Sequence[tuple[SurveyOption, Tally]], lead: str = "Därefter följer") -> str:
    """The options after the first place of a ranking, each with its count, in order:
    ``'Därefter följer krav på vårdcentralerna (5 av 21), ekonomiska incitament (5 av 21) och … (4 av 21).'``;
    '' when the first place holds every option."""
    if not rest:
        return ""
    items = [f"{escape.markdown(phrases.lower_first(o.label))} ({phrases.count_of(t, noun='')})" for o, t in rest]
    return Markdown(f"{lead} {phrases.join(items)}.")
