"""Swedish phrases built from results: changes, extremes, counts, sex gaps, names.

Each function takes result objects (never bare numbers typed by an author) and
returns a phrase whose every number and every judgement ("ökade",
"samtliga", "konsekvent högre") follows from those results. The templates
use them as Jinja filters and globals (see ``naravard.compose.environment``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from naravard.analysis.facts import Tally
from naravard.analysis.indicators import Change, Extremes, IndicatorResult, SexGap
from naravard.analysis.overview import Coverage
from naravard.analysis.prevention import missing_reasons
from naravard.analysis.quantity import Quantity
from naravard.analysis.survey import NumericExtremes
from naravard.data.models import Region
from naravard.text import numbers, units
from naravard.text.trace import printed

# ---- values ---------------------------------------------------------------------------------


def value(q: Quantity, *, noun: str = "") -> str:
    """A value in running text, with its unit: ``'8,9 procent'``, ``'7,3 per 100 disponibla vårdplatser'``;
    with the source's qualifier when it has one: ``'knappt 7,3 miljoner'``. *noun* defaults to what the
    value counts when its data say so (``dims["noun"]``, from facts.csv and example_numbers.csv)."""
    noun = noun or q.dims.get("noun", "")
    return printed(q, _qualified(q, units.prose(q.value, q.unit, q.decimals, noun=noun)))


def short_value(q: Quantity) -> str:
    """The compact form used in tables, figures and alt text: ``'8,9 %'`` (``'cirka 30 mnkr'``)."""
    return printed(q, _qualified(q, units.short(q.value, q.unit, q.decimals)))


def _qualified(q: Quantity, text: str) -> str:
    return f"{q.qualifier} {text}" if q.qualifier else text


def bare(q: Quantity) -> str:
    """The number alone, in the quantity's precision: ``'8,9'``."""
    return printed(q, numbers.number(q.value, q.decimals))


def difference(q: Quantity) -> str:
    """A difference: ``'0,1 procentenheter'`` for percentages, else the number with its unit."""
    if units.unit(q.unit).is_percent:
        return printed(q, numbers.percentage_points(q.value, q.decimals))
    return printed(q, units.prose(abs(q.value), q.unit, q.decimals))


# ---- names ----------------------------------------------------------------------------------

NAME_FORMS = ("county", "region", "short")


def region_name(region: Region, form: str = "county") -> str:
    """The region's name in the form the context needs.

    ``county``: register indicators are reported per län ("Örebro län", "Skåne");
    ``region``: survey answers come from the regions ("Region Örebro län");
    ``short``: tables and figures ("Örebro").
    """
    if form == "county":
        return region.county_name
    if form == "region":
        return region.region_name
    if form == "short":
        return region.short_name
    raise ValueError(f"unknown name form {form!r}; use one of {NAME_FORMS}")


def region_in(region: Region, form: str = "county") -> str:
    """Where: ``'i Örebro län'``, ``'på Gotland'``, ``'i Region Kalmar län'``."""
    if form == "county":
        return region.county_locative
    return "i " + region_name(region, form)


def join(items: Iterable[str], conjunction: str = "och") -> str:
    """``'A'``, ``'A och B'``, ``'A, B och C'``."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def counties(regions: Sequence[Region]) -> str:
    """Län named together, "län" once: ``'Gävleborgs, Östergötlands och Skåne län'``
    (``'Stockholms län och Blekinge'`` when one name does not end in "län")."""
    names = [r.county_name for r in regions]
    if names and all(n.endswith(" län") for n in names):
        return join(n.removesuffix(" län") for n in names) + " län"
    return join(names)


# More names than this in one sentence are counted instead: "i 19 av 21 län".
HANDFUL = 5

REGION_NOUNS = {"county": "län", "region": "regioner", "short": "regioner"}


def regions_in(regions: Sequence[Region], form: str = "county", *, of: int | None = None) -> str:
    """``'i Blekinge och Västerbotten'``; Gotland keeps its "på".

    More than :data:`HANDFUL` regions are counted when *of* (how many there are) is given: ``'i 19 av 21 län'``.
    """
    if of and len(regions) > HANDFUL:
        return f"i {numbers.count(len(regions))} av {numbers.count(of)} {REGION_NOUNS[form]}"
    if form != "county":
        return "i " + join(region_name(r, form) for r in regions)
    parts = [r.county_locative for r in regions]
    # "i Blekinge län och i Västerbottens län" reads badly: one preposition when all share it.
    preps = {p.split(" ", 1)[0] for p in parts}
    if len(preps) == 1:
        prep = preps.pop()
        return prep + " " + join(p.split(" ", 1)[1] for p in parts)
    return join(parts)


# ---- change ---------------------------------------------------------------------------------

VERBS = {"up": "ökade", "down": "minskade"}


def change(c: Change, *, noun: str = "", with_years: bool = True, neuter: bool = False, assessed: bool = False) -> str:
    """``'ökade från 81 procent år 2020 till 88 procent år 2024'``;
    ``'var i stort sett oförändrad (8,9 procent år 2023 och 8,9 procent år 2024)'``.

    *neuter*: the subject is an ett-word ("värdet", "indexet"): "oförändrat".
    *assessed*: add the judgement when there is one: ``', vilket är en förbättring'``.
    """
    a, b = value(c.start, noun=noun), value(c.end, noun=noun)
    ya, yb = (f" år {c.start_year}", f" år {c.end_year}") if with_years else ("", "")
    if c.direction == "stable":
        text = f"var i stort sett {'oförändrat' if neuter else 'oförändrad'} ({a}{ya} och {b}{yb})"
    else:
        text = f"{VERBS[c.direction]} från {a}{ya} till {b}{yb}"
    if assessed and c.assessment in ("better", "worse"):
        text += f", vilket är {assessment(c)}"
    return text


def change_short(c: Change, *, neuter: bool = False) -> str:
    """``'ökade'``, ``'minskade'``, ``'var i stort sett oförändrad'`` (``'oförändrat'`` for ett-words)."""
    if c.direction == "stable":
        return f"var i stort sett {'oförändrat' if neuter else 'oförändrad'}"
    return VERBS[c.direction]


def assessment(c: Change) -> str:
    """``'en förbättring'``, ``'en försämring'``, ``'ingen tydlig förändring'`` (or '' without a direction)."""
    return {
        "better": "en förbättring",
        "worse": "en försämring",
        "unchanged": "ingen tydlig förändring",
        None: "",
    }[c.assessment]


def change_size(c: Change) -> str:
    """The size of a change: ``'7 procentenheter'`` or ``'31 procent'`` (relative, for rates)."""
    if units.unit(c.difference.unit).is_percent:
        return difference(c.difference)
    if c.relative is None:
        return difference(c.difference)
    return printed(c.relative, numbers.percent(abs(c.relative.value), 0))


# ---- extremes -------------------------------------------------------------------------------


def extremes(e: Extremes, *, form: str = "county", noun: str = "", order: str = "low-high") -> str:
    """``'Lägst är värdet i Örebro län (5,8 procent) och högst i Skåne (11,8 procent).'``

    Ties are named together (counted beyond a handful); regions without data are left
    out and said so; when every region has the same value the sentence says that.
    """
    if e.all_equal:
        where = f"samtliga {numbers.count(e.compared)} {REGION_NOUNS[form]}" + (" med uppgifter" if e.missing else "")
        text = f"Värdet är detsamma i {where} ({value(e.lowest_value, noun=noun)})."
    else:
        lo = f"{regions_in([rv.region for rv in e.lowest], form, of=e.compared)} ({value(e.lowest_value, noun=noun)})"
        hi = f"{regions_in([rv.region for rv in e.highest], form, of=e.compared)} ({value(e.highest_value, noun=noun)})"
        if order == "low-high":
            text = f"Lägst är värdet {lo} och högst {hi}."
        else:
            text = f"Högst är värdet {hi} och lägst {lo}."
    if e.missing:
        text += " " + missing_regions(e.missing, form)
    return text


def spread(e: Extremes, *, form: str = "county", noun: str = "") -> str:
    """From the lowest to the highest value: ``'från 5,8 procent i Örebro län till 11,8 procent i Skåne län'``.

    Only for regions that differ (``Extremes.all_equal`` is false); ties are named together.
    """
    if e.all_equal:
        raise ValueError("every region has the same value; there is no spread to describe")
    lo = regions_in([rv.region for rv in e.lowest], form, of=e.compared)
    hi = regions_in([rv.region for rv in e.highest], form, of=e.compared)
    return f"från {value(e.lowest_value, noun=noun)} {lo} till {value(e.highest_value, noun=noun)} {hi}"


def missing_data(names: Sequence[str], reason: str = "") -> str:
    """The one note on missing values: ``'Uppgift saknas för Gotland.'``,
    ``'Uppgift saknas för Stockholm: den basala hemsjukvården ingår inte.'`` (*reason* from the data)."""
    if not names:
        return ""
    reason = reason.strip().rstrip(".")
    head, sep, tail = reason.partition(":")
    if sep and head.lower().startswith("uppgift"):  # the data's own "Uppgift saknas: …"
        reason = tail.strip()
    return f"Uppgift saknas för {join(names)}" + (f": {reason}." if reason else ".")


def missing_regions(regions: Sequence[Region], form: str = "county") -> str:
    """``'Uppgift saknas för Region Gotland.'``"""
    return missing_data([region_name(r, form) for r in regions])


def missing_note(result: IndicatorResult, form: str = "short", **kwargs) -> str:
    """A figure note with the data's reason for each group of regions without a value."""
    parts = [missing_data([region_name(r, form) for r in regs], reason) for reason, regs in missing_reasons(result, **kwargs)]
    return " ".join(parts)


def coverage_text(cov: Coverage) -> str:
    """``'10 av 21 regioner'`` for figure notes (plain text; notes carry no value marks)."""
    return f"{numbers.count(int(cov.n.value))} av {numbers.count(int(cov.total.value))} regioner"


def exclusion_note(answers: Sequence, form: str = "region") -> str:
    """Why a figure leaves answers out (exclusions.csv): ``'Region Sörmland visas inte i figuren. Regionen kan …'``.

    Answers with the same reason share one sentence; "" when nothing is left out."""
    by_reason: dict[str, list[Region]] = {}
    for a in answers:
        if a.excluded:
            by_reason.setdefault(a.excluded.strip(), []).append(a.region)
    sentences = []
    for i, (reason, regions) in enumerate(by_reason.items()):
        shown = "visas inte heller" if i else "visas inte"
        sentences.append(f"{join(region_name(r, form) for r in regions)} {shown} i figuren. {reason}")
    return " ".join(sentences)


def numeric_extremes(e: NumericExtremes, *, form: str = "region") -> str:
    """For survey numbers: ``'Högst andel anger Västra Götalandsregionen (96 procent) och lägst
    Region Blekinge och Region Västerbotten (18 procent).'``"""
    hi = join(region_name(a.region, form) for a in e.highest)
    lo = join(region_name(a.region, form) for a in e.lowest)
    return f"Högst andel anger {hi} ({value(e.highest_value)}) och lägst {lo} ({value(e.lowest_value)})."


# ---- counts and quantifiers -----------------------------------------------------------------


def count_of(n: Quantity | int | Tally, total: Quantity | int | None = None, noun: str = "regioner", *, zero: str = "") -> str:
    """``'19 av 21 regioner'``; for a Tally with regions that did not answer ``'19 av 20 regioner som svarade'``.

    *zero*: the words for none (``'ingen region'``) instead of ``'0 av 21 regioner'``.
    """
    n, total, missing = _counts(n, total)
    if n == 0 and zero:
        return zero
    text = f"{numbers.count(n)} av {numbers.count(total)}" + (f" {noun}" if noun else "")
    return text + (" som svarade" if missing else "")


def _counts(n: Quantity | int | Tally, total: Quantity | int | None) -> tuple[int, int, int]:
    """(n, of, how many did not answer) from a Tally or a count and its total."""
    if isinstance(n, Tally):
        return _int(n.antal), _int(n.av), n.bortfall
    if total is None:
        raise TypeError("give the total: n | antal_av(total)")
    return _int(n), _int(total), 0


def _int(q: Quantity | int) -> int:
    if isinstance(q, Quantity):
        printed(q, numbers.count(int(round(q.value))))
        return int(round(q.value))
    return int(q)


# Which quantifier to use for n of total: the first whose condition holds.
# The conditions cover every n in 0..total.
QUANTIFIERS: tuple[tuple[str, object], ...] = (
    ("samtliga", lambda n, t: n == t),
    ("ingen av", lambda n, t: n == 0),
    ("nästan alla", lambda n, t: n < t and t - n <= max(1, round(t * 0.1))),
    ("tre fjärdedelar av", lambda n, t: 4 * n == 3 * t),
    ("två tredjedelar av", lambda n, t: 3 * n == 2 * t),
    ("hälften av", lambda n, t: 2 * n == t),
    ("en tredjedel av", lambda n, t: 3 * n == t),
    ("en fjärdedel av", lambda n, t: 4 * n == t),
    ("de flesta", lambda n, t: n >= 0.75 * t),
    ("knappt tre fjärdedelar av", lambda n, t: 0.68 * t <= n < 0.75 * t),
    ("en majoritet av", lambda n, t: 0.6 * t < n < 0.68 * t),
    ("drygt hälften av", lambda n, t: 0.5 * t < n <= 0.6 * t),
    ("knappt hälften av", lambda n, t: 0.45 * t <= n < 0.5 * t),
    ("färre än hälften av", lambda n, t: 0.4 * t <= n < 0.45 * t),
    ("drygt en tredjedel av", lambda n, t: t / 3 < n < 0.4 * t),
    ("knappt en tredjedel av", lambda n, t: 0.27 * t <= n < t / 3),
    ("en av", lambda n, t: n == 1),
    ("ett fåtal av", lambda n, t: 0 < n < 0.27 * t),
)

# When a quantifier is *true* (wider than when it is chosen): `naravard check`
# uses this to catch prose like "samtliga" for 20 of 21.
QUANTIFIER_TRUTH: dict[str, object] = {
    "samtliga": lambda n, t: n == t,
    "alla": lambda n, t: n == t,
    "ingen": lambda n, t: n == 0,
    "ingen av": lambda n, t: n == 0,
    "nästan alla": lambda n, t: n < t and t - n <= max(1, round(t * 0.1)),
    "nästan samtliga": lambda n, t: n < t and t - n <= max(1, round(t * 0.1)),
    "de flesta": lambda n, t: 2 * n > t,
    "flertalet": lambda n, t: 2 * n > t,
    "en majoritet av": lambda n, t: 2 * n > t,
    "fler än hälften av": lambda n, t: 2 * n > t,
    "drygt hälften av": lambda n, t: 0.5 * t < n <= 0.6 * t,
    "hälften av": lambda n, t: 2 * n == t,
    "knappt hälften av": lambda n, t: 0.4 * t <= n < 0.5 * t,
    "färre än hälften av": lambda n, t: 2 * n < t,
    "tre fjärdedelar av": lambda n, t: 4 * n == 3 * t,
    "knappt tre fjärdedelar av": lambda n, t: 0.68 * t <= n < 0.75 * t,
    "två tredjedelar av": lambda n, t: 3 * n == 2 * t,
    "en tredjedel av": lambda n, t: abs(n / t - 1 / 3) < 0.02,
    "drygt en tredjedel av": lambda n, t: t / 3 < n < 0.4 * t,
    "knappt en tredjedel av": lambda n, t: 0.27 * t <= n < t / 3,
    "en fjärdedel av": lambda n, t: abs(n / t - 1 / 4) < 0.02,
    "en av": lambda n, t: n == 1,
    "ett fåtal av": lambda n, t: 0 < n < 0.27 * t,
}


def quantifier(n: Quantity | int | Tally, total: Quantity | int | None = None) -> str:
    """The word for *n* of *total*: ``'nästan alla'`` for 19 of 21, ``'knappt hälften av'`` for 10 of 21."""
    n, total, _ = _counts(n, total)
    if not 0 <= n <= total or total == 0:
        raise ValueError(f"cannot quantify {n} of {total}")
    for word, holds in QUANTIFIERS:
        if holds(n, total):
            return word
    raise AssertionError(f"no quantifier for {n} of {total}")  # the table covers 0..total


def quantifier_fits(word: str, n: int, total: int) -> bool:
    """Whether *word* truthfully describes *n* of *total* (for `naravard check`)."""
    word = " ".join(word.lower().split())
    for candidate in (word, word + " av", word.removesuffix(" av")):
        if candidate in QUANTIFIER_TRUTH:
            return bool(QUANTIFIER_TRUTH[candidate](n, total))
    raise KeyError(word)


def quantified(
    n: Quantity | int | Tally,
    total: Quantity | int | None = None,
    noun: str = "regioner",
    *,
    definite: str = "regionerna",
    counts: bool = True,
) -> str:
    """``'nästan alla regioner (19 av 21)'``, ``'knappt hälften av regionerna (10 av 21)'``, ``'samtliga 21 regioner'``.

    For a Tally with regions that did not answer: ``'samtliga 20 regioner som svarade'``,
    ``'nästan alla regioner som svarade (18 av 20)'``. Without *counts* (for headings):
    ``'samtliga regioner'``, ``'de flesta regioner'``, ``'knappt hälften av regionerna'``.
    """
    word = quantifier(n, total)
    n, total, missing = _counts(n, total)
    who = " som svarade" if missing else ""
    count = f" ({numbers.count(n)} av {numbers.count(total)})" if counts else ""
    if word.endswith(" av"):
        return f"{word} {definite}{who}{count}"
    if word == "samtliga":
        return f"samtliga {numbers.count(total)} {noun}{who}" if counts else f"samtliga {noun}{who}"
    return f"{word} {noun}{who}{count}"


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def lower_first(text: str) -> str:
    """A title inside a sentence: ``'Oplanerade …'`` -> ``'oplanerade …'``."""
    return text[:1].lower() + text[1:]


# ---- sex gap --------------------------------------------------------------------------------


def sex_gap(g: SexGap | None, *, qualifier: str = "") -> str:
    """``'Andelen har konsekvent varit högre bland män än bland kvinnor. År 2024 var skillnaden 0,1 procentenheter.'``

    The subject follows the indicator's unit (``units.Unit.subject``): "Andelen"
    for a percentage, "Antalet" for a count or rate, "Kostnaden" for kronor, so
    no caller can name the wrong measure; *qualifier* narrows it ("i ordinärt
    boende" -> "Andelen i ordinärt boende").
    "Konsekvent" is only said when it holds for every year shown. Series
    measured in periods (februari–mars) speak of "mätperioder", not "år".
    Differences are in procentenheter for percentages, in index units for an
    index, and in per cent of the lower value for rates. Nothing without values for both sexes (*g* None).
    """
    if g is None:
        return ""
    subject = units.unit(g.latest_difference.unit).subject
    measure = f"{subject} {qualifier}" if qualifier else subject
    n = len(g.years)
    span = numbers.year_span(g.years[0], g.years[-1])
    if g.latest_period:
        whole = f"under {'samtliga' if n > 2 else 'båda'} mätperioder{'na' if n <= 2 else ''} {span}"
        latest = f"Under mätperioden {g.latest_period} {g.latest_year}"
        unit_word = "mätperioder"
    else:
        whole = f"under {'hela perioden' if n > 2 else 'båda åren'} {span}"
        latest = f"År {g.latest_year}"
        unit_word = "år"
    a, b = g.first, g.second
    if g.higher_every_year:
        other = b if g.higher_every_year == a else a
        lead = f"{measure} har konsekvent varit högre bland {g.higher_every_year} än bland {other} {whole}."
    elif g.higher_years[a] == 0 and g.higher_years[b] == 0:
        lead = f"{measure} har inte skilt sig mellan {a} och {b} {whole} (med de decimaler som redovisas)."
    else:
        parts = [f"bland {who} under {g.higher_years[who]} av {n} {unit_word}" for who in (a, b) if g.higher_years[who]]
        lead = f"{measure} har varit högre " + " och ".join(parts) + "."
        equal = n - g.higher_years[a] - g.higher_years[b]
        if equal:
            lead = lead[:-1] + f", och lika under {equal} {'år' if not g.latest_period else 'mätperioder'}."
    if g.latest_difference.value == 0:
        return lead + f" {latest} var värdena lika för {a} och {b}."
    hi = a if g.latest_first.value >= g.latest_second.value else b
    lo = b if hi == a else a
    unit = units.unit(g.latest_difference.unit)
    if unit.is_percent:
        return lead + f" {latest} var skillnaden {difference(g.latest_difference)}."
    if g.latest_difference.unit == "index":
        size = printed(g.latest_difference, numbers.number(abs(g.latest_difference.value), g.latest_difference.decimals))
        return lead + f" {latest} var indexvärdet {size} enheter högre för {hi} än för {lo}."
    if g.latest_relative:
        size = printed(g.latest_relative, numbers.percent(g.latest_relative.value, 0))
        return lead + f" {latest} var {lower_first(subject)} {size} högre för {hi} än för {lo}."
    return lead + f" {latest} var skillnaden {difference(g.latest_difference)}."
