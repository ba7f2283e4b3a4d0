"""Every sentence of the report (rapportering), in bokmål and nynorsk."""

from __future__ import annotations

from bot.decision_basis import texts as shared
from bot.scheme import Localized

# Said the same way as on the beslutningsgrunnlag's cards.
STATE_DRAFT = shared.STATE_DRAFT
STATE_SENT = shared.STATE_SENT
STATE_SENT_LATE = shared.STATE_SENT_LATE
EDIT = shared.EDIT_PART
MEASURE_BUTTON = shared.MEASURE_BUTTON
SAVE = shared.SAVE
SEND = shared.SEND
ADD_MEASURE = shared.ADD_MEASURE
STEPS = shared.STEPS
QUESTION = shared.QUESTION
NOW = shared.NOW

TITLE = Localized(nb="Rapport for {name} {year}", nn="Rapport for {name} {year}")
PREFILLED = Localized(
    nb="Tiltakene og det som ble bundet opp, er hentet fra beslutningsgrunnlaget {reference}.",
    nn="Tiltaka og det som vart bunde opp, er henta frå avgjerdsgrunnlaget {reference}.",
)
NOT_PREFILLED = Localized(
    nb="Det finnes ikke noe beslutningsgrunnlag for {year} i Laget, så tiltaket er tomt: fyll "
    "inn hva det gjaldt.",
    nn="Det finst ikkje noko avgjerdsgrunnlag for {year} i Laget, så tiltaket er tomt: fyll "
    "inn kva det galdt.",
)
DEADLINE = Localized(
    nb="Fristen til Statsforvalteren er {date}.", nn="Fristen til Statsforvaltaren er {date}."
)
PART_TITLES = {
    "measure": Localized(nb="Tiltak {number}", nn="Tiltak {number}"),
    "conditions": Localized(nb="Slik ble vilkårene oppfylt", nn="Slik vart vilkåra oppfylte"),
    "evaluation": Localized(nb="Evalueringen", nn="Evalueringa"),
}
USED = Localized(nb="Brukt", nn="Brukt")
USED_LINE = Localized(
    nb="{used} av {committed} bundet opp ({percent} %)",
    nn="{used} av {committed} bunde opp ({percent} %)",
)
USED_OF_FRAME = Localized(
    nb="{used} av rammen på {frame} ({percent} %)", nn="{used} av ramma på {frame} ({percent} %)"
)
OVERSPENT = Localized(
    nb="Brukt {over} mer enn det som var bundet opp. Forklar det i evalueringen eller under "
    "tiltaket.",
    nn="Brukt {over} meir enn det som var bunde opp. Forklar det i evalueringa eller under "
    "tiltaket.",
)
OVER_MARK = Localized(nb=" ({over} over)", nn=" ({over} over)")
FROM_PLAN = Localized(
    nb="Teksten om vilkårene er hentet fra planen i beslutningsgrunnlaget. Skriv hvordan de ble "
    "oppfylt, og lagre.",
    nn="Teksten om vilkåra er henta frå planen i avgjerdsgrunnlaget. Skriv korleis dei vart "
    "oppfylte, og lagre.",
)
PPT_NOTE = Localized(
    nb="PPT-ledernettverket har ingen beslutningsgrunnlag; rapporten holdes mot den faste posten "
    "på {frame}. Fyll inn hva midlene ble brukt til.",
    nn="PPT-ledernettverket har inkje avgjerdsgrunnlag; rapporten blir halden mot den faste "
    "posten på {frame}. Fyll inn kva midlane vart brukte til.",
)
USED_AGAINST_FRAME = Localized(
    nb="Brukt i alt: {used} av rammen på {frame}.", nn="Brukt i alt: {used} av ramma på {frame}."
)
MEASURE_USED = Localized(
    nb="{goal} · brukt {used} av {committed}", nn="{goal} · brukt {used} av {committed}"
)
MEASURE_USED_ONLY = Localized(nb="{goal} · brukt {used}", nn="{goal} · brukt {used}")
KIND_LINE = Localized(nb="{label}: {used} av {committed}", nn="{label}: {used} av {committed}")
KIND_LABELS = {
    "budget_owner": Localized(nb="Eier", nn="Eigar"),
    "budget_uh": Localized(nb="UH", nn="UH"),
    "budget_coordination": Localized(nb="Koordinering", nn="Koordinering"),
}
MISSING = Localized(nb="Mangler før sending: {parts}.", nn="Manglar før sending: {parts}.")
READY = Localized(
    nb="Alt er fylt ut. Se over, og trykk «Send inn» når dere er klare.",
    nn="Alt er fylt ut. Sjå over, og trykk «Send inn» når de er klare.",
)
EXAMPLE = Localized(nb="Rammen bygger på eksempeldata.", nn="Ramma byggjer på eksempeldata.")
NEW_MEASURE = Localized(nb="(uten navn)", nn="(utan namn)")
REFUSED = Localized(
    nb="Bare nettverkets koordinatorer og administratorene kan åpne og sende rapporten "
    "(PPT-ledernettverkets rapport: administratorene).",
    nn="Berre koordinatorane i nettverket og administratorane kan opne og sende rapporten "
    "(rapporten til PPT-ledernettverket: administratorane).",
)
WHICH = Localized(
    nb="Hvilket nettverk? Skriv for eksempel «rapport for Fosen» eller «rapport for "
    "PPT-ledernettverket».",
    nn="Kva nettverk? Skriv til dømes «rapport for Fosen» eller «rapport for PPT-ledernettverket».",
)
NO_SUCH = Localized(nb="Finner ikke «{name}».", nn="Finn ikkje «{name}».")
NOT_FOUND = Localized(
    nb="Fant ikke den rapporten, eller du har ikke tilgang til den.",
    nn="Fann ikkje den rapporten, eller du har ikkje tilgang til han.",
)
STALE = Localized(
    nb="Rapporten er endret etter at dette kortet ble laget (nå versjon {version}). Her er den "
    "nyeste versjonen.",
    nn="Rapporten er endra etter at dette kortet vart laga (no versjon {version}). Her er den "
    "nyaste versjonen.",
)
ERRORS = Localized(
    nb="Noe må rettes (se feltene under). Resten er lagret.",
    nn="Noko må rettast (sjå felta under). Resten er lagra.",
)
INCOMPLETE = Localized(
    nb="Rapporten er ikke ferdig utfylt ennå.", nn="Rapporten er ikkje ferdig utfylt enno."
)
ALREADY_SENT = Localized(
    nb="Rapporten er allerede sendt ({reference}).", nn="Rapporten er allereie sendt ({reference})."
)
CONFIRM_TITLE = Localized(
    nb="Sende rapporten til Statsforvalteren?", nn="Sende rapporten til Statsforvaltaren?"
)
CONFIRM_TEXT = Localized(
    nb="{measures} tiltak, brukt i alt {used}.", nn="{measures} tiltak, brukt i alt {used}."
)
CONFIRM_YES = Localized(nb="Ja, send rapporten", nn="Ja, send rapporten")
RECEIPT_TITLE = Localized(
    nb="Rapporten er sendt: {reference}", nn="Rapporten er sendt: {reference}"
)
RECEIPT_HEADLINE = Localized(
    nb="Rapporten for {name} {year} er sendt til Statsforvalteren {date}.",
    nn="Rapporten for {name} {year} er sendt til Statsforvaltaren {date}.",
)
RECEIPT_REMINDERS = Localized(
    nb="Påminnelsene om rapporteringen stopper for {name}.",
    nn="Påminningane om rapporteringa stoppar for {name}.",
)
LATE = Localized(
    nb="Sendt etter fristen {date}: den er merket som for sent.",
    nn="Sendt etter fristen {date}: han er merkt som for seint.",
)
OVERVIEW_TITLE = Localized(nb="Rapporter for {year}", nn="Rapportar for {year}")
OVERVIEW_HEADLINE = Localized(
    nb="{sent} av {count} er sendt{late}, {drafts} er utkast. Fristen er {date}.",
    nn="{sent} av {count} er sende{late}, {drafts} er utkast. Fristen er {date}.",
)
OVERVIEW_LATE = Localized(nb=" ({late} etter fristen)", nn=" ({late} etter fristen)")
STATES = {
    "not_started": Localized(nb="ikke startet", nn="ikkje starta"),
    "draft": Localized(nb="utkast", nn="utkast"),
    "sent": Localized(nb="sendt", nn="sendt"),
    "sent_late": Localized(nb="sendt for sent", nn="sendt for seint"),
}
OVERVIEW_ROW = Localized(nb="{state} · brukt {used}", nn="{state} · brukt {used}")
OVERVIEW_REFUSED = Localized(
    nb="Oversikten over alle rapporter er for administratorene.",
    nn="Oversikta over alle rapportar er for administratorane.",
)
EXPORT_HINT = Localized(
    nb="Regneark og Word-dokumenter får du med kommandoen «laget export reports --year {year}».",
    nn="Rekneark og Word-dokument får du med kommandoen «laget export reports --year {year}».",
)

# Step by step
STEP_HELP = Localized(
    nb="Jeg spør om ett felt av gangen og lagrer hvert svar med en gang. Skriv «tilbake» for "
    "forrige spørsmål, «behold» for å beholde svaret som står, eller «avbryt» for å ta pause: "
    "«rapport» tar deg tilbake.",
    nn="Eg spør om eitt felt om gongen og lagrar kvart svar med ein gong. Skriv «tilbake» for "
    "førre spørsmål, «behald» for å halde på svaret som står, eller «avbryt» for å ta pause: "
    "«rapport» tek deg tilbake.",
)
STEP_CANCELLED = Localized(
    nb="Greit, jeg tar pause. Rapporten er lagret: skriv «rapport» når du vil fortsette.",
    nn="Greitt, eg tek pause. Rapporten er lagra: skriv «rapport» når du vil halde fram.",
)
