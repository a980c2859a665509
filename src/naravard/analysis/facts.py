"""Building blocks of the chapter facts (``naravard.analysis.chapters``).

A chapter's facts object holds every decision its templates need, made here in
Python where it can be tested: counts of regions with who answered, answer
options ranked with their ties, comparisons of two series or two sets of
regions year by year, how regions moved since the base year. Templates read
them as ``fakta``; their field names are Swedish because templates are the
only readers (see docs/authoring.md).

Everything compares values as printed (rounded to the report's decimals), so a
fact never contradicts the number beside it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from naravard.analysis.indicators import Change, Extremes, IndicatorResult, Point, RegionChanges, RegionValue, SexGap, make_change
from naravard.analysis.quantity import Quantity, derived, value_key
from naravard.analysis.rounding import rounded
from naravard.analysis.survey import YES, RegionSurveyResult
from naravard.data.models import Region, SurveyOption

# ---- counts of regions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """*antal* of the *av* regions that answered; *totalt* regions could have answered.

    ``hur_många`` and ``antal_av`` print it: "19 av 21 regioner", and with a
    region that did not answer "samtliga 20 regioner som svarade".
    """

    antal: Quantity
    av: Quantity
    totalt: int

    @property
    def n(self) -> int:
        return int(self.antal.value)

    @property
    def svarande(self) -> int:
        return int(self.av.value)

    @property
    def alla(self) -> bool:
        """Every region that answered (at least one did)."""
        return self.svarande > 0 and self.n == self.svarande

    @property
    def ingen(self) -> bool:
        return self.n == 0

    @property
    def alla_svarade(self) -> bool:
        """No region is missing from the answers."""
        return self.svarande == self.totalt

    @property
    def bortfall(self) -> int:
        """How many regions did not answer."""
        return self.totalt - self.svarande


def survey_tally(result: RegionSurveyResult, answer: str = YES, option: str = "", year: int | None = None) -> Tally | None:
    """How many regions gave *answer*, of those that answered; None when the question was not asked that *year*."""
    year = result.report_year if year is None else year
    if not result.has_year(year):
        return None
    return Tally(result.count(answer, option, year), result.total(option, year), len(result.regions))


def all_options_tally(result: RegionSurveyResult, answer: str = YES, year: int | None = None) -> Tally | None:
    """Regions that gave *answer* for every option, of those that answered every option."""
    year = result.report_year if year is None else year
    if not result.has_year(year):
        return None
    answered = [set(a.region.code for a in result.answers(o.id, year)) for o in result.question.options]
    both = set.intersection(*answered) if answered else set()
    inputs = [a.quantity for o in result.question.options for a in result.answers(o.id, year)]
    of = derived(
        len(both),
        value_key("enkät", "region", result.question.id, "alla", year, "svarande"),
        unit="antal",
        decimals=0,
        inputs=inputs,
        label=f"Antal regioner som svarat på alla delfrågor, fråga {result.question.id} {year}",
        dims={"question": result.question.id, "year": str(year)},
    )
    return Tally(result.count_all(answer, year), of, len(result.regions))


# ---- answer options ranked, ties kept ------------------------------------------------------------


@dataclass(frozen=True)
class Rank:
    """One place in a ranking: the options that share it (a tie) and how many regions chose them."""

    alternativ: tuple[SurveyOption, ...]
    antal: Tally  # for the first option; every option of a tie has the same count

    @property
    def delad(self) -> bool:
        """Two or more options share the place."""
        return len(self.alternativ) > 1


@dataclass(frozen=True)
class Ranking:
    """Answer options by how many regions gave an answer, most first; tied options share a place."""

    platser: tuple[Rank, ...]

    @property
    def flest(self) -> Rank:
        return self.platser[0]

    @property
    def färst(self) -> Rank:
        return self.platser[-1]

    @property
    def näst_flest(self) -> Rank | None:
        """The place after the first, when some region chose it."""
        if len(self.platser) < 2 or self.platser[1].antal.ingen:
            return None
        return self.platser[1]

    @property
    def alla_lika(self) -> bool:
        """Every option has the same count (then flest and färst are one place)."""
        return len(self.platser) == 1

    @property
    def ingen(self) -> bool:
        """No region chose any option."""
        return self.flest.antal.ingen

    def plats(self, option_id: str) -> Rank:
        for rank in self.platser:
            if any(o.id == option_id for o in rank.alternativ):
                return rank
        raise KeyError(option_id)


def rank_options(result: RegionSurveyResult, answer: str = YES, year: int | None = None, *, leave_out: Sequence[str] = ()) -> Ranking | None:
    """The question's options ranked by how many regions gave *answer* in *year* (catalogue order within a tie).

    *leave_out*: option ids that are not ranked ("Övriga insatser"). None when the question was not asked.
    """
    year = result.report_year if year is None else year
    if not result.has_year(year):
        return None
    tallies = [(o, survey_tally(result, answer, o.id, year)) for o in result.question.options if o.id not in leave_out]
    if not tallies:
        raise LookupError(f"question {result.question.id} has no options to rank")
    places: list[Rank] = []
    for option, tally in sorted(tallies, key=lambda ot: -ot[1].n):  # stable: catalogue order within a tie
        if places and places[-1].antal.n == tally.n:
            places[-1] = Rank(places[-1].alternativ + (option,), places[-1].antal)
        else:
            places.append(Rank((option,), tally))
    return Ranking(tuple(places))


# ---- two series (or two sets of regions) compared value by value --------------------------------


@dataclass(frozen=True)
class Comparison:
    """Values of A against values of B, key by key (years, or regions), as printed.

    "Andelen har varje år varit högre i ordinärt boende": ``alltid_högre``.
    """

    jämförda: tuple[Hashable, ...]  # keys with a value in both, in order
    högre: tuple[Hashable, ...]  # keys where A is higher
    lägre: tuple[Hashable, ...]
    lika: tuple[Hashable, ...]

    @property
    def alltid_högre(self) -> bool:
        return bool(self.jämförda) and len(self.högre) == len(self.jämförda)

    @property
    def alltid_lägre(self) -> bool:
        return bool(self.jämförda) and len(self.lägre) == len(self.jämförda)

    @property
    def alltid_lika(self) -> bool:
        return bool(self.jämförda) and len(self.lika) == len(self.jämförda)


def compare(a: Mapping[Hashable, Quantity | None], b: Mapping[Hashable, Quantity | None]) -> Comparison:
    """Compare A with B for every key both have a value for, in A's key order."""
    keys = tuple(k for k in a if a[k] is not None and b.get(k) is not None)
    higher, lower, same = [], [], []
    for k in keys:
        x, y = rounded(a[k].value, a[k].decimals), rounded(b[k].value, b[k].decimals)
        (higher if x > y else lower if x < y else same).append(k)
    return Comparison(keys, tuple(higher), tuple(lower), tuple(same))


def by_year(points: Sequence[Point]) -> dict[int, Quantity | None]:
    """A series as ``{year: Quantity}`` for :func:`compare`."""
    return {p.year: p.quantity for p in points}


# ---- regions since the base year -----------------------------------------------------------------


@dataclass(frozen=True)
class RegionMoves:
    """How many regions had a lower, higher or the same value in the latest year as in the base year.

    Direction-free (lägre/högre, not better/worse), so prose can say what happened
    and the indicator's direction says whether it is good.
    """

    från_år: int
    till_år: int
    lägre: Tally
    högre: Tally
    oförändrade: Tally

    @property
    def jämförda(self) -> int:
        return self.lägre.svarande

    @property
    def alla_lägre(self) -> bool:
        return self.lägre.alla

    @property
    def alla_högre(self) -> bool:
        return self.högre.alla

    @property
    def alla_oförändrade(self) -> bool:
        return self.oförändrade.alla


def region_moves(changes: RegionChanges, direction: str | None, regions: int) -> RegionMoves | None:
    """From an indicator's RegionChanges; None when no region has values in both years."""
    if not changes.compared.value:
        return None
    improved_is_lower = direction != "higher"
    lower, higher = (changes.improved, changes.worsened) if improved_is_lower else (changes.worsened, changes.improved)
    of = changes.compared
    return RegionMoves(
        changes.base_year, changes.latest_year, Tally(lower, of, regions), Tally(higher, of, regions), Tally(changes.unchanged, of, regions)
    )


# ---- the regions with the highest values -------------------------------------------------------


@dataclass(frozen=True)
class HighestRegions:
    """The regions with the highest values in the latest year, and how each moved since the base year.

    "I de tre län med störst andel år 2024 … var andelen som mest 0,2 procentenheter lägre än år 2017."
    A tie at the edge of the group is kept, so the group may be larger than asked (``antal``).
    Direction-free: the values are the highest, whether that is good or bad.
    """

    år: int
    basår: int
    län: tuple[RegionValue, ...]  # highest first (länskod order within a tie)
    lägre: tuple[Region, ...]  # a lower value than in the base year, as printed
    högre: tuple[Region, ...]
    oförändrade: tuple[Region, ...]
    utan_basår: tuple[Region, ...]  # in the group but without a value in the base year
    största_skillnad: Quantity | None  # the largest change among the compared (sign kept); None when none changed
    riket: Change | None  # the national value, base year to latest year; None when either is missing

    @property
    def antal(self) -> int:
        return len(self.län)

    @property
    def regioner(self) -> tuple[Region, ...]:
        return tuple(rv.region for rv in self.län)

    @property
    def jämförda_regioner(self) -> tuple[Region, ...]:
        """The group's regions with a value in both years, highest first."""
        return tuple(rv.region for rv in self.län if rv.has_both)

    @property
    def jämförda_med_basår(self) -> int:
        return len(self.jämförda_regioner)

    @property
    def alla_oförändrade(self) -> bool:
        return self.jämförda_med_basår > 0 and len(self.oförändrade) == self.jämförda_med_basår

    @property
    def ingen_högre(self) -> bool:
        """Some compared region is lower and none is higher."""
        return bool(self.lägre) and not self.högre

    @property
    def ingen_lägre(self) -> bool:
        """Some compared region is higher and none is lower."""
        return bool(self.högre) and not self.lägre

    @property
    def riket_tecken(self) -> int | None:
        """The national change as printed: -1 lower, 0 the same, 1 higher; None without it."""
        if self.riket is None:
            return None
        d = rounded(self.riket.difference.value, self.riket.difference.decimals)
        return (d > 0) - (d < 0)


def highest_regions(result: IndicatorResult, n: int = 3, at_most: int = 5) -> HighestRegions | None:
    """The *n* regions with the highest value in the latest region year, more when the n-th shares its value
    with the next. None without region values, when the group would hold every region with a value (then
    there is no "highest" to name), or when a tie makes it larger than *at_most* (no list of names that long)."""
    if not result.has_regions or n < 1:
        return None
    regions = [rv for rv in result.regions() if rv.has_latest]
    ranked = sorted(regions, key=lambda rv: (-rv.latest.shown, rv.region.code))
    if len(ranked) <= n:
        return None
    edge = ranked[n - 1].latest.shown
    group = tuple(rv for rv in ranked if rv.latest.shown >= edge)
    if len(group) == len(ranked) or len(group) > at_most:
        return None
    both = {rv.region: rv for rv in group if rv.has_both}
    moved = compare({r: rv.latest.quantity for r, rv in both.items()}, {r: rv.base.quantity for r, rv in both.items()})
    changes = [make_change(both[r].base.quantity, both[r].latest.quantity, both[r].base.year, both[r].latest.year, result.indicator.direction)
               for r in both if r not in moved.lika]  # in group order: of two changes as large, the higher län's
    largest = max(changes, key=lambda c: abs(c.difference.value)).difference if changes else None
    base_year, latest_year = result.region_base_year, result.region_latest_year
    start, end = result.point(base_year), result.point(latest_year)
    national = None
    if start is not None and start.quantity is not None and end is not None and end.quantity is not None:
        national = result.change(base_year, latest_year)
    without = tuple(rv.region for rv in group if not rv.has_both)
    return HighestRegions(latest_year, base_year, group, moved.lägre, moved.högre, moved.lika, without, largest, national)


# ---- two options of one question --------------------------------------------------------------


@dataclass(frozen=True)
class Overlap:
    """How the regions that answered both options split: "via 1177.se", "på annat sätt", both or neither."""

    båda: Tally
    bara_a: Tally
    bara_b: Tally
    ingen: Tally


def overlap(result: RegionSurveyResult, option_a: str, option_b: str, answer: str = YES, year: int | None = None) -> Overlap | None:
    """Regions that gave *answer* for A and B, only A, only B or neither (None when the question was not asked)."""
    year = result.report_year if year is None else year
    if not result.has_year(year):
        return None
    a = {x.region.code: x for x in result.answers(option_a, year)}
    b = {x.region.code: x for x in result.answers(option_b, year)}
    codes = [c for c in a if c in b]
    inputs = [q for c in codes for q in (a[c].quantity, b[c].quantity)]

    def count(what: str, test) -> Quantity:
        n = sum(1 for c in codes if test(a[c].answer == answer, b[c].answer == answer))
        key = value_key("enkät", "region", result.question.id, f"{option_a}+{option_b}", year, what)
        return derived(n, key, unit="antal", decimals=0, inputs=inputs, dims={"question": result.question.id, "year": str(year)})

    of = count("svarande", lambda x, y: True)
    regions = len(result.regions)
    return Overlap(
        Tally(count("båda", lambda x, y: x and y), of, regions),
        Tally(count(f"bara_{option_a}", lambda x, y: x and not y), of, regions),
        Tally(count(f"bara_{option_b}", lambda x, y: y and not x), of, regions),
        Tally(count("ingen", lambda x, y: not x and not y), of, regions),
    )


def answered_any(result: RegionSurveyResult, answers: Sequence[str], option: str = "", year: int | None = None) -> Tally | None:
    """Regions that gave any of *answers* ("Ja" or "Delvis"), of those that answered."""
    year = result.report_year if year is None else year
    if not result.has_year(year):
        return None
    given = result.answers(option, year)
    key = value_key(result.key_for(option, year), "antal", "+".join(answers))
    n = derived(
        sum(1 for a in given if a.answer in answers),
        key,
        unit="antal",
        decimals=0,
        inputs=[a.quantity for a in given],
        label=f"Antal regioner med svaret {' eller '.join(answers)}, fråga {result.question.id} {option} {year}",
        dims={"question": result.question.id, "option": option, "year": str(year)},
    )
    return Tally(n, result.total(option, year), len(result.regions))


# ---- one indicator ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFacts:
    """What a section on one indicator says: its development, the latest year, the sexes, the regions."""

    förändring: Change  # the first year of the series to the latest
    skillnad: Quantity  # its size: the latest value minus the first (procentenheter for percentages)
    värde: Quantity  # the latest national value
    från_år: int  # the first year of the series
    till_år: int  # the latest year
    senaste_året: Change | None  # the year before the latest to the latest; None when that year is missing
    år_före: int | None  # the year before the latest, when it has a value
    värde_året_före: Quantity | None
    könsskillnad: SexGap | None  # None without values for both sexes
    lägst_högst: Extremes | None  # the regions in the latest year; None without region values
    länen_skiljer_sig: bool  # the regions do not all have the same value
    sedan_basåret: RegionMoves | None  # the regions' latest values against the base year


def indicator_facts(result: IndicatorResult) -> IndicatorFacts:
    change = result.change()
    before = result.point(change.end_year - 1)
    has_before = before is not None and before.quantity is not None
    extremes = result.extremes() if result.has_regions else None
    moves = region_moves(result.region_changes(), result.indicator.direction, len(result.all_regions)) if result.has_regions else None
    return IndicatorFacts(
        förändring=change,
        skillnad=change.difference,
        värde=change.end,
        från_år=change.start_year,
        till_år=change.end_year,
        senaste_året=result.change(before.year, change.end_year) if has_before else None,
        år_före=before.year if has_before else None,
        värde_året_före=before.quantity if has_before else None,
        könsskillnad=result.sex_gap,
        lägst_högst=extremes,
        länen_skiljer_sig=extremes is not None and not extremes.all_equal,
        sedan_basåret=moves,
    )
