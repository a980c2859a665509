"""Swedish wordings for one area's results: its place among the others, how it compares
with riket or its län, its survey answer against the count (``naravard.analysis.areas``)."""

from __future__ import annotations

from naravard.analysis.areas import AreaIndicator, Comparison, Standing, SurveyAnswer
from naravard.text import phrases, words
from naravard.text.trace import printed

# What the areas compared are called: (plural, "of how many" noun)
AMONG = {"region": "regioner", "kommun": "kommuner", "kommun_i_länet": "kommuner i länet"}
END = {"lowest": "lägst", "highest": "högst"}


SINGULAR = {"region": "region", "kommun": "kommun", "kommun_i_länet": "kommun"}


def rank(s: Standing) -> str:
    """``'5:e lägst av 21 regioner'``, ``'lägst av 21 regioner'``, ``'3:e högst av 21 regioner, delad plats med en annan region'``;
    the only one with a value: ``'den enda med ett värde'``; all alike: ``'samma värde som samtliga 21 regioner'``."""
    noun = AMONG[s.among]
    if s.of == 1:
        return printed(s.quantity, "den enda med ett värde")
    if s.tied and s.tied + 1 == s.of:
        return printed(s.quantity, f"samma värde som samtliga {s.of} {noun}")
    place = "" if s.position == 1 else f"{s.position}:e "
    text = f"{place}{END[s.order]} av {s.of} {noun}"
    if s.tied:
        one = SINGULAR[s.among]
        text += f", delad plats med {'en annan ' + one if s.tied == 1 else words.number_word(s.tied) + ' andra'}"
    return printed(s.quantity, text)


def rank_short(s: Standing) -> str:
    """For tables: ``'5 av 21'``, ``'3–4 av 21'`` for a shared place."""
    text = f"{s.position} av {s.of}" if not s.tied else f"{s.position}–{s.position + s.tied} av {s.of}"
    return printed(s.quantity, text)


RELATION = {"higher": "högre än i", "lower": "lägre än i", "same": "lika högt som i"}
ASSESSMENT = {"better": "bättre", "worse": "sämre"}


def versus(c: Comparison | None, other: str = "riket") -> str:
    """``'högre än i riket (8,9 procent), vilket är bättre'``; ``'lika högt som i riket (8,9 procent)'``;
    without a desired direction only higher or lower. The value is riket's (or the län's) as printed."""
    if c is None:
        return ""
    value = phrases.value(c.other.quantity)
    text = f"{RELATION[c.relation]} {other} ({value})"
    if c.assessment in ASSESSMENT:
        text += f", vilket är {ASSESSMENT[c.assessment]}"
    return text


def versus_word(c: Comparison | None) -> str:
    """For tables, in words so that it does not rest on colour: ``'Bättre'``, ``'Sämre'``, ``'Lika'``,
    ``'Högre'``/``'Lägre'`` without a desired direction; ``'–'`` without a comparison."""
    if c is None:
        return "–"
    if c.assessment == "same" or c.relation == "same":
        return "Lika"
    if c.assessment in ASSESSMENT:
        return ASSESSMENT[c.assessment].capitalize()
    return {"higher": "Högre", "lower": "Lägre"}[c.relation]


def interval(c: Comparison | None, other: str = "riket") -> str:
    """Whether the difference is larger than the confidence interval, as a sentence ("" when the interval is unknown)."""
    if c is None or c.beyond_ci is None or c.relation == "same":
        return ""
    if c.beyond_ci:
        return f"Skillnaden mot {other} är större än osäkerhetsintervallet (95 procents konfidensintervall) för värdet."
    return f"Skillnaden mot {other} ryms inom osäkerhetsintervallet (95 procents konfidensintervall) för värdet och kan bero på slumpen."


def missing(a: AreaIndicator) -> str:
    """Why the area has no value for the latest year, in the package's words:
    ``'Uppgift saknas för 2024. Regionen deltog inte i 2024 års mätning, senaste värde avser 2023.'``"""
    if not a.missing:
        return ""
    reason = a.missing.strip().rstrip(".")
    for prefix in ("Uppgift saknas:", "Uppgift saknas –", "Uppgift saknas"):
        if reason.startswith(prefix):
            reason = reason[len(prefix):].strip()
            break
    return f"Uppgift saknas för {a.year}." + (f" {phrases.capitalize(reason)}." if reason else "")


def survey_answer(s: SurveyAnswer, form: str = "Regionen") -> str:
    """``'Regionen har svarat Ja, liksom 14 andra av 21 regioner'``; ``'…, som den enda av 21 regioner'``;
    ``'Regionen har inte besvarat frågan'``."""
    if not s.answered:
        return f"{form} har inte besvarat frågan"
    answer = printed(s.quantity, s.answer) if s.quantity is not None else s.answer
    others = int(s.same.value) - 1
    total = printed(s.total, str(int(s.total.value)))
    if others == 0:
        return f"{form} har svarat {answer}, som den enda av {total} regioner"
    count = printed(s.same, words.number_word(others) if others <= 12 else str(others))
    if others + 1 == int(s.total.value):
        return f"{form} har svarat {answer}, liksom samtliga andra regioner ({total} av {total})"
    return f"{form} har svarat {answer}, liksom {count} andra av {total} regioner"
