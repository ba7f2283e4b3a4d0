"""What the reminder conversation says to the person who writes, in bokmål and nynorsk.

The reminder card itself (`bot.reminders.card`) stays bokmål: it is posted to channels and
coordinators' chats on a schedule, with no message of the reader's to take a language from.
"""

from __future__ import annotations

from bot.scheme import Localized

STATE_TEXT = {
    "pending": Localized(nb="venter", nn="ventar"),
    "sending": Localized(nb="sendes", nn="blir sendt"),
    "sent": Localized(nb="sendt", nn="sendt"),
    "throttled": Localized(nb="prøver igjen", nn="prøver igjen"),
    "unreachable": Localized(
        nb="Teams svarte ikke, prøver igjen", nn="Teams svarte ikkje, prøver igjen"
    ),
    "blocked": Localized(nb="blokkert", nn="blokkert"),
    "gone": Localized(nb="samtalen finnes ikke", nn="samtalen finst ikkje"),
    "failed": Localized(nb="feilet", nn="feila"),
    "unknown": Localized(nb="usikkert om den kom fram", nn="usikkert om ho kom fram"),
    "cancelled": Localized(
        nb="ikke sendt (ferdig eller fristen passert)",
        nn="ikkje sendt (ferdig eller fristen passert)",
    ),
}

# Linking a channel

NO_SUCH_NETWORK = Localized(
    nb="Jeg finner ikke «{text}». Nettverkene er: {names}.",
    nn="Eg finn ikkje «{text}». Nettverka er: {names}.",
)
IN_THE_CHANNEL = Localized(
    nb="Dette gjør du i kanalen som skal få påminnelsene: skriv "
    "«@Laget koble denne kanalen til {name}» der.",
    nn="Dette gjer du i kanalen som skal få påminningane: skriv "
    "«@Laget kople denne kanalen til {name}» der.",
)
LINK_REFUSED = Localized(
    nb="Bare koordinatorene i {name} og administratorer kan koble en kanal til nettverket. "
    "Spør koordinatoren, eller be en administrator gi deg rollen.",
    nn="Berre koordinatorane i {name} og administratorar kan kople ein kanal til nettverket. "
    "Spør koordinatoren, eller be ein administrator gi deg rolla.",
)
LINKED = Localized(
    nb="Denne kanalen er nå koblet til {name}. Påminnelser om frister for nettverket kommer "
    "hit. Skriv «påminnelser» for å se hva som er på vei.",
    nn="Denne kanalen er no kopla til {name}. Påminningar om fristar for nettverket kjem hit. "
    "Skriv «påminningar» for å sjå kva som er på veg.",
)

# The overview («påminnelser»)

OVERVIEW_REFUSED = Localized(
    nb="Påminnelser er for koordinatorene i et nettverk. Er du koordinator, be en "
    "administrator gi deg rollen; i en kanal kan den kobles med «koble denne kanalen til "
    "<nettverk>».",
    nn="Påminningar er for koordinatorane i eit nettverk. Er du koordinator, be ein "
    "administrator gi deg rolla; ein kanal koplar du med «kople denne kanalen til "
    "<nettverk>».",
)
OVERVIEW_TITLE = Localized(nb="Påminnelser", nn="Påminningar")
SENT_AT = Localized(
    nb="Påminnelser sendes kl. {time}: {steps}.", nn="Påminningar blir sende kl. {time}: {steps}."
)
STEP_OFFSETS = Localized(nb="{step}: {offsets} dager før", nn="{step}: {offsets} dagar før")
REMINDER_LINE = Localized(
    nb="{when} ({days} dager før fristen): {state}", nn="{when} ({days} dagar før fristen): {state}"
)
NONE_PLANNED = Localized(
    nb="Ingen påminnelser er sendt eller planlagt ennå.",
    nn="Ingen påminningar er sende eller planlagde enno.",
)

# The reminder card's buttons

UNKNOWN_REMINDER = Localized(
    nb="Den påminnelsen kjenner jeg ikke igjen.", nn="Den påminninga kjenner eg ikkje att."
)
SNOOZED = Localized(
    nb="Greit, jeg minner deg på det igjen i morgen.",
    nn="Greitt, eg minner deg på det igjen i morgon.",
)
NOT_SNOOZED = Localized(
    nb="Denne påminnelsen kan ikke utsettes.", nn="Denne påminninga kan ikkje utsetjast."
)
DONE_REFUSED = Localized(
    nb="Bare koordinatorene i nettverket kan markere et steg som ferdig.",
    nn="Berre koordinatorane i nettverket kan markere eit steg som ferdig.",
)
MARKED_DONE = Localized(
    nb="Takk! Steget er markert som ferdig. Påminnelsene for det oppdateres til «levert».",
    nn="Takk! Steget er markert som ferdig. Påminningane for det blir oppdaterte til «levert».",
)
SNOOZE_REFUSED = Localized(
    nb="Bare den påminnelsen er sendt til, kan utsette den. Ingenting er endret.",
    nn="Berre den påminninga er send til, kan utsetje ho. Ingenting er endra.",
)
WHICH_NETWORK_TO_LINK = Localized(
    nb="Hvilket nettverk skal kanalen kobles til? Skriv for eksempel «@Laget koble denne "
    "kanalen til Fosen». Nettverkene er: {names}.",
    nn="Kva nettverk skal kanalen koplast til? Skriv til dømes «@Laget kople denne kanalen "
    "til Fosen». Nettverka er: {names}.",
)

# The counts of a reminder or delivery pass, as `laget reminders send` and `laget deliveries
# send` print them (the reports' keys are the outbox states and the pass's own counters).
PASS_COUNTS = {
    "planned": "planlagt",
    "written": "skrevet",
    "sent": "sendt",
    "throttled": "begrenset av Teams",
    "unreachable": "ikke nådd",
    "blocked": "blokkert",
    "gone": "samtalen borte",
    "failed": "feilet",
    "unknown": "usikkert",
    "cancelled": "avlyst",
    "closed": "kort oppdatert",
    "expired_leases": "utløpte lån",
    "vedtak": "vedtak kunngjort",
}


def pass_summary(report: dict[str, int]) -> str:
    """«sendt: 2, ikke nådd: 1», the non-zero counts of a pass in Norwegian."""
    return ", ".join(f"{PASS_COUNTS.get(k, k)}: {v}" for k, v in sorted(report.items()) if v)
