"""Pieces of the scheme answers: a frame's facts, a due date as text, a card's text fallback."""

from __future__ import annotations

from datetime import date

from bot.qa import texts as t
from bot.scheme import (
    Deadline,
    Frame,
    Lang,
    Network,
    format_date,
    format_days_left,
    format_money,
    non_working_day_note,
)
from bot.scheme.formatting import format_number
from bot.scheme.models import normalise_name
from cards.views import BarsCard, Fact, FactsCard


def municipality(network: Network, place: str | None) -> str | None:
    """`place` if it named one of the network's municipalities (not the network itself)."""
    if place is None:
        return None
    members = {normalise_name(member): member for member in network.members}
    own_names = {normalise_name(name) for name in (network.name, network.id, *network.aliases)}
    key = normalise_name(place)
    return members.get(key) if key not in own_names else None


def frame_facts(frame: Frame, lang: Lang) -> list[Fact]:
    status = (t.STATUS_ESTIMATED if frame.status == "estimated" else t.STATUS_DECIDED).get(lang)
    facts = [
        Fact(title=t.STATUS.get(lang), value=status),
        Fact(title=t.BASE.get(lang), value=format_money(frame.grunntilskudd)),
        Fact(title=t.SHARE.get(lang), value=format_money(frame.estimated - frame.grunntilskudd)),
        Fact(
            title=t.COUNTS.get(lang),
            value=f"{format_number(frame.elevtall)} / {format_number(frame.barnetall)}",
        ),
    ]
    if frame.status == "decided":
        facts.append(Fact(title=t.KEY_GAVE.get(lang), value=format_money(frame.estimated)))
    facts.append(Fact(title=t.COORDINATION.get(lang), value=format_money(frame.koordinering)))
    facts.append(Fact(title=t.USED.get(lang), value=t.USED_UNKNOWN.get(lang)))
    return facts


def due_text(deadline: Deadline, today: date, lang: Lang) -> str:
    """ "1. februar 2027 (om 70 dager)", "(passert)", or that it is set locally."""
    if deadline.due is None:
        if deadline.recommended is None:
            return t.LOCAL.get(lang)
        return t.RECOMMENDED.get(lang).format(date=format_date(deadline.recommended, lang))
    date_text = format_date(deadline.due, lang)
    days = (deadline.due - today).days
    if days < 0:
        return t.PASSED.get(lang).format(date=date_text)
    note = non_working_day_note(deadline, lang)
    text = f"{date_text} ({format_days_left(days, lang)})"
    return f"{text}. {note}" if note else text


def fallback(card: FactsCard | BarsCard) -> str:
    """The card's content as plain text, for notifications and clients without cards."""
    lines = [card.title, card.headline]
    if card.warning:
        lines.append(card.warning)
    if isinstance(card, FactsCard):
        lines += [f"{fact.title}: {fact.value}" for fact in card.facts]
    else:
        lines += [f"{bar.label}: {bar.value}" for bar in card.bars]
    return "\n".join([*lines, *card.notes])
