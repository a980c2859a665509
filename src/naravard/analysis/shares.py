"""The options of a question of the kommuner's survey ranked by their share, ties kept.

The counterpart of ``facts.Ranking`` (which counts regions) for shares of kommuner
or län: "Flest kommuner har arbetat med hälsofrämjande insatser (88 procent)".
Shares compare as printed (whole percent), so a tie is what the reader sees as one.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.analysis.quantity import Quantity
from naravard.analysis.rounding import rounded
from naravard.analysis.survey import MunicipalityShares
from naravard.data.models import SurveyOption


@dataclass(frozen=True)
class ShareRank:
    """One place: the options that share it and their share (the same, as printed, for each)."""

    alternativ: tuple[SurveyOption, ...]
    andel: Quantity

    @property
    def delad(self) -> bool:
        """Two or more options share the place."""
        return len(self.alternativ) > 1

    @property
    def alla(self) -> bool:
        """Every kommun (100 percent, as printed)."""
        return _shown(self.andel) == 100

    @property
    def ingen(self) -> bool:
        """No kommun (0 percent, as printed)."""
        return _shown(self.andel) == 0


@dataclass(frozen=True)
class ShareRanking:
    """Options by share, largest first; tied options share a place (catalogue order within it)."""

    platser: tuple[ShareRank, ...]

    @property
    def flest(self) -> ShareRank:
        return self.platser[0]

    @property
    def färst(self) -> ShareRank:
        return self.platser[-1]

    @property
    def alla_lika(self) -> bool:
        """Every option has the same share (then flest and färst are one place)."""
        return len(self.platser) == 1

    @property
    def ordning(self) -> tuple[str, ...]:
        """The option ids, largest share first: the order of a figure's bars."""
        return tuple(o.id for rank in self.platser for o in rank.alternativ)


def _shown(q: Quantity) -> float:
    return rounded(q.value, q.decimals)


def rank_shares(result: MunicipalityShares, year: int | None = None) -> ShareRanking | None:
    """The question's options with a share in *year* (default: the report year), ranked; None when none has one."""
    shares = result.shares_by_option(year)
    if not shares:
        return None
    labels = {o.id: o for o in result.question.options}
    places: list[ShareRank] = []
    for option_id, share in sorted(shares, key=lambda os: -_shown(os[1])):  # stable: catalogue order within a tie
        option = labels.get(option_id) or SurveyOption(option_id, result.question.title or result.question.text)
        if places and _shown(places[-1].andel) == _shown(share):
            places[-1] = ShareRank(places[-1].alternativ + (option,), places[-1].andel)
        else:
            places.append(ShareRank((option,), share))
    return ShareRanking(tuple(places))


def none_share(share: Quantity) -> bool:
    """Whether a share of the kommuner means none of them: exactly 0. A share that only rounds to 0
    (0,3 procent) is some kommuner, so the text keeps "0 procent av kommunerna" for it."""
    return share.value == 0
