"""Chapter 1, Socialstyrelsens uppdrag: the facts its templates read as ``fakta``.

Sources: the catalogue's kärnindikatorer (how many, their base years and
nyckelord) and the package's method.toml (the assignment's years, the surveys,
the deepening study). Templates: ``templates/chapters/01-uppdrag/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.data.method import Assignment, SurveyMethod
from naravard.data.models import DataPackage

# The year the first färdplan for god och nära vård was presented (SOU 2017:53): the
# text calls the base year "the färdplan's year" only while the two are the same.
ROADMAP_YEAR = 2017


@dataclass(frozen=True)
class UppdragFacts:
    kärnindikatorer: int  # how many
    basår: int | None  # the year the kärnindikatorer are first compared with (the earliest base year)
    basåret_är_färdplanens: bool  # the base year is the year the first färdplan was presented
    senare_basår: int  # kärnindikatorer whose comparable values begin after the base year
    flera_nyckelord: int  # kärnindikatorer carrying more than one nyckelord
    uppdrag: Assignment | None  # method.toml's [assignment]: when it was decided, when it reports
    överenskommelser: bool  # method.toml names the years of the agreements the report followed up
    sista_överenskommelsen: bool  # the report year is the last year of an agreement
    efter_överenskommelserna: bool  # the report year comes after the last agreement
    statsbidraget: bool  # the report year is the last agreement's or later: the text says what replaced them
    statsbidrag_från: int | None  # the first year after the agreements (the statsbidrag replaced them)
    alla_flera_nyckelord: bool  # every kärnindikator carries more than one nyckelord
    enkäter: int  # how many surveys method.toml describes
    antal_regioner: int  # in the catalogue
    antal_kommuner: int
    alla_svarade: bool  # every region and every RSS answered its survey
    fördjupningslän: tuple[str, ...]  # the deepening study's län, short names, in method.toml's order

    @property
    def antal_fördjupningslän(self) -> int:
        return len(self.fördjupningslän)


def facts(package: DataPackage) -> UppdragFacts:
    core = package.catalogue.core_indicators
    year = package.settings.year
    base = min((i.base_year for i in core), default=None)
    method: SurveyMethod | None = package.method  # type: ignore[assignment]
    assignment = method.assignment if method else None
    last = assignment.agreement_last if assignment else None
    study = method.deepening_study if method else None
    return UppdragFacts(
        kärnindikatorer=len(core),
        basår=base,
        basåret_är_färdplanens=base == ROADMAP_YEAR,
        senare_basår=sum(1 for i in core if i.base_year != base),
        flera_nyckelord=sum(1 for i in core if len(i.keywords) > 1),
        uppdrag=assignment,
        överenskommelser=assignment is not None,
        sista_överenskommelsen=last == year,
        efter_överenskommelserna=last is not None and year > last,
        statsbidraget=last is not None and year >= last,
        statsbidrag_från=None if last is None else last + 1,
        alla_flera_nyckelord=bool(core) and all(len(i.keywords) > 1 for i in core),
        enkäter=len(method.surveys) if method else 0,
        antal_regioner=len(package.catalogue.regions),
        antal_kommuner=len(package.catalogue.municipalities),
        alla_svarade=method is not None and everyone_answered(method),
        fördjupningslän=tuple(r.short_name for r in study.counties) if study else (),
    )


def everyone_answered(method: SurveyMethod) -> bool:
    """Every region and every RSS answered (the kommuner answer through RSS)."""
    return method.regioner.everyone_answered and method.rss.everyone_answered
