"""Laget's fixed Norwegian replies (the ones not built from data)."""

from __future__ import annotations

from cards.views import Button, WelcomeCard

MAX_MESSAGE_CHARS = 4000

WELCOME = WelcomeCard(
    title="Hei! Jeg er Laget",
    intro=(
        "Jeg er en digital kollega for Kompetanseløftet for spesialpedagogikk og "
        "inkluderende praksis. Dette kan jeg hjelpe deg med:"
    ),
    abilities=[
        "fristene i årshjulet, og hvor mange dager det er igjen",
        "rammen til kompetansenettverket ditt, og hvordan den er regnet ut",
        "behovsmeldingen: fyll den ut i et skjema eller steg for steg",
        "regler og penger i ordningen, med kilde, og koordinatoren når jeg ikke vet",
    ],
    examples_intro="Prøv for eksempel:",
    examples=[
        Button(
            title="Når er fristen for beslutningsgrunnlaget?",
            text="Når er fristen for beslutningsgrunnlaget?",
        ),
        Button(title="Hva er rammen vår?", text="Hva er rammen vår?"),
        Button(title="Ny behovsmelding", text="Ny behovsmelding"),
        Button(title="Fortell hvor jeg jobber", text="om meg"),
    ],
    footer="Skriv «hjelp» når som helst for å se dette igjen, eller «avbryt» for å avslutte.",
)

NOTHING_TO_CANCEL = "Det er ikke noe å avbryte. Skriv «hjelp» for å se hva jeg kan."

STALE_BUTTON = (
    "Den knappen kjenner jeg ikke igjen. Kanskje kortet er gammelt? "
    "Skriv «hjelp» for å se hva jeg kan."
)

TOO_LONG = (
    f"Meldingen er for lang for meg (over {MAX_MESSAGE_CHARS} tegn). "
    "Prøv å korte den ned til spørsmålet ditt."
)

EMPTY = "Jeg fikk en tom melding. Skriv «hjelp» for å se hva jeg kan."
