"""Laget's fixed Norwegian replies (the ones not built from data), in bokmål and nynorsk."""

from __future__ import annotations

from bot.scheme import Lang, Localized
from cards.views import Button, WelcomeCard

MAX_MESSAGE_CHARS = 4000

WELCOME: dict[Lang, WelcomeCard] = {
    "nb": WelcomeCard(
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
    ),
    "nn": WelcomeCard(
        title="Hei! Eg er Laget",
        intro=(
            "Eg er ein digital kollega for Kompetanseløftet for spesialpedagogikk og "
            "inkluderende praksis. Dette kan eg hjelpe deg med:"
        ),
        abilities=[
            "fristane i årshjulet, og kor mange dagar det er att",
            "ramma til kompetansenettverket ditt, og korleis ho er rekna ut",
            "behovsmeldinga: fyll ho ut i eit skjema eller steg for steg",
            "reglar og pengar i ordninga, med kjelde, og koordinatoren når eg ikkje veit",
        ],
        examples_intro="Prøv til dømes:",
        examples=[
            Button(
                title="Når er fristen for avgjerdsgrunnlaget?",
                text="Når er fristen for avgjerdsgrunnlaget?",
            ),
            Button(title="Kva er ramma vår?", text="Kva er ramma vår?"),
            Button(title="Ny behovsmelding", text="Ny behovsmelding"),
            Button(title="Fortel kvar eg jobbar", text="om meg"),
        ],
        footer="Skriv «hjelp» når som helst for å sjå dette igjen, eller «avbryt» for å avslutte.",
    ),
}

YOU_ARE_WELCOME = Localized(
    nb="Bare hyggelig! Skriv «hjelp» hvis du lurer på noe mer.",
    nn="Berre hyggeleg! Skriv «hjelp» om du lurer på noko meir.",
)
NOTHING_TO_CANCEL = Localized(
    nb="Det er ikke noe å avbryte. Skriv «hjelp» for å se hva jeg kan.",
    nn="Det er ikkje noko å avbryte. Skriv «hjelp» for å sjå kva eg kan.",
)

STALE_BUTTON = Localized(
    nb="Den knappen kjenner jeg ikke igjen. Kanskje kortet er gammelt? "
    "Skriv «hjelp» for å se hva jeg kan.",
    nn="Den knappen kjenner eg ikkje att. Kanskje kortet er gammalt? "
    "Skriv «hjelp» for å sjå kva eg kan.",
)

TOO_LONG = Localized(
    nb=f"Meldingen er for lang for meg (over {MAX_MESSAGE_CHARS} tegn). "
    "Prøv å korte den ned til spørsmålet ditt.",
    nn=f"Meldinga er for lang for meg (over {MAX_MESSAGE_CHARS} teikn). "
    "Prøv å korte ho ned til spørsmålet ditt.",
)

EMPTY = Localized(
    nb="Jeg fikk en tom melding. Skriv «hjelp» for å se hva jeg kan.",
    nn="Eg fekk ei tom melding. Skriv «hjelp» for å sjå kva eg kan.",
)

RECEIVED = Localized(nb="Mottatt.", nn="Motteke.")

NATIONAL_ID_REFUSED = Localized(
    nb="Meldingen inneholder noe som ser ut som et fødselsnummer. Personopplysninger om barn "
    "skal ikke skrives til Laget, så ingenting av den er lagret eller sendt videre. Fjern "
    "nummeret og send på nytt.",
    nn="Meldinga inneheld noko som ser ut som eit fødselsnummer. Personopplysningar om barn "
    "skal ikkje skrivast til Laget, så ingenting av ho er lagra eller sendt vidare. Fjern "
    "nummeret og send på nytt.",
)
