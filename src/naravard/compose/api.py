"""The template API: every name a chapter template can reach, and nothing else.

Templates are written by Swedish analysts, so the API speaks Swedish: filters
(``{{ c | förändring }}``), functions (``{{ riktning(c, ned="Färre", upp="Fler",
lika="Lika många") }}``), variables (``år``, ``fakta``, ``indikator``) and the
macros in ``templates/partials/``. The Python behind them stays English
(``naravard.text.phrases``, ``naravard.text.wording``); the functions here only
give each one its Swedish name and keywords. ``docs/authoring.md`` documents
every name with an example, and ``tests/unit/test_template_api.py`` lists them,
so the API cannot grow by accident.

A filter that prints values marks its output with their keys (see
``naravard.compose.marks``), so the values manifest knows where each number
appears.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import wraps

from naravard.analysis.areas import AreaIndicator, Comparison, Standing, SurveyAnswer
from naravard.analysis.facts import Rank, Ranking, RegionMoves, Tally
from naravard.analysis.indicators import Change, Extremes, IndicatorResult, SexGap
from naravard.analysis.overview import Coverage
from naravard.analysis.prevention import LatestStanding, LowestEveryYear, SteadyRun
from naravard.analysis.quantity import Quantity
from naravard.analysis.plans import PlanCoverage, plan_coverage
from naravard.analysis.chapters.styrning import Planer
from naravard.analysis.chapters.delaktighet import Index, Insatser, KommunernasSamverkan
from naravard.analysis.survey import NumericExtremes, RegionSurveyResult
from naravard.compose import blocks, marks
from naravard.data.models import Indicator, Region
from naravard.text import tillganglighet
from naravard.text import kontinuitet
from naravard.text import overview as overview_words
from naravard.text import plans
from naravard.text import delaktighet as delaktighet_text
from naravard.text import answer_notes, areas, dates, escape, numbers, phrases, trends, wording, words
from naravard.text.escape import Markdown, is_markup
from naravard.text.trace import collect

# ---- how a filter marks what it printed ------------------------------------------------------


def marked(fn: Callable) -> Callable:
    """*fn*'s output carries the keys of the values it printed."""

    @wraps(fn)
    def filter_(*args, **kwargs):
        with collect() as sink:
            text = fn(*args, **kwargs)
        return marks.mark(text, (p.quantity.key for p in sink))

    return filter_


FORMS = {"län": "county", "region": "region", "kort": "short"}  # how a region is named: Örebro län / Region Örebro län / Örebro
ORDERS = {"lägst först": "low-high", "högst först": "high-low"}


def _form(form: str) -> str:
    try:
        return FORMS[form]
    except KeyError:
        raise ValueError(f"form={form!r}: use one of {', '.join(repr(f) for f in FORMS)}") from None


# ---- filters: values -----------------------------------------------------------------------------


@marked
def värde(q: Quantity, substantiv: str = "") -> str:
    """Ett värde i löptext med sin enhet: 8,9 procent; 562 vårdtillfällen per 100 000 invånare."""
    return phrases.value(q, noun=substantiv)


@marked
def kort(q: Quantity) -> str:
    """Den korta formen för tabeller och figurer: 8,9 %."""
    return phrases.short_value(q)


@marked
def tal(q: Quantity) -> str:
    """Talet utan enhet: 8,9."""
    return phrases.bare(q)


@marked
def skillnad(q: Quantity) -> str:
    """En skillnad: 0,1 procentenheter (för andelar), annars talet med sin enhet."""
    return phrases.difference(q)


# ---- filters: changes ----------------------------------------------------------------------------


@marked
def förändring(c: Change, substantiv: str = "", med_år: bool = True, neutrum: bool = False, bedömning: bool = False) -> str:
    """ökade från 81 procent år 2020 till 88 procent år 2024; med bedömning=true: …, vilket är en förbättring."""
    return phrases.change(c, noun=substantiv, with_years=med_år, neuter=neutrum, assessed=bedömning)


def förändring_kort(c: Change, neutrum: bool = False) -> str:
    """ökade; minskade; var i stort sett oförändrad (neutrum=true: oförändrat)."""
    return phrases.change_short(c, neuter=neutrum)


def bedömning(c: Change) -> str:
    """en förbättring; en försämring; ingen tydlig förändring."""
    return phrases.assessment(c)


@marked
def förändringens_storlek(c: Change) -> str:
    """Hur stor förändringen är: 7 procentenheter; 31 procent (relativt, för tal per invånare)."""
    return phrases.change_size(c)


# ---- filters: regions ------------------------------------------------------------------------------


@marked
def lägst_högst(e: Extremes, form: str = "län", substantiv: str = "", ordning: str = "lägst först") -> str:
    """Lägst är värdet i Örebro län (5,8 procent) och högst i Skåne län (11,8 procent). Delade platser nämns tillsammans."""
    return phrases.extremes(e, form=_form(form), noun=substantiv, order=ORDERS[ordning])


@marked
def från_lägst_till_högst(e: Extremes, form: str = "län", substantiv: str = "") -> str:
    """från 5,8 procent i Örebro län till 11,8 procent i Skåne län (när länen skiljer sig åt)."""
    return phrases.spread(e, form=_form(form), noun=substantiv)


@marked
def mellan_länen(e: Extremes, form: str = "län", substantiv: str = "", neutrum: bool = False) -> str:
    """Efter "Andelen": skilde sig mellan länen, från 5,8 procent i Örebro län till 11,8 procent i Skåne län;
    var densamma i samtliga 21 län (9,0 procent)."""
    return wording.regions_differ(e, form=_form(form), noun=substantiv, neuter=neutrum)


@marked
def högst_lägst_andel(e: NumericExtremes, form: str = "region") -> str:
    """Högst andel anger Västra Götalandsregionen (96 procent) och lägst Region Blekinge (18 procent)."""
    return phrases.numeric_extremes(e, form=_form(form))


def regionnamn(r: Region, form: str = "län") -> str:
    """Örebro län; med form="region": Region Örebro län; med form="kort": Örebro."""
    return phrases.region_name(r, _form(form))


def i_region(r: Region, form: str = "län") -> str:
    """i Örebro län; på Gotland; med form="region": i Region Örebro län."""
    return phrases.region_in(r, _form(form))


def i_regioner(regions: Sequence[Region], form: str = "län") -> str:
    """i Blekinge och Västerbotten."""
    return phrases.regions_in(regions, _form(form))


def uppräknade_län(regions: Sequence[Region]) -> str:
    """Flera län med "län" en gång: Gävleborgs, Östergötlands och Skåne län (metod.deepening_study.counties)."""
    return phrases.counties(regions)


@marked
def lägre_högre(m: RegionMoves, substantiv: str = "län", neutrum: bool = False) -> str:
    """Efter "var andelen": lägre i 15 av 21 län och högre i 5; lägre i samtliga 21 län."""
    return wording.region_moves(m, substantiv, neuter=neutrum)


# ---- filters: one area (the profiles) -----------------------------------------------------------


@marked
def plats(s: Standing) -> str:
    """Områdets plats bland de jämförda: 5:e lägst av 21 regioner; lägst av 21 regioner; 2:e lägst av 21 regioner, delad plats med en annan region."""
    return areas.rank(s)


@marked
def mot_riket(c: Comparison | None) -> str:
    """lägre än riket (9,0 procent), vilket är bättre; utan önskad riktning bara högre eller lägre."""
    return areas.versus(c, "riket")


@marked
def mot_länet(c: Comparison | None) -> str:
    """högre än länet (8,5 procent), vilket är sämre (kommunprofiler)."""
    return areas.versus(c, "länet")


def osäkerhet(c: Comparison | None, mot: str = "riket") -> str:
    """Om skillnaden är större än konfidensintervallet, som en mening; ingenting när intervallet inte är känt."""
    return areas.interval(c, mot)


def saknas_för_området(a: AreaIndicator) -> str:
    """Uppgift saknas för 2024. Regionen deltog inte i 2024 års mätning, … (skälet ur datapaketet)."""
    return areas.missing(a)


@marked
def svar_mot_antal(s: SurveyAnswer, subjekt: str = "Regionen") -> str:
    """Regionen har svarat Ja, liksom 14 andra av 21 regioner; …, som den enda av 21 regioner."""
    return areas.survey_answer(s, subjekt)


# ---- filters: counts ------------------------------------------------------------------------------


@marked
def antal_av(n: Quantity | Tally | int, av: Quantity | int | None = None, substantiv: str = "regioner", noll: str = "") -> str:
    """19 av 21 regioner; för en region som inte svarade: 19 av 20 regioner som svarade; med noll="ingen region": så för 0."""
    return phrases.count_of(n, av, substantiv, zero=noll)


@marked
def hur_många(
    n: Quantity | Tally | int,
    av: Quantity | int | None = None,
    substantiv: str = "regioner",
    bestämd: str = "regionerna",
    antal: bool = True,
) -> str:
    """nästan alla regioner (19 av 21); samtliga 21 regioner; samtliga 20 regioner som svarade; med antal=false: de flesta regioner."""
    return phrases.quantified(n, av, substantiv, definite=bestämd, counts=antal)


def hur_många_ord(n: Quantity | Tally | int, av: Quantity | int | None = None) -> str:
    """Bara ordet: nästan alla; knappt hälften av."""
    return phrases.quantifier(n, av)


@marked
def flest(rangordning: Ranking, substantiv: str = "regioner", ingen: str = "ingen region") -> str:
    """Subjektet för det vanligaste alternativet: flest regioner, 18 av 21,; samtliga 21 regioner;
    lika många regioner, 19 av 21, (alla alternativ lika); ingen region."""
    return wording.most(rangordning, substantiv, none=ingen)


def alternativen(plats: Rank, bindeord: str = "och") -> str:
    """Svarsalternativen på en plats i en rangordning, med liten bokstav: stöd vid utskrivning från sjukhus; äldre och barn och unga."""
    return wording.options_named(plats, bindeord)


# ---- filters: sexes, notes, text ------------------------------------------------------------------


@marked
def könsskillnad(g: SexGap | None, där: str = "") -> str:
    """(Ingenting utan värden för båda könen.) Andelen har konsekvent varit högre bland män än bland kvinnor under hela perioden 2013–2024. År 2024 var skillnaden 0,1 procentenheter.
    Subjektet följer måttets enhet (Andelen, Antalet, Kostnaden, Indexvärdet); där="i ordinärt boende" ger Andelen i ordinärt boende."""
    return phrases.sex_gap(g, qualifier=där)


def saknas_not(r: IndicatorResult) -> str:
    """En figurnot om regioner som saknar värde, med skälet i data: Uppgift saknas för Stockholm: …"""
    return phrases.missing_note(r)


def utelämnade_not(svar: Sequence, form: str = "region") -> str:
    """En figurnot om svar som figuren lämnar utanför (exclusions.csv), med skälet i data: Region Sörmland visas inte i figuren. …"""
    return phrases.exclusion_note(svar, form=_form(form))


def svarsnoter(fråga: RegionSurveyResult, år: int | None = None) -> str:
    """Noten om rättade eller kommenterade svar, skriven från svarens rader (reported, note) i survey_regions.csv."""
    return answer_notes.notes_text(fråga, år)


def täckning(c: Coverage) -> str:
    """10 av 21 regioner (för figurnoter, som inte märker värden)."""
    return phrases.coverage_text(c)


def uppräkning(items: Sequence[str], bindeord: str = "och") -> str:
    """A, B och C."""
    items = list(items)
    if not any(is_markup(i) for i in items):
        return phrases.join(items, bindeord)
    # markup stays markup; text beside it is escaped
    return Markdown(phrases.join([str(escape.markdown(i)) for i in items], str(escape.markdown(bindeord))))


INDICATOR_ANCHOR = "karnindikator-"  # Bilaga 2's section of a kärnindikator: {#karnindikator-<id>}


def indikatorer(lista: Sequence[Indicator], bindeord: str = "och", länk: bool = False) -> str:
    """Indikatorernas namn i en uppräkning: Förtroende för hälso- och sjukvården och Medicinsk bedömning inom tre dagar;
    med länk=true länkar var och en till sitt avsnitt i Bilaga 2."""
    names = [escape.markdown(i.name) for i in lista]
    if länk:
        names = [Markdown(f"[{n}](#{INDICATOR_ANCHOR}{i.id})") for n, i in zip(names, lista)]
    return Markdown(phrases.join([str(n) for n in names], str(escape.markdown(bindeord))))


def versal(text: str) -> str:
    """Stor första bokstav, även i ett märkt värde: Nästan alla regioner …"""
    return marks.capitalize(text)


def årsintervall(första: int, sista: int) -> str:
    """2017–2024 (ett år om de är lika)."""
    return numbers.year_span(första, sista)


def långt_datum(d: dt.date) -> str:
    """29 augusti 2025."""
    return dates.long_date(d)


def månad_och_år(d: dt.date) -> str:
    """augusti 2025."""
    return dates.month_year(d)


def tidsperiod(från: dt.date, till: dt.date) -> str:
    """Med sin preposition: under våren 2025; i mars 2025; mellan mars och juni 2025."""
    return dates.period(från, till)


def md(text: str) -> str:
    """Text från data i löptext: skyddar tecken som markdown annars läser som formatering."""
    return escape.markdown(text)


@marked
def värde_jämfört(andel: object) -> str:
    """En andel med året före, när frågan ställdes då: 42 procent, jämfört med 41 procent år 2023
    (fakta.kommuner_digitala i kapitel 5)."""
    return tillganglighet.share_with_year_before(andel)


@marked
def år_för_år(serie: object, svar: str = "ja") -> str:
    """En serie undersökning för undersökning: Andelen som svarade ja var 61 procent år 2017. År 2021 ökade
    andelen till 66 procent. … (fakta.ordinarie i kapitel 7)."""
    return kontinuitet.survey_by_survey(serie, answer=svar)


@marked
def därefter(alternativ: Sequence, inledning: str = "Därefter följer") -> str:
    """Alternativen efter den första platsen, vart och ett med sitt antal: Därefter följer krav på
    vårdcentralerna (5 av 21) och ekonomiska incitament (5 av 21). (Ingenting när alla delar första platsen.)"""
    return kontinuitet.after_the_first(alternativ, lead=inledning)


# ---- filters: series over the years ---------------------------------------------------------------


def i_följd(följd: SteadyRun | None, c: Change) -> str:
    """Efter en förändring: " och har minskat varje år sedan 2018"; " men har ökat varje år sedan 2021" när
    de senaste åren går mot förändringen; ingenting utan minst två år i följd åt samma håll."""
    return trends.run_clause(följd, c)


def läge(l: LatestStanding, mått: str = "Antalet", neutrum: bool = True) -> str:
    """Var det senaste året står i serien: Antalet år 2024 var det lägsta i tidsserien, som börjar 2014. /
    … det högsta sedan 2014. Med mått="Andelen", neutrum=false: den lägsta … (Ingenting när året innan redan
    var högre eller lägre.)"""
    return trends.standing(l, measure=mått, neuter=neutrum)


@marked
def lägst_varje_år(k: LowestEveryYear, substantiv: str = "besök") -> str:
    """Samma 3 kommuner hade de lägsta antalen besök varje år under perioden: Avesta i Dalarnas län samt
    Bollnäs och Ovanåker i Gävleborgs län. (En kommun: "En och samma kommun …"; fler än en handfull räknas.)"""
    return trends.lowest_every_year(k, noun=substantiv)


# ---- filters: chapter 2 (text/overview.py) -----------------------------------------------------------


@marked
def utvecklingar(lista: Sequence, jämfört: str = "bättre") -> str:
    """Kärnindikatorernas utveckling med storlek: tillgodosett vårdbehov (25 procent bättre än 2017) och …;
    med jämfört="sämre" för dem som utvecklats bort från målen."""
    return overview_words.developments(lista, jämfört)


@marked
def andelar(platser: Sequence) -> str:
    """Alternativ med sina andelar, störst först, delade platser tillsammans: samverkansinsatser (93 procent),
    hälsofrämjande insatser (88 procent) samt utskrivningsprocessen och fasta omsorgskontakter (78 procent vardera)."""
    return overview_words.shares_named(platser)


@marked
def övriga_platser(rangordning: Ranking, substantiv: str = "regioner") -> str:
    """Platserna efter den första, en mening var: För barn och unga gäller det 13 av 21 regioner."""
    return overview_words.later_places(rangordning, substantiv)


@marked
def i_antal(n: Quantity | Tally, av: Quantity | None = None, substantiv: str = "län", svar: bool = False) -> str:
    """Efter ett verb: i 15 av 21 län; i samtliga 21 län; i ingen av de 21 länen; med svar=true för enkätsvar:
    i samtliga 20 regioner som svarade."""
    return overview_words.in_count(n, av, substantiv, answers=svar)


@marked
def förändrade_andelar(förändringar: Sequence) -> str:
    """Alternativ vars andel ändrats, med från och till: familjecentraler i samverkan med regionen, från 43 procent
    till 52 procent; flera (delad plats): a (från 40 procent till 50 procent) och b (från …)."""
    return overview_words.shares_moved(förändringar)


def varje_år(serie, mått: str = "Värdet") -> str:
    """Värdet har minskat varje år sedan 2013. / Med undantag för 2021 har värdet minskat varje år sedan 2013.
    (Ingenting när fler år går mot förändringen.)"""
    return overview_words.every_year(serie, mått)


# ---- functions ------------------------------------------------------------------------------------


def om(villkor: object, då: str = "", annars: str = "") -> str:
    """Den ena eller andra korta texten efter ett namngivet faktum: om(fakta.x, då="Samverkan i fokus …", annars="Insatser …")."""
    return då if villkor else annars


def riktning(c: Change, *, ned: str, upp: str, lika: str) -> str:
    """Ordet för förändringens riktning: riktning(c, ned="Färre", upp="Fler", lika="Lika många")."""
    return wording.direction_word(c, up=upp, down=ned, same=lika)


def riktningar(a: Change, b: Change, *, upp: str, ned: str, lika: str, första: str, andra: str, båda: str) -> str:
    """Två seriers riktning i en fras: minskar i särskilt boende men ökar i ordinärt boende; med båda=
    "i både särskilt och ordinärt boende" när de går åt samma håll: minskar i både särskilt och ordinärt boende."""
    return trends.two_directions(a, b, up=upp, down=ned, same=lika, first=första, second=andra, both=båda)


def jämförelse(
    a: Quantity | Tally | int, b: Quantity | Tally | int, *, större: str = "fler än", mindre: str = "färre än", lika: str = "lika många som"
) -> str:
    """Hur a förhåller sig till b: fler än; färre än; lika många som (eller orden du ger)."""
    return wording.comparison_word(a, b, more=större, fewer=mindre, same=lika)


def ental_eller_flertal(antal: Rank | Tally | Sequence | Quantity | int, *, ental: str, flertal: str) -> str:
    """Singular or plural, as the data call for: ental_eller_flertal(plats, ental="Den vanligaste typen", flertal="De vanligaste typerna")."""
    return wording.singular_or_plural(antal, singular=ental, plural=flertal)


def länsgemensamma_planer(finns_plan: RegionSurveyResult, beslutad_plan: RegionSurveyResult) -> PlanCoverage:
    """Länsgemensamma planer över alla år paketet har: om en plan fanns (den tidigare frågan) och
    om en plan beslutades eller uppdaterades under året (Fråga 4), se analysis/plans.py."""
    return plan_coverage(finns_plan, beslutad_plan)


def efter_har(plats: Rank, bindeord: str = "och") -> str:
    """Svarsalternativen på en plats som det regionen har gjort: (regionen har) tagit fram rutiner …; informerat patienter."""
    return delaktighet_text.after_har(plats, bindeord)


@marked
def indexutveckling(index: Index) -> str:
    """Efter "Indexvärdet": ökade från 78,4 år 2017 till 80,1 år 2019 och har därefter i stort sett varit oförändrat
    (79,8 år 2024); har i stort sett varit oförändrat sedan 2017 (…); annars förändringen över hela serien."""
    return delaktighet_text.index_development(index)


@marked
def färst_sats(insatser: Insatser, inledning: str = "Färst regioner") -> str:
    """Meningen om den minst vanliga insatsen: Färst regioner, 8 av 21, har följt upp …; Ingen region har …;
    inget när alla insatser har lika många regioner. Med inledning="Färst": Färst, 5 av 21 regioner, har …"""
    return delaktighet_text.least_common(insatser, inledning)


@marked
def andel_utan_kommuner(kommunerna: KommunernasSamverkan, år: int) -> str:
    """ökade från 46 procent år 2023 till 67 procent år 2024; var 46 procent både år 2023 och år 2024; var 67 procent år 2024."""
    return delaktighet_text.share_without_kommuner(kommunerna, år)


def nya_planer(planer: Planer) -> str:
    """Meningen om regionerna som saknade en länsgemensam plan när enkäten senast frågade: vilka som har
    beslutat om en plan sedan dess (alla, ingen eller några; namngivna upp till en handfull), se text/plans.py."""
    return plans.new_plans(planer)


def med_bokstäver(n: int) -> str:
    """Små tal i ord: två (tal över tolv med siffror)."""
    return words.number_word(n)


def ordningstal(n: int) -> str:
    """tredje; 11:e."""
    return words.ordinal_word(n)


def månadsnamn(månad: int) -> str:
    """augusti för 8."""
    return dates.month_name(månad)


BOX_KINDS = {"resultat": "results", "fakta": "fact"}


def ruta_block(rubrik: str, innehåll: str, sort: str = "resultat") -> str:
    """The framed box behind the macro ``m.ruta`` (templates/partials/macros.j2): sort="resultat" or "fakta"."""
    return blocks.box_block(rubrik, innehåll, BOX_KINDS[sort])


FILTERS: dict[str, Callable] = {
    f.__name__: f
    for f in (
        värde, kort, tal, skillnad,
        förändring, förändring_kort, bedömning, förändringens_storlek,
        lägst_högst, från_lägst_till_högst, mellan_länen, högst_lägst_andel, regionnamn, i_region, i_regioner, uppräknade_län, lägre_högre,
        antal_av, hur_många, hur_många_ord, flest, alternativen,
        könsskillnad, saknas_not, utelämnade_not, svarsnoter, täckning,
        uppräkning, indikatorer, versal, årsintervall, långt_datum, månad_och_år, tidsperiod, md,
        i_följd, läge, lägst_varje_år,
        värde_jämfört,
        år_för_år, därefter,
        utvecklingar, andelar, övriga_platser, i_antal, varje_år, förändrade_andelar,
        plats, mot_riket, mot_länet, osäkerhet, saknas_för_området, svar_mot_antal,
    )
}  # fmt: skip
FILTERS |= {f.__name__: f for f in (efter_har,)}

GLOBALS: dict[str, Callable] = {
    f.__name__: f for f in (om, riktning, riktningar, jämförelse, ental_eller_flertal, länsgemensamma_planer, med_bokstäver, ordningstal, månadsnamn, ruta_block)
} | {f.__name__: f for f in (nya_planer,)} | {f.__name__: f for f in (indexutveckling, färst_sats, andel_utan_kommuner)}

# The macros, reached as m.<name> (m.ruta, m.innehållsförteckning, m.sidbrytning).
MACROS = "partials/macros.j2"

# The variables every chapter is composed with (built in naravard.compose.context), and what each holds.
VARIABLES: dict[str, str] = {
    "år": "the reference year of the data (2024)",
    "rapport": "report.toml: title, subtitle, published, edition …",
    "katalog": "the catalogue: indicators, questions, regions",
    "regioner": "the regions, in länskod order",
    "fakta": "this chapter's facts (naravard.analysis.chapters.<chapter>)",
    "alla_fakta": "every chapter's facts by name: alla_fakta.samverkan",
    "indikator": "indicator results by id: indikator.oplanerade_aterinskrivningar",
    "enkät": "the regions' survey by question: enkät['13']",
    "kommun": "the municipalities' survey by question: kommun['k.insatser']",
    "fig": "figures: fig.trend(r), fig.regions(r) …; {{ f.ref }} refers to one, {{ f }} places it",
    "tab": "tables: tab.survey(q), tab.core_indicators() …",
    "cite": 'references: cite("prop_2019_20_164") -> [3]',
    "finns_referens": 'whether a work plays a role this year: {% if finns_referens("overenskommelse") %}',
    "referenslista": "the numbered reference list (citeproc formats it once every chapter is composed)",
    "exempel": 'the regions\' curated examples by topic: exempel.ruta("mobila_team"), exempel.stycke("landsbygd")',
    "källfakta": "facts from other sources (facts.csv): källfakta.landsbygd_medel",
    "andel": "andel(a, b): a as a percentage of b, traced to both",
    "syntetiska_uppgifter": 'the notice that printed values are synthetic: syntetiska_uppgifter("omslag")',
    "metod": "method.toml's facts (chapter 1, Bilaga 1)",
    "översikt": "chapter 2's summaries of the kärnindikatorer",
    "kostnader": "chapter 2's primary-care cost facts",
    "analys": "series facts: latest standing, steady runs, coverage",
    "faktarutor": "Bilaga 2's fact boxes and nyckelord",
    "kapitel": "the chapter's file stem (04-samverkan)",
}

# The variables an area profile (templates/profiles/) is composed with (naravard.compose.profile), besides
# år, rapport and katalog.
PROFILE_VARIABLES: dict[str, str] = {
    "område": "the region or kommun: område.name, område.code, område.county (its län), område.level",
    "resultat": "every measure's result for the area (naravard.analysis.areas.AreaIndicator), kärnindikatorer first",
    "sammanfattning": "how many measures are better, worse or the same as riket's",
    "enkätsvar": "the region's answers to the survey's one-word questions against the count (region profiles)",
    "länets_enkät": "the kommuner's survey for the kommun's län, each share beside riket's (kommun profiles; empty when the package has riket only)",
    "antal_områden": "how many areas the level has (21, 290)",
    "ensam_i_länet": "true for a kommun that is its län's only one (Gotland): no comparison with the län (kommun profiles)",
    "profil": "the profile's figure and table: profil.utveckling(resultat), profil.översikt(resultat)",
}

# Jinja's own filters, tests and globals that templates may still use. The chapters not yet
# converted to facts need them; a converted chapter uses none but the structural ones
# (tests/unit/test_template_api.py checks that). This list only shrinks.
JINJA_FILTERS = ("groupby", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr",
                 "replace", "reverse", "round", "select", "selectattr", "sort", "string")  # fmt: skip
JINJA_TESTS = ("none", "in", "equalto")
JINJA_GLOBALS = ("namespace",)

# Names before issue 9 (English) -> now; for error messages and scripts/rename_template_api.py.
FORMER_NAMES: dict[str, str] = {
    "v": "värde", "short": "kort", "num": "tal", "diff": "skillnad", "change": "förändring", "change_short": "förändring_kort",
    "assessment": "bedömning", "change_size": "förändringens_storlek", "extremes": "lägst_högst",
    "numeric_extremes": "högst_lägst_andel", "region": "regionnamn", "region_in": "i_region", "regions_in": "i_regioner",
    "count_of": "antal_av", "quantified": "hur_många", "quantifier": "hur_många_ord", "sex_gap": "könsskillnad",
    "join": "uppräkning", "capitalize": "versal", "cap": "versal", "year_span": "årsintervall", "long_date": "långt_datum",
    "month_year": "månad_och_år", "exclusion_note": "utelämnade_not", "counties": "uppräknade_län", "answer_notes": "svarsnoter",
}  # fmt: skip
