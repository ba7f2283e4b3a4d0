"""Pieces of the scheme answers: a frame's facts, a due date as text, a card's text fallback."""

from __future__ import annotations

from datetime import date

from bot.qa import texts as t
from bot.scheme import (
    Deadline,
    Frame,
    Lang,
    Network,
    example_data_note,
    format_date,
    format_days_left,
    format_money,
    non_working_day_note,
)
from bot.scheme.formatting import format_number
from bot.scheme.models import normalise_name
from bot.scheme.money import Commitment
from cards.views import BarsCard, Fact, FactsCard


def municipality(network: Network, place: str | None) -> str | None:
    """`place` if it named one of the network's municipalities (not the network itself)."""
    if place is None:
        return None
    members = {normalise_name(member): member for member in network.members}
    own_names = {normalise_name(name) for name in (network.name, network.id, *network.aliases)}
    key = normalise_name(place)
    return members.get(key) if key not in own_names else None


def frame_facts(frame: Frame, lang: Lang, committed: Commitment | None = None) -> list[Fact]:
    """How the frame was computed, then what the beslutningsgrunnlag commits and what is left."""
    status = (t.STATUS_ESTIMATED if frame.status == "estimated" else t.STATUS_DECIDED).get(lang)
    if frame.entered_vedtak and frame.decided_on is not None:
        status = t.STATUS_DECIDED_ON.get(lang).format(
            date=format_date(frame.decided_on, lang), reference=frame.decision_reference
        )
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
    return facts + commitment_facts(frame, committed, lang)


def commitment_facts(frame: Frame, committed: Commitment | None, lang: Lang) -> list[Fact]:
    """Committed (sent, or a draft, said so), left, and committed per budget-line kind."""
    if committed is None:
        return [
            Fact(title=t.COMMITTED_NONE.get(lang), value=t.NOTHING_COMMITTED.get(lang)),
            Fact(title=t.LEFT.get(lang), value=format_money(frame.amount)),
        ]
    if committed.sent:
        title = t.COMMITTED_SENT.get(lang).format(reference=committed.reference)
        left = t.LEFT.get(lang)
    else:
        title, left = t.COMMITTED_DRAFT.get(lang), t.LEFT_IF_SENT.get(lang)
    kinds = (
        (t.KIND_OWNER, "budget_owner"),
        (t.KIND_UH, "budget_uh"),
        (t.KIND_COORDINATION, "budget_coordination"),
    )
    return [
        Fact(title=title, value=format_money(committed.total)),
        *(
            Fact(title=label.get(lang), value=format_money(committed.by_kind.get(kind, 0)))
            for label, kind in kinds
        ),
        Fact(title=left, value=format_money(frame.amount - committed.total)),
    ]


def frame_headline(frame: Frame, lang: Lang) -> str:
    """«Estimert ramme: kr …», «Vedtatt ramme: kr …» with the vedtak's date when entered."""
    if frame.entered_vedtak and frame.decided_on is not None:
        return t.DECIDED_ON.get(lang).format(
            amount=format_money(frame.amount), date=format_date(frame.decided_on, lang)
        )
    return t.FRAME_AMOUNT[frame.status].get(lang).format(amount=format_money(frame.amount))


def frame_warning(frame: Frame, lang: Lang) -> str | None:
    """Example data said so; an administrator's vedtak is never called example data."""
    if not frame.example_data:
        return None
    return t.ENTERED_NOT_EXAMPLE.get(lang) if frame.entered_vedtak else example_data_note(lang)


def left_headline(frame: Frame, committed: Commitment | None, lang: Lang) -> str:
    """«Igjen: kr … av rammen på kr … Bundet opp: kr … (…).»"""
    if committed is None:
        source, amount = t.SOURCE_NONE.get(lang), 0
    elif committed.sent:
        source = t.SOURCE_SENT.get(lang).format(reference=committed.reference)
        amount = committed.total
    else:
        source, amount = t.SOURCE_DRAFT.get(lang), committed.total
    return t.LEFT_HEADLINE.get(lang).format(
        left=format_money(frame.amount - amount),
        frame=format_money(frame.amount),
        committed=format_money(amount),
        source=source,
    )


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
