"""The sentence on the regions that had no länsgemensam plan when the survey last asked (chapter 3).

Which of them have decided on a plan since: all, none or some; one region or
several; named while they are a handful, counted beyond that.
"""

from __future__ import annotations

from naravard.analysis.chapters.styrning import Planer
from naravard.text.phrases import HANDFUL, join, region_name
from naravard.text.words import number_word


def since_when(plans: Planer) -> str:
    """``'under 2024'`` when only the report year asked about decisions, else ``'sedan dess'``."""
    return f"under {plans.beslutsår[-1]}" if plans.ett_beslutsår else "sedan dess"


def new_plans(plans: Planer) -> str:
    """``'De regioner som år 2023 saknade en beslutad plan, Region A, Region B och Region C, har alla
    beslutat om en plan under 2024. Övriga regioner hade redan en plan, …'``; "" when the survey never
    asked whether a plan exists."""
    lacking, new = plans.saknade, plans.nya
    if plans.basår is None:
        return ""
    if not lacking:
        had = plans.hade_plan
        if had is None or had.ingen:
            return ""
        who = "Samtliga regioner" if had.alla_svarade else f"Samtliga {number_word(had.svarande)} regioner som svarade"
        return f"{who} hade en plan redan år {plans.basår}."
    return lacking_sentence(plans) + (" " + OTHERS_HAD if plans.alla_har_plan else "")


OTHERS_HAD = "Övriga regioner hade redan en plan, även om den inte alltid har uppdaterats under året."


def lacking_sentence(plans: Planer) -> str:
    lacking, new = plans.saknade, plans.nya
    year, since = plans.basår, since_when(plans)
    who = f"som år {year} saknade en beslutad plan"
    names = join(region_name(r, "region") for r in lacking) if len(lacking) <= HANDFUL else ""
    if len(lacking) == 1:
        did = f"har beslutat om en plan {since}" if new else f"har inte beslutat om någon plan {since}"
        return f"Den region {who}, {names}, {did}."
    if len(new) == len(lacking):
        if names:
            return f"De regioner {who}, {names}, har alla beslutat om en plan {since}."
        return f"Samtliga {number_word(len(lacking))} regioner {who} har beslutat om en plan {since}."
    listed = f" ({names})" if names else ""
    if not new:
        return f"Ingen av de {number_word(len(lacking))} regioner {who}{listed} har beslutat om en plan {since}."
    decided = join(region_name(r, "region") for r in new) if len(new) <= HANDFUL else f"{number_word(len(new))} av dem"
    return f"Av de {number_word(len(lacking))} regioner {who}{listed} har {decided} beslutat om en plan {since}."
