"""Chapter 6's word choices: answer options read as what a region "har" done, the index's development,
the least common effort, the share of län without any kommun taking part.

The options of Fråga 18 and 19 are labelled as the survey printed them, some
with "Har" ("Har tagit fram rutiner …"), some without ("Informerat patienter");
after "regionen har" each reads as a past participle phrase.
"""

from __future__ import annotations

from naravard.analysis.chapters.delaktighet import Index, Insatser, KommunernasSamverkan
from naravard.analysis.facts import Rank
from naravard.text.phrases import change, count_of, join, lower_first, value


def after_har(rank: Rank, conjunction: str = "och") -> str:
    """``'tagit fram rutiner för … och genomfört utbildningar …'``: the options of a place after "har"."""
    return join((_participle(o.label) for o in rank.alternativ), conjunction)


def _participle(label: str) -> str:
    text = lower_first(label)
    return text[4:] if text.startswith("har ") else text


def index_development(index: Index) -> str:
    """After "Indexvärdet": ``'ökade från 78,4 år 2017 till 80,1 år 2019 och har därefter i stort sett varit
    oförändrat (79,8 år 2024)'``; ``'har i stort sett varit oförändrat sedan 2017 (78,4 år 2017 och 79,8 år 2024)'``;
    otherwise the change over the whole series."""
    if index.planade_ut:
        late = index.sedan
        return f"{change(index.först)} och har därefter i stort sett varit oförändrat ({value(late.end)} år {late.end_year})"
    c = index.förändring
    if index.oförändrad:
        return (f"har i stort sett varit oförändrat sedan {c.start_year} ({value(c.start)} år {c.start_year} och "
                f"{value(c.end)} år {c.end_year})")  # fmt: skip
    return change(c)


def least_common(efforts: Insatser, lead: str = "Färst regioner") -> str:
    """The sentence on the least common effort: ``'Färst regioner, 8 av 21, har följt upp eller utvärderat arbetet.'``;
    ``'Ingen region har …'`` when no region did it; "" when every effort has the same count."""
    ranking = efforts.rangordning
    if ranking.alla_lika:
        return ""
    last = ranking.färst
    if last.antal.ingen:
        return f"Ingen region har {after_har(last)}."
    return f"{lead}, {count_of(last.antal, noun='' if lead == 'Färst regioner' else 'regioner')}, har {after_har(last)}."


def share_without_kommuner(k: KommunernasSamverkan, year: int) -> str:
    """After "Andelen län där kommunerna inte har samverkat kring överenskommelsen": ``'ökade från 46 procent år
    2023 till 67 procent år 2024'``; ``'var 46 procent både år 2023 och år 2024'``; ``'var 67 procent år 2024'``."""
    if k.inte_förra is None:
        return f"var {value(k.inte)} år {year}"
    if k.oförändrad:
        return f"var {value(k.inte)} både år {k.förra_året} och år {year}"
    verb = "ökade" if k.ökade else "minskade"
    return f"{verb} från {value(k.inte_förra)} år {k.förra_året} till {value(k.inte)} år {year}"
