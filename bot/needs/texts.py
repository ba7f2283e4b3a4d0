"""What the behovsmelding conversation says, in bokmål and nynorsk, kept in one place.

The form's own texts (each field's label, question and choices) are declared with the field in
`bot.needs.form`, and the answer rules' messages in `bot.needs.answers`; this module
holds the rest: the replies of `dialogs.needs.routes` and the texts of the cards made in
`bot.needs.views`.
"""

from __future__ import annotations

from bot.needs.model import Status
from bot.scheme import Localized

# Replies

NOT_FOUND = Localized(
    nb="Fant ikke den behovsmeldingen blant dine. Skriv «mine behovsmeldinger» for å se dem.",
    nn="Fann ikkje den behovsmeldinga blant dine. Skriv «mine behovsmeldingar» for å sjå dei.",
)
STALE = Localized(
    nb="Dette kortet er utdatert: behovsmeldingen er endret siden. Skriv «mine behovsmeldinger» "
    "for å se den nyeste versjonen.",
    nn="Dette kortet er utdatert: behovsmeldinga er endra sidan. Skriv «mine behovsmeldingar» "
    "for å sjå den nyaste versjonen.",
)
NEW_TITLE = Localized(nb="Ny behovsmelding", nn="Ny behovsmelding")
FORM_OR_STEPS = Localized(
    nb="Vil du fylle ut alt i ett skjema, eller svare på ett spørsmål av gangen?",
    nn="Vil du fylle ut alt i eitt skjema, eller svare på eitt spørsmål om gongen?",
)
FORM = Localized(nb="Skjema", nn="Skjema")
STEPS = Localized(nb="Steg for steg", nn="Steg for steg")
NO_DRAFT = Localized(
    nb="Du har ingen påbegynt behovsmelding. Skriv «ny behovsmelding» for å starte.",
    nn="Du har inga påbyrja behovsmelding. Skriv «ny behovsmelding» for å starte.",
)
SEVERAL_DRAFTS = Localized(
    nb="Du har flere påbegynte behovsmeldinger.", nn="Du har fleire påbyrja behovsmeldingar."
)
MANY_DRAFTS = Localized(
    nb="Du har {count} påbegynte behovsmeldinger. Her er de {shown} du endret sist.",
    nn="Du har {count} påbyrja behovsmeldingar. Her er dei {shown} du endra sist.",
)
WHICH_DRAFT = Localized(
    nb="Hvilket utkast vil du fortsette?", nn="Kva utkast vil du halde fram med?"
)
DRAFT_NAMED = Localized(nb="Utkast {id}", nn="Utkast {id}")
DRAFT_OF_OWNER = Localized(nb="{owner} (utkast {id})", nn="{owner} (utkast {id})")
NONE_YET = Localized(
    nb="Du har ingen behovsmeldinger ennå. Skriv «ny behovsmelding».",
    nn="Du har inga behovsmeldingar enno. Skriv «ny behovsmelding».",
)
STATUS_REFUSED = Localized(
    nb="Status for nettverket er for koordinatorene i nettverket og administratorer. Mener du "
    "at du skal ha den rollen, kan administratoren i fylket gi deg den.",
    nn="Status for nettverket er for koordinatorane i nettverket og administratorar. Meiner du "
    "at du skal ha den rolla, kan administratoren i fylket gi deg ho.",
)
NO_SUCH_NETWORK = Localized(
    nb="Jeg finner ikke nettverket «{name}». Skriv for eksempel «status for Fosen».",
    nn="Eg finn ikkje nettverket «{name}». Skriv til dømes «status for Fosen».",
)
WHICH_STATUS = Localized(
    nb="Hvilket nettverk vil du se status for? Skriv for eksempel «jeg hører til Fosen» og så "
    "«status for nettverket».",
    nn="Kva nettverk vil du sjå status for? Skriv til dømes «eg høyrer til Fosen» og så "
    "«status for nettverket».",
)
WITHDRAWN = Localized(
    nb="Denne behovsmeldingen er trukket tilbake.", nn="Denne behovsmeldinga er trekt tilbake."
)
TOO_LATE_TO_CHANGE = Localized(
    nb="Fristen har gått ut, så {reference} kan ikke endres lenger. "
    "Kontakt koordinatoren i nettverket hvis noe må rettes.",
    nn="Fristen har gått ut, så {reference} kan ikkje endrast lenger. "
    "Kontakt koordinatoren i nettverket om noko må rettast.",
)
CHANGE_SAVED = Localized(
    nb="Endringen i {reference} er lagret. Eldre versjoner er tatt vare på.",
    nn="Endringa i {reference} er lagra. Eldre versjonar er tekne vare på.",
)
ALREADY_SENT = Localized(
    nb="Denne behovsmeldingen er allerede sendt ({reference}), og bare én gang.",
    nn="Denne behovsmeldinga er allereie sendt ({reference}), og berre éin gong.",
)
LATE_NOTE = Localized(
    nb="Merk: fristen har gått ut, så meldingen er merket som sendt etter fristen.",
    nn="Merk: fristen har gått ut, så meldinga er merkt som sendt etter fristen.",
)
ONLY_SENT = Localized(
    nb="Bare sendte behovsmeldinger kan trekkes tilbake.",
    nn="Berre sende behovsmeldingar kan trekkjast tilbake.",
)
WITHDRAW_TITLE = Localized(nb="Trekke tilbake {reference}?", nn="Trekkje tilbake {reference}?")
WITHDRAW_TEXT = Localized(
    nb="Meldingen blir tatt vare på, men regnes ikke lenger som sendt.",
    nn="Meldinga blir teken vare på, men blir ikkje lenger rekna som sendt.",
)
WITHDRAW_YES = Localized(nb="Ja, trekk tilbake", nn="Ja, trekk tilbake")
WITHDRAWN_NAMED = Localized(
    nb="{reference} er trukket tilbake.", nn="{reference} er trekt tilbake."
)

# Cards

STATUS_TEXT = {
    Status.DRAFT: Localized(nb="utkast", nn="utkast"),
    Status.SUBMITTED: Localized(nb="sendt", nn="sendt"),
    Status.WITHDRAWN: Localized(nb="trukket", nn="trekt"),
}
PICK_AN_ANSWER = Localized(nb="Velg et svar.", nn="Vel eit svar.")
NO_DEADLINE = Localized(
    nb="Nettverket ditt har ikke lagt inn en frist her. Spør koordinatoren om fristen.",
    nn="Nettverket ditt har ikkje lagt inn ein frist her. Spør koordinatoren om fristen.",
)
WAS_DUE = Localized(
    nb="Fristen var {due}. Du kan fortsatt sende, men meldingen blir merket som sendt etter "
    "fristen.",
    nn="Fristen var {due}. Du kan framleis sende, men meldinga blir merkt som sendt etter fristen.",
)
IS_DUE = Localized(
    nb="Fristen for nettverket ditt er {due}.", nn="Fristen for nettverket ditt er {due}."
)
OPTIONAL = Localized(nb=" (valgfritt)", nn=" (valfritt)")
TO_CORRECT = Localized(
    nb="{count} felt må rettes før du kan gå videre. Se merknadene under.",
    nn="{count} felt må rettast før du kan gå vidare. Sjå merknadene under.",
)
NO_CHILD_DATA = Localized(
    nb="Ikke skriv personopplysninger om barn (navn, fødselsnummer) i meldingen.",
    nn="Ikkje skriv personopplysningar om barn (namn, fødselsnummer) i meldinga.",
)
FORM_TITLE = Localized(nb="Behovsmelding", nn="Behovsmelding")
GO_ON = Localized(nb="Gå videre", nn="Gå vidare")
CHECK_TITLE = Localized(nb="Se over behovsmeldingen", nn="Sjå over behovsmeldinga")
CHECK_HEADLINE = Localized(
    nb="Stemmer dette? Trykk «Send inn» for å sende den til kompetansenettverket.",
    nn="Stemmer dette? Trykk «Send inn» for å sende ho til kompetansenettverket.",
)
SEND = Localized(nb="Send inn", nn="Send inn")
CHANGE = Localized(nb="Endre", nn="Endre")
SENT_LATE = Localized(
    nb="Meldingen ble sendt etter fristen, og er merket slik.",
    nn="Meldinga vart sendt etter fristen, og er merkt slik.",
)
TOLD = Localized(
    nb="Koordinatorene i {name} får beskjed i Teams.",
    nn="Koordinatorane i {name} får beskjed i Teams.",
)
NOT_TOLD = Localized(
    nb="Meldingen er registrert hos {name}, men ingen koordinator der er koblet til Laget ennå. "
    "Gi gjerne koordinatoren beskjed selv.",
    nn="Meldinga er registrert hos {name}, men ingen koordinator der er kopla til Laget enno. "
    "Gi gjerne koordinatoren beskjed sjølv.",
)
RECEIPT_TITLE = Localized(
    nb="Behovsmeldingen er sendt: {reference}", nn="Behovsmeldinga er sendt: {reference}"
)
KEEP_REFERENCE = Localized(nb="{told} Ta vare på referansen.", nn="{told} Ta vare på referansen.")
REFERENCE = Localized(nb="Referanse", nn="Referanse")
OWNER = Localized(nb="Eier", nn="Eigar")
SENT = Localized(nb="Sendt", nn="Sendt")
CHANGE_UNTIL_DUE = Localized(
    nb="Du kan endre eller trekke den tilbake fram til fristen: skriv «mine behovsmeldinger».",
    nn="Du kan endre eller trekkje ho tilbake fram til fristen: skriv «mine behovsmeldingar».",
)
NO_OWNER = Localized(nb="uten eier", nn="utan eigar")
LATE = Localized(nb=" (etter fristen)", nn=" (etter fristen)")
CHANGE_NAMED = Localized(nb="Endre {name}", nn="Endre {name}")
A_DRAFT = Localized(nb="utkast", nn="utkast")
WITHDRAW_NAMED = Localized(nb="Trekk tilbake {reference}", nn="Trekk tilbake {reference}")
MINE_TITLE = Localized(nb="Mine behovsmeldinger", nn="Mine behovsmeldingar")
MINE_ONE = Localized(nb="Du har én behovsmelding.", nn="Du har éi behovsmelding.")
MINE_COUNT = Localized(nb="Du har {count} behovsmeldinger.", nn="Du har {count} behovsmeldingar.")
SENT_BY = Localized(nb="{owner}: sendt", nn="{owner}: sendt")
AFTER_DEADLINE = Localized(nb=" etter fristen", nn=" etter fristen")
DRAFT = Localized(nb="Utkast", nn="Utkast")
NO_OWNER_YET = Localized(nb="uten eier ennå", nn="utan eigar enno")
NOT_STARTED = Localized(nb="Ingen ennå", nn="Ingen enno")
STATUS_TITLE = Localized(nb="Behovsmeldinger i {name}", nn="Behovsmeldingar i {name}")
STATUS_HEADLINE = Localized(
    nb="{sent} sendt fra {owners}, {drafts} utkast. Behovsmeldingen er frivillig; ingen eier i "
    "{idle} av nettverkets {members} kommuner har startet en ennå.",
    nn="{sent} sendt frå {owners}, {drafts} utkast. Behovsmeldinga er frivillig; ingen eigar i "
    "{idle} av dei {members} kommunane i nettverket har starta ei enno.",
)
OWNERS = {
    1: Localized(nb="1 eier", nn="1 eigar"),
    0: Localized(nb="0 eiere", nn="0 eigarar"),
}
MANY_OWNERS = Localized(nb="{count} eiere", nn="{count} eigarar")
EXAMPLE_GROUPING = Localized(
    nb="Merk: hvilke kommuner som er med i dette nettverket, er eksempeldata.",
    nn="Merk: kva kommunar som er med i dette nettverket, er eksempeldata.",
)
DOWNLOAD = Localized(nb="Last ned regneark", nn="Last ned rekneark")
DOWNLOAD_TITLE = Localized(nb="Regneark for {name} {year}", nn="Rekneark for {name} {year}")
DOWNLOAD_READY = Localized(
    nb="Lenken virker én gang, i 10 minutter, og bare for deg. Trenger du regnearket igjen, "
    "trykker du «Last ned regneark» på nytt.",
    nn="Lenka verkar éin gong, i 10 minutt, og berre for deg. Treng du reknearket igjen, "
    "trykkjer du «Last ned rekneark» på nytt.",
)
OPEN_DOWNLOAD = Localized(nb="Åpne regnearket", nn="Opne reknearket")
DOWNLOAD_IN_CHAT = Localized(
    nb="Lenken til regnearket gis bare i chatten din med Laget, så ingen andre i kanalen kan "
    "bruke den. Skriv «status for nettverket» der, og trykk «Last ned regneark».",
    nn="Lenka til reknearket blir berre gitt i chatten din med Laget, så ingen andre i kanalen "
    "kan bruke ho. Skriv «status for nettverket» der, og trykk «Last ned rekneark».",
)
DOWNLOAD_REFUSED = Localized(
    nb="Regnearket med behovsmeldingene er for koordinatorene i nettverket og administratorer.",
    nn="Reknearket med behovsmeldingane er for koordinatorane i nettverket og administratorar.",
)
