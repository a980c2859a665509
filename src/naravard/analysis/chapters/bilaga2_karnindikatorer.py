"""Bilaga 2, Om kärnindikatorer: the facts its templates read as ``fakta``.

Sources: the catalogue's kärnindikatorer (Tabell 1's order, their nyckelord,
sources and definitions by year) and the package's values for them (which years
an indicator was measured, whether it has regional values), and the other
indicators the package holds (those the report follows beside the core).
Templates: ``templates/chapters/bilaga2-karnindikatorer/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis.keywords import keyword_usage, used_keywords, vocabulary
from naravard.data.models import DataPackage, Indicator

# The kärnindikatorer the edition uses to show how the selection was balanced: one for
# children and mental health taken in despite its rank, and readmissions chosen over a
# second measure of påverkbar slutenvård. The text applies while all three are core.
PRIORITISATION_EXAMPLE = ("barn_unga_psykisk_ohalsa_3d", "paverkbar_slutenvard", "oplanerade_aterinskrivningar")
REGULAR_PHYSICIAN = "ordinarie_lakare_65"  # the survey the text names as measured seldom and only nationally
# Sources whose values are what patients, brukare or invånare answered in a survey (not a register).
SELF_REPORTED_SOURCES = (
    "Nationell patientenkät",
    "Hälso- och sjukvårdsbarometern",
    "Vad tycker de äldre om äldreomsorgen?",
    "International Health Policy Survey",
)
OVERARCHING_KEYWORDS = ("God", "Nära")  # part of the whole selection's name, never put on one indicator
EFFICIENCY_KEYWORD = "Effektiv"


@dataclass(frozen=True)
class Nyckelordsplats:
    """Nyckelord that share a place by how many kärnindikatorer carry them."""

    nyckelord: tuple[str, ...]
    antal: int  # kärnindikatorer carrying each


@dataclass(frozen=True)
class Mätningar:
    """When an indicator was measured nationally, and whether it can be broken down by region."""

    år: tuple[int, ...]
    mellanrum: int | None  # the years between measurements when always the same and more than one; None otherwise
    regionalt: bool  # the package has regional values for it

    @property
    def åren(self) -> tuple[str, ...]:
        """The years as text, for ``uppräkning``."""
        return tuple(str(y) for y in self.år)


@dataclass(frozen=True)
class Bilaga2KarnindikatorerFacts:
    kärnindikatorer: tuple[Indicator, ...]  # Tabell 1's order
    antal: int  # how many kärnindikatorer
    ändrade: tuple[Indicator, ...]  # whose measure changed from the report year on
    förra_rapporten: int  # the year the previous report was published ("Ändring sedan 2024")
    nyckelord: tuple[str, ...]  # the vocabulary, in the goals' order
    flest_nyckelord: tuple[Indicator, ...]  # the kärnindikatorer with the most nyckelord (a tie named together)
    flest_nyckelord_antal: int
    flest_nyckelord_ord: tuple[str, ...]  # the nyckelord of the first of them
    mest_använda: Nyckelordsplats  # the nyckelord most kärnindikatorer carry
    minst_använda: Nyckelordsplats | None  # the least used; None when every used nyckelord is used as often
    mest_använda_av_alla: bool  # every kärnindikator carries the most used nyckelord
    god_och_nära_oanvända: bool  # neither God nor Nära is put on any kärnindikator
    effektiv_oanvänd: bool
    prioriteringsexemplet: bool  # the three indicators of the edition's example of prioritisation are all core
    självrapporterade: int  # kärnindikatorer whose values are survey answers of patients, brukare or invånare
    producenter: tuple[str, ...]  # who produces the kärnindikatorernas data, in Tabell 1's order
    ordinarie_läkare: Mätningar | None  # the IHP survey's years; None when it is not a kärnindikator with values
    utanför_urvalet: int  # other indicators (not costs) the package holds and the report follows

    @property
    def flera_med_flest_nyckelord(self) -> bool:
        return len(self.flest_nyckelord) > 1


def facts(package: DataPackage) -> Bilaga2KarnindikatorerFacts:
    cat = package.catalogue
    core = tuple(cat.core_indicators)
    year = package.settings.year
    used = set(used_keywords(cat))
    widest = max((len(i.keywords) for i in core), default=0)
    most, least = keyword_places(cat)
    return Bilaga2KarnindikatorerFacts(
        kärnindikatorer=core,
        antal=len(core),
        ändrade=tuple(i for i in core if i.changed_in(year) is not None),
        förra_rapporten=package.settings.publication_year - 1,
        nyckelord=tuple(vocabulary(cat)),
        flest_nyckelord=tuple(i for i in core if len(i.keywords) == widest),
        flest_nyckelord_antal=widest,
        flest_nyckelord_ord=next((i.keywords for i in core if len(i.keywords) == widest), ()),
        mest_använda=most,
        minst_använda=least,
        mest_använda_av_alla=bool(core) and most.antal == len(core),
        god_och_nära_oanvända=not used & set(OVERARCHING_KEYWORDS),
        effektiv_oanvänd=EFFICIENCY_KEYWORD not in used,
        prioriteringsexemplet=all(i in {c.id for c in core} for i in PRIORITISATION_EXAMPLE),
        självrapporterade=sum(1 for i in core if self_reported(i)),
        producenter=tuple(dict.fromkeys(i.producer for i in core if i.producer)),
        ordinarie_läkare=measurements(package, REGULAR_PHYSICIAN) if REGULAR_PHYSICIAN in {c.id for c in core} else None,
        utanför_urvalet=followed_beside_core(package),
    )


def keyword_places(catalogue) -> tuple[Nyckelordsplats, Nyckelordsplats | None]:
    """The most and the least used nyckelord, ties together; the least is None when all are used alike."""
    usage = keyword_usage(catalogue)
    if not usage:
        return Nyckelordsplats((), 0), None
    counts = [len(inds) for _, inds in usage]
    top, low = max(counts), min(counts)
    most = Nyckelordsplats(tuple(k for k, inds in usage if len(inds) == top), top)
    least = Nyckelordsplats(tuple(k for k, inds in usage if len(inds) == low), low)
    return most, (least if low < top else None)


def self_reported(indicator: Indicator) -> bool:
    return indicator.source.startswith(SELF_REPORTED_SOURCES)


def measurements(package: DataPackage, indicator_id: str) -> Mätningar | None:
    """The years with a national value, the gap between them when it is always the same, and regional values."""
    rows = package.indicators[package.indicators.indicator == indicator_id]
    national = rows[(rows.level == "riket") & (rows.sex == "totalt") & rows.value.notna()]
    years = tuple(sorted(int(y) for y in national.year.unique()))
    if not years:
        return None
    gaps = {b - a for a, b in zip(years, years[1:])}
    regional = not rows[(rows.level == "region") & rows.value.notna()].empty
    gap = gaps.pop() if len(gaps) == 1 else None
    return Mätningar(years, gap if gap and gap > 1 else None, regional)


def followed_beside_core(package: DataPackage) -> int:
    """Indicators (not cost measures) outside the core that the package has values for."""
    held = set(package.indicators.indicator.unique())
    return sum(1 for i in package.catalogue.indicators.values() if i.core_number is None and i.kind == "indicator" and i.id in held)
