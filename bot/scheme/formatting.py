"""Norwegian text for dates, money, days left, deadlines and frames (bokmål and nynorsk).

Spaces: amounts and counts use U+00A0 NO-BREAK SPACE, both as the thousands separator and between
"kr" and the number ("kr 1 300 000" with no-break spaces), so an amount never breaks over two
lines in Teams. Babel's separator is normalised to U+00A0 (never the narrow U+202F some locales
use). All other text uses ordinary spaces.
"""

from __future__ import annotations

import datetime as dt
from decimal import localcontext
from functools import lru_cache
from typing import TYPE_CHECKING

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

from bot.scheme.models import Lang, Localized

if TYPE_CHECKING:
    from bot.scheme.calendar import Deadline
    from bot.scheme.money import Frame

NBSP = "\u00a0"
_OTHER_SPACES = str.maketrans({"\u202f": NBSP, "\u2009": NBSP, " ": NBSP})

_WEEKEND_DAYS: dict[int, Localized] = {  # by date.weekday()
    5: Localized(nb="lørdag", nn="laurdag"),
    6: Localized(nb="søndag", nn="sundag"),
}
_TEXT: dict[str, Localized] = {
    "today": Localized(nb="i dag", nn="i dag"),
    "tomorrow": Localized(nb="i morgen", nn="i morgon"),
    "yesterday": Localized(nb="i går", nn="i går"),
    "in_days": Localized(nb="om {n} dager", nn="om {n} dagar"),
    "days_ago": Localized(nb="for {n} dager siden", nn="for {n} dagar sidan"),
    "weekend": Localized(
        nb="Merk: fristen faller på en {day}. Datoen gjelder likevel.",
        nn="Merk: fristen fell på ein {day}. Datoen gjeld likevel.",
    ),
    "holiday": Localized(
        nb="Merk: fristen faller på en helligdag ({day}). Datoen gjelder likevel.",
        nn="Merk: fristen fell på ein heilagdag ({day}). Datoen gjeld likevel.",
    ),
    "example": Localized(
        nb="Merk: tallene er eksempeldata, ikke vedtatte tall.",
        nn="Merk: tala er eksempeldata, ikkje vedtekne tal.",
    ),
    "due": Localized(
        nb="Fristen for {step} er {date} ({left}).",
        nn="Fristen for {step} er {date} ({left}).",
    ),
    "local": Localized(
        nb="Fristen for {step} settes lokalt. Spør koordinatoren i nettverket ditt.",
        nn="Fristen for {step} blir sett lokalt. Spør koordinatoren i nettverket ditt.",
    ),
    "recommended": Localized(nb="Anbefalt frist er {date}.", nn="Tilrådd frist er {date}."),
    "estimated": Localized(nb="beregnet", nn="berekna"),
    "decided": Localized(nb="vedtatt", nn="vedteken"),
    "frame": Localized(
        nb="{name}: ramme {amount} ({status}), og i tillegg {coord} til koordinering.",
        nn="{name}: ramme {amount} ({status}), og i tillegg {coord} til koordinering.",
    ),
    "computed": Localized(
        nb="Beregning: grunntilskudd {base} + {share} fordelt etter elevtall "
        "({pupils}) og barnetall ({children}).",
        nn="Utrekning: grunntilskot {base} + {share} fordelt etter elevtal ({pupils})"
        " og barnetal ({children}).",
    ),
    "key_gave": Localized(
        nb="Fordelingsnøkkelen ga {estimated}.",
        nn="Fordelingsnøkkelen gav {estimated}.",
    ),
}


@lru_cache(maxsize=1024)  # the cycle's few dates, in every answer
def format_date(day: dt.date, lang: Lang = "nb") -> str:
    """A date as Norwegians write it: "1. februar 2027"."""
    return str(babel_format_date(day, "d. MMMM y", locale=lang))


@lru_cache(maxsize=4096)  # frames and budgets: the same amounts in answer after answer
def format_number(value: int) -> str:
    """A whole number with no-break spaces: "12 345"."""
    with localcontext() as context:
        # recognizers-text (pulled in by botbuilder-dialogs) lowers the process-wide decimal
        # precision to 15 on import, which makes Babel fail on large numbers.
        context.prec = 50
        digits = str(format_decimal(abs(value), locale="nb")).translate(_OTHER_SPACES)
    return f"-{digits}" if value < 0 else digits


def format_money(amount: int) -> str:
    """Whole kroner: "kr 1 300 000" (no-break spaces, see the module docstring)."""
    return f"kr{NBSP}{format_number(amount)}"


def format_days_left(days: int, lang: Lang = "nb") -> str:
    """ "i dag", "i morgen"/"i morgon", "om 7 dager"/"om 7 dagar", or days ago when negative."""
    key = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(days)
    if key is not None:
        return _TEXT[key].get(lang)
    return _TEXT["in_days" if days > 0 else "days_ago"].get(lang).format(n=abs(days))


def example_data_note(lang: Lang = "nb") -> str:
    """The sentence every answer built on example data must carry."""
    return _TEXT["example"].get(lang)


def non_working_day_note(deadline: Deadline, lang: Lang = "nb") -> str | None:
    """A note when the deadline falls on a weekend or public holiday (the date still stands)."""
    if deadline.due is None:
        return None
    if deadline.holiday is not None:
        return _TEXT["holiday"].get(lang).format(day=deadline.holiday.get(lang))
    weekend_day = _WEEKEND_DAYS.get(deadline.due.weekday())
    if weekend_day is not None:
        return _TEXT["weekend"].get(lang).format(day=weekend_day.get(lang))
    return None


def describe_deadline(deadline: Deadline, today: dt.date, lang: Lang = "nb") -> str:
    """A full Norwegian answer about one deadline, seen from `today` (a date in Oslo)."""
    step = deadline.step.short.get(lang)
    if deadline.due is None:
        parts = [_TEXT["local"].get(lang).format(step=step)]
        if deadline.recommended is not None:
            date_text = format_date(deadline.recommended, lang)
            parts.append(_TEXT["recommended"].get(lang).format(date=date_text))
    else:
        left = format_days_left((deadline.due - today).days, lang)
        date_text = format_date(deadline.due, lang)
        parts = [_TEXT["due"].get(lang).format(step=step, date=date_text, left=left)]
        parts.append(non_working_day_note(deadline, lang) or "")
    if deadline.example_data:
        parts.append(example_data_note(lang))
    return " ".join(part for part in parts if part)


def describe_frame(frame: Frame, lang: Lang = "nb") -> str:
    """A Norwegian answer about one network's frame, how it was computed, and its status."""
    summary = (
        _TEXT["frame"]
        .get(lang)
        .format(
            name=frame.network_name,
            amount=format_money(frame.amount),
            status=_TEXT[frame.status].get(lang),
            coord=format_money(frame.koordinering),
        )
    )
    if frame.status == "decided":
        how = _TEXT["key_gave"].get(lang).format(estimated=format_money(frame.estimated))
    else:
        how = (
            _TEXT["computed"]
            .get(lang)
            .format(
                base=format_money(frame.grunntilskudd),
                share=format_money(frame.estimated - frame.grunntilskudd),
                pupils=format_number(frame.elevtall),
                children=format_number(frame.barnetall),
            )
        )
    parts = [summary, how]
    if frame.example_data:
        parts.append(example_data_note(lang))
    return " ".join(parts)
