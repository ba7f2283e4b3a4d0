"""Every sentence of the beslutningsgrunnlag (nn: avgjerdsgrunnlag), in bokmål and nynorsk."""

from __future__ import annotations

from bot.scheme import Localized

NAME = Localized(nb="beslutningsgrunnlag", nn="avgjerdsgrunnlag")
TITLE = Localized(
    nb="Beslutningsgrunnlag for {name} {year}", nn="Avgjerdsgrunnlag for {name} {year}"
)
STATE_DRAFT = Localized(nb="Utkast, ikke sendt", nn="Utkast, ikkje sendt")
STATE_SENT = Localized(nb="Sendt {date} ({reference})", nn="Sendt {date} ({reference})")
STATE_SENT_LATE = Localized(
    nb="Sendt {date} ({reference}), etter fristen", nn="Sendt {date} ({reference}), etter fristen"
)
DEADLINE_LINE = Localized(
    nb="Fristen til samarbeidsforum er {date}.", nn="Fristen til samarbeidsforum er {date}."
)
PART_TITLES = {
    "header": Localized(nb="Partnerskapet", nn="Partnarskapet"),
    "measure": Localized(nb="Tiltak {number}", nn="Tiltak {number}"),
    "conditions": Localized(nb="De fire vilkårene", nn="Dei fire vilkåra"),
    "evaluation": Localized(nb="Evaluering", nn="Evaluering"),
}
PART_OF = Localized(nb="Del {title} · {name} {year}", nn="Del {title} · {name} {year}")
SAVE = Localized(nb="Lagre", nn="Lagre")
OPTIONAL = Localized(nb=" (valgfritt)", nn=" (valfritt)")
SEND = Localized(nb="Send inn", nn="Send inn")
ADD_MEASURE = Localized(nb="Legg til tiltak", nn="Legg til tiltak")
STEPS = Localized(nb="Steg for steg", nn="Steg for steg")
EDIT_PART = Localized(nb="Endre: {title}", nn="Endre: {title}")
MEASURE_BUTTON = Localized(nb="Tiltak {number}: {goal}", nn="Tiltak {number}: {goal}")
NEW_MEASURE = Localized(nb="(nytt tiltak)", nn="(nytt tiltak)")
TYPE_TO_EDIT = Localized(
    nb="Skriv «endre tiltak 2» eller «fjern tiltak 2» for å endre eller fjerne et tiltak.",
    nn="Skriv «endre tiltak 2» eller «fjern tiltak 2» for å endre eller fjerne eit tiltak.",
)

# The budget against the frame
BUDGET = Localized(nb="Budsjett", nn="Budsjett")
BUDGET_LINE = Localized(
    nb="{total} av {frame} ({percent} %, {kind})", nn="{total} av {frame} ({percent} %, {kind})"
)
BUDGET_OVER = Localized(
    nb="{over} over rammen: et utkast kan være over, men det kan ikke sendes slik.",
    nn="{over} over ramma: eit utkast kan vere over, men det kan ikkje sendast slik.",
)
FRAME_DECIDED = Localized(nb="vedtatt ramme", nn="vedteken ramme")
FRAME_ESTIMATED = Localized(nb="estimert ramme", nn="estimert ramme")
FRAME_EXAMPLE = Localized(nb="estimert ramme, eksempeldata", nn="estimert ramme, eksempeldata")
NO_FRAME = Localized(
    nb="{total} (ingen ramme for {year} ennå)", nn="{total} (inga ramme for {year} enno)"
)
KIND_LABELS = {
    "budget_owner": Localized(nb="Eier", nn="Eigar"),
    "budget_uh": Localized(nb="UH", nn="UH"),
    "budget_coordination": Localized(nb="Koordinering", nn="Koordinering"),
}
BY_KIND = Localized(
    nb="Eier {owner} · UH {uh} · koordinering {coordination}",
    nn="Eigar {owner} · UH {uh} · koordinering {coordination}",
)
MEASURE_SUM = Localized(nb="Tiltak {number}", nn="Tiltak {number}")

# Coverage of the behovsmeldinger
COVERED = Localized(
    nb="Dekket: {topic} – {owner} (tiltak {numbers})",
    nn="Dekt: {topic} – {owner} (tiltak {numbers})",
)
UNCOVERED = Localized(nb="Ikke dekket: {topic} – {owner}", nn="Ikkje dekt: {topic} – {owner}")
NO_NEEDS = Localized(
    nb="Ingen behovsmeldinger er sendt til nettverket for {year} ennå (de er frivillige).",
    nn="Ingen behovsmeldingar er sende til nettverket for {year} enno (dei er frivillige).",
)
MORE_UNCOVERED = Localized(nb="… og {count} til ikke dekket.", nn="… og {count} til ikkje dekte.")
MORE_COVERED = Localized(nb="… og {count} til dekket.", nn="… og {count} til dekte.")
NOT_FILLED = Localized(nb="ikke fylt ut", nn="ikkje fylt ut")

# Missing
MISSING_TITLE = Localized(nb="Mangler før sending:", nn="Manglar før sending:")
MISSING_PART = Localized(nb="{title}: {fields}", nn="{title}: {fields}")
NO_MEASURES = Localized(nb="Minst ett tiltak", nn="Minst eitt tiltak")
READY = Localized(
    nb="Alt er fylt ut. Se over, og trykk «Send inn» når dere er klare.",
    nn="Alt er fylt ut. Sjå over, og trykk «Send inn» når de er klare.",
)
EXAMPLE_GROUPING = Localized(
    nb="Kommunene i nettverket er eksempeldata.", nn="Kommunane i nettverket er eksempeldata."
)

# Errors and refusals
REFUSED = Localized(
    nb="Bare nettverkets koordinatorer og administratorene kan åpne og endre "
    "beslutningsgrunnlaget.",
    nn="Berre koordinatorane i nettverket og administratorane kan opne og endre "
    "avgjerdsgrunnlaget.",
)
WHICH_NETWORK = Localized(
    nb="Hvilket nettverk? Skriv for eksempel «beslutningsgrunnlag for Fosen».",
    nn="Kva nettverk? Skriv til dømes «avgjerdsgrunnlag for Fosen».",
)
NO_SUCH_NETWORK = Localized(
    nb="Finner ikke nettverket «{name}».", nn="Finn ikkje nettverket «{name}»."
)
NOT_FOUND = Localized(
    nb="Fant ikke det beslutningsgrunnlaget, eller du har ikke tilgang til det.",
    nn="Fann ikkje det avgjerdsgrunnlaget, eller du har ikkje tilgang til det.",
)
NO_SUCH_MEASURE = Localized(
    nb="Det finnes ikke noe tiltak {number}. Tiltakene er nummerert 1 til {count}.",
    nn="Det finst ikkje noko tiltak {number}. Tiltaka er nummererte 1 til {count}.",
)
NO_MEASURE_YET = Localized(
    nb="Det er ingen tiltak ennå. Skriv «legg til tiltak».",
    nn="Det er ingen tiltak enno. Skriv «legg til tiltak».",
)
ENDS_BEFORE_START = Localized(
    nb="Sluttmåneden kan ikke være før startmåneden.",
    nn="Sluttmånaden kan ikkje vere før startmånaden.",
)
STALE = Localized(
    nb="Beslutningsgrunnlaget er endret etter at dette kortet ble laget (nå versjon {version}). "
    "Her er den nyeste versjonen.",
    nn="Avgjerdsgrunnlaget er endra etter at dette kortet vart laga (no versjon {version}). Her "
    "er den nyaste versjonen.",
)
BUSY = Localized(
    nb="Beslutningsgrunnlaget ble endret av flere samtidig, så ingenting ble lagret. Prøv igjen.",
    nn="Avgjerdsgrunnlaget vart endra av fleire samstundes, så ingenting vart lagra. Prøv igjen.",
)
MERGED = Localized(
    nb="Noen andre lagret en nyere versjon mens du skrev. Endringene dine er lagt inn i den.",
    nn="Nokon andre lagra ein nyare versjon medan du skreiv. Endringane dine er lagde inn i han.",
)
CONFLICTS = Localized(
    nb="Disse feltene endret noen andre samtidig, og deres svar står nå: {fields}. Skriv inn "
    "ditt igjen om det skal gjelde.",
    nn="Desse felta endra nokon andre samstundes, og svaret deira står no: {fields}. Skriv inn "
    "ditt på nytt om det skal gjelde.",
)
ERRORS = Localized(
    nb="Noe må rettes (se feltene under). Resten er lagret.",
    nn="Noko må rettast (sjå felta under). Resten er lagra.",
)
SAVED = Localized(nb="Lagret (versjon {version}).", nn="Lagra (versjon {version}).")

# Removing a tiltak
REMOVE_TITLE = Localized(nb="Fjerne tiltak {number}?", nn="Fjerne tiltak {number}?")
REMOVE_TEXT = Localized(
    nb="«{goal}» ({amount}) fjernes. Tidligere versjoner blir tatt vare på.",
    nn="«{goal}» ({amount}) blir fjerna. Tidlegare versjonar blir tekne vare på.",
)
REMOVE_YES = Localized(nb="Ja, fjern tiltaket", nn="Ja, fjern tiltaket")
REMOVED = Localized(nb="Tiltaket er fjernet.", nn="Tiltaket er fjerna.")

# Sending
CONFIRM_TITLE = Localized(
    nb="Sende beslutningsgrunnlaget til samarbeidsforum?",
    nn="Sende avgjerdsgrunnlaget til samarbeidsforum?",
)
CONFIRM_TEXT = Localized(
    nb="{measures} tiltak, til sammen {total} av rammen på {frame}. Etter sending kan dere "
    "fortsatt endre; administratorene får da beskjed om hva som ble endret.",
    nn="{measures} tiltak, til saman {total} av ramma på {frame}. Etter sending kan de "
    "framleis endre; administratorane får då melding om kva som vart endra.",
)
CONFIRM_YES = Localized(nb="Ja, send til samarbeidsforum", nn="Ja, send til samarbeidsforum")
OVER_TITLE = Localized(
    nb="Kan ikke sendes: {over} over rammen", nn="Kan ikkje sendast: {over} over ramma"
)
OVER_HEADLINE = Localized(
    nb="Budsjettet er {total}, rammen er {frame}. Ta ned {over} før dere sender.",
    nn="Budsjettet er {total}, ramma er {frame}. Ta ned {over} før de sender.",
)
OVER_PICK = Localized(
    nb="Over står tiltakene med mest budsjett. Velg et for å endre det.",
    nn="Over står tiltaka med mest budsjett. Vel eitt for å endre det.",
)
INCOMPLETE = Localized(
    nb="Beslutningsgrunnlaget er ikke ferdig utfylt ennå.",
    nn="Avgjerdsgrunnlaget er ikkje ferdig utfylt enno.",
)
ALREADY_SENT = Localized(
    nb="Beslutningsgrunnlaget er allerede sendt ({reference}).",
    nn="Avgjerdsgrunnlaget er allereie sendt ({reference}).",
)
RECEIPT_TITLE = Localized(
    nb="Sendt til samarbeidsforum: {reference}", nn="Sendt til samarbeidsforum: {reference}"
)
RECEIPT_HEADLINE = Localized(
    nb="Beslutningsgrunnlaget for {name} {year} er sendt {date}.",
    nn="Avgjerdsgrunnlaget for {name} {year} er sendt {date}.",
)
RECEIPT_TOLD = Localized(
    nb="{count} mottakere har fått beskjed (administratorene, koordinatorene og nettverkets "
    "kanal, der Laget er lagt til).",
    nn="{count} mottakarar har fått melding (administratorane, koordinatorane og kanalen til "
    "nettverket, der Laget er lagt til).",
)
RECEIPT_TOLD_ONE = Localized(
    nb="Én mottaker har fått beskjed (administratorene, koordinatorene og nettverkets kanal, "
    "der Laget er lagt til).",
    nn="Éin mottakar har fått melding (administratorane, koordinatorane og kanalen til "
    "nettverket, der Laget er lagt til).",
)
RECEIPT_TOLD_NONE = Localized(
    nb="Ingen andre fikk beskjed: ingen administrator, annen koordinator eller kanal for "
    "nettverket har lagt til Laget ennå.",
    nn="Ingen andre fekk melding: ingen administrator, annan koordinator eller kanal for "
    "nettverket har lagt til Laget enno.",
)
RECEIPT_REMINDERS = Localized(
    nb="Påminnelsene om beslutningsgrunnlaget stopper for {name}.",
    nn="Påminningane om avgjerdsgrunnlaget stoppar for {name}.",
)
LATE_NOTICE = Localized(nb="Sendt etter fristen {date}.", nn="Sendt etter fristen {date}.")
LATE = Localized(
    nb="Sendt etter fristen {date}: det er merket som for sent.",
    nn="Sendt etter fristen {date}: det er merkt som for seint.",
)
REFERENCE = Localized(nb="Referanse", nn="Referanse")
COMMITTED = Localized(nb="Bundet opp", nn="Bunde opp")
LEFT = Localized(nb="Igjen", nn="Att")
FRAME = Localized(nb="Ramme", nn="Ramme")
CHANGE_SAVED = Localized(
    nb="Endringen er lagret som versjon {version} av {reference}, og administratorene har fått "
    "beskjed om hva som ble endret.",
    nn="Endringa er lagra som versjon {version} av {reference}, og administratorane har fått "
    "melding om kva som vart endra.",
)

# Notices to others (bokmål: cards posted to channels and administrators)
NOTICE_TITLE = Localized(
    nb="{name} har sendt beslutningsgrunnlaget for {year}",
    nn="{name} har sendt avgjerdsgrunnlaget for {year}",
)
NOTICE_HEADLINE = Localized(
    nb="{reference}: {measures} tiltak, {total} av rammen på {frame}.",
    nn="{reference}: {measures} tiltak, {total} av ramma på {frame}.",
)
CHANGED_TITLE = Localized(
    nb="{name} har endret beslutningsgrunnlaget {reference}",
    nn="{name} har endra avgjerdsgrunnlaget {reference}",
)
CHANGED_HEADLINE = Localized(
    nb="Endret av {who}. Dette er endret siden forrige lagring:",
    nn="Endra av {who}. Dette er endra sidan førre lagring:",
)
CHANGED_FIELD = Localized(nb="{label} er endret.", nn="{label} er endra.")
MEASURE_ADDED = Localized(nb="Tiltak {number} er lagt til.", nn="Tiltak {number} er lagt til.")
MEASURE_REMOVED = Localized(nb="Tiltaket «{goal}» er fjernet.", nn="Tiltaket «{goal}» er fjerna.")
MEASURE_FIELD_CHANGED = Localized(
    nb="Tiltak {number}: {label} er endret.", nn="Tiltak {number}: {label} er endra."
)
MEASURE_BUDGET_CHANGED = Localized(
    nb="Tiltak {number}: {label} {old} → {new}.", nn="Tiltak {number}: {label} {old} → {new}."
)
TOTAL_CHANGED = Localized(nb="Sum: {old} → {new}.", nn="Sum: {old} → {new}.")

# The county overview
OVERVIEW_TITLE = Localized(
    nb="Beslutningsgrunnlag for alle nettverk, {year}",
    nn="Avgjerdsgrunnlag for alle nettverk, {year}",
)
OVERVIEW_HEADLINE = Localized(
    nb="{sent} av {count} er sendt{late}, {drafts} er utkast. Bundet opp i sendte: {committed}.",
    nn="{sent} av {count} er sende{late}, {drafts} er utkast. Bunde opp i sende: {committed}.",
)
OVERVIEW_LATE = Localized(nb=" ({late} etter fristen)", nn=" ({late} etter fristen)")
STATES = {
    "not_started": Localized(nb="ikke startet", nn="ikkje starta"),
    "draft": Localized(nb="utkast", nn="utkast"),
    "sent": Localized(nb="sendt", nn="sendt"),
    "sent_late": Localized(nb="sendt for sent", nn="sendt for seint"),
}
OVERVIEW_ROW = Localized(
    nb="{state} · {committed} av {frame}", nn="{state} · {committed} av {frame}"
)
TOPIC_TOTALS = Localized(
    nb="Per tema (et tiltak med flere tema telles under hvert): {totals}.",
    nn="Per tema (eit tiltak med fleire tema blir talt under kvart): {totals}.",
)
OVERVIEW_REFUSED = Localized(
    nb="Oversikten over alle nettverk er for administratorene.",
    nn="Oversikta over alle nettverk er for administratorane.",
)
EXPORT_HINT = Localized(
    nb="Regneark og Word-dokumenter får du med kommandoen «laget export decision-basis --year "
    "{year}».",
    nn="Rekneark og Word-dokument får du med kommandoen «laget export decision-basis --year "
    "{year}».",
)

# Step by step
QUESTION = Localized(nb="({title}) {question}", nn="({title}) {question}")
NOW = Localized(
    nb="Nå: {value}. Skriv nytt svar, eller «behold».",
    nn="No: {value}. Skriv nytt svar, eller «behald».",
)
MORE_MEASURES = Localized(
    nb="Vil dere legge til et tiltak til? (ja/nei)", nn="Vil de leggje til eit tiltak til? (ja/nei)"
)
YES_OR_NO = Localized(nb="Svar «ja» eller «nei».", nn="Svar «ja» eller «nei».")
CHANGED_ELSEWHERE = Localized(
    nb="Noen andre endret beslutningsgrunnlaget; svaret ditt er lagt inn i den nyeste versjonen.",
    nn="Nokon andre endra avgjerdsgrunnlaget; svaret ditt er lagt inn i den nyaste versjonen.",
)
STEP_HELP = Localized(
    nb="Jeg spør om ett felt av gangen og lagrer hvert svar med en gang. Skriv «tilbake» for "
    "forrige spørsmål, «legg til tiltak», «endre tiltak 2», «fjern tiltak 2», eller «avbryt» "
    "for å ta pause: utkastet er lagret, og «beslutningsgrunnlag» tar deg tilbake.",
    nn="Eg spør om eitt felt om gongen og lagrar kvart svar med ein gong. Skriv «tilbake» for "
    "førre spørsmål, «legg til tiltak», «endre tiltak 2», «fjern tiltak 2», eller «avbryt» for "
    "å ta pause: utkastet er lagra, og «avgjerdsgrunnlag» tek deg tilbake.",
)
STEP_CANCELLED = Localized(
    nb="Greit, jeg tar pause. Utkastet er lagret: skriv «beslutningsgrunnlag» når du vil "
    "fortsette.",
    nn="Greitt, eg tek pause. Utkastet er lagra: skriv «avgjerdsgrunnlag» når du vil halde fram.",
)
