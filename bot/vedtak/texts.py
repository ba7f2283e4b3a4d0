"""Every sentence of the vedtak (decided frames), in bokmål and nynorsk."""

from __future__ import annotations

from bot.scheme import Localized

# The announcement goes to a channel and to coordinators: bokmål only.
NOTICE_TITLE = Localized(
    nb="Rammen til {name} for {year} er vedtatt", nn="Ramma til {name} for {year} er vedteken"
)
NOTICE_HEADLINE = Localized(
    nb="Vedtatt ramme: {amount} (vedtak {date}, {reference}).",
    nn="Vedteken ramme: {amount} (vedtak {date}, {reference}).",
)
ESTIMATE = Localized(nb="Estimatet den erstatter", nn="Estimatet ho erstattar")
DIFFERENCE = Localized(nb="Forskjell", nn="Skilnad")
COMMITTED = Localized(nb="Bundet opp ({reference})", nn="Bunde opp ({reference})")
LEFT = Localized(nb="Igjen av vedtatt ramme", nn="Att av vedteken ramme")
OVER = Localized(
    nb="Det sendte beslutningsgrunnlaget binder opp {over} mer enn den vedtatte rammen. Se over "
    "tiltakene og endre budsjettet.",
    nn="Det sende avgjerdsgrunnlaget bind opp {over} meir enn den vedtekne ramma. Sjå over "
    "tiltaka og endre budsjettet.",
)
NOT_SENT = Localized(
    nb="Beslutningsgrunnlaget er ikke sendt ennå; hold budsjettet innenfor den vedtatte rammen.",
    nn="Avgjerdsgrunnlaget er ikkje sendt enno; hald budsjettet innanfor den vedtekne ramma.",
)
ESTIMATE_WAS_EXAMPLE = Localized(
    nb="Estimatet bygde på eksempeldata; den vedtatte rammen er lagt inn av administratoren.",
    nn="Estimatet bygde på eksempeldata; den vedtekne ramma er lagd inn av administratoren.",
)
SEE_FRAME = Localized(nb="Rammen vår", nn="Ramma vår")

# Deciding (the administrators' card and the CLI)
FORM_TITLE = Localized(nb="Registrer vedtak for {year}", nn="Registrer vedtak for {year}")
FORM_INTRO = Localized(
    nb="Rammen du legger inn, erstatter estimatet for nettverket overalt, og nettverkets kanal "
    "og koordinatorer får beskjed ved neste påminnelsesrunde.",
    nn="Ramma du legg inn, erstattar estimatet for nettverket overalt, og kanalen og "
    "koordinatorane i nettverket får melding ved neste påminningsrunde.",
)
NETWORK = Localized(nb="Nettverk", nn="Nettverk")
AMOUNT = Localized(nb="Vedtatt ramme (kr)", nn="Vedteken ramme (kr)")
DATE = Localized(
    nb="Vedtaksdato (for eksempel 15.04.2027)", nn="Vedtaksdato (til dømes 15.04.2027)"
)
REFERENCE = Localized(
    nb="Vedtakets referanse (saksnummer)", nn="Referansen til vedtaket (saksnummer)"
)
SAVE = Localized(nb="Registrer vedtaket", nn="Registrer vedtaket")
REFUSED = Localized(
    nb="Bare administratorene kan registrere vedtak.",
    nn="Berre administratorane kan registrere vedtak.",
)
NO_YEAR = Localized(
    nb="Det finnes ingen tall for {year} ennå, så ingen ramme kan vedtas for det året.",
    nn="Det finst ingen tal for {year} enno, så inga ramme kan vedtakast for det året.",
)
UNKNOWN_NETWORK = Localized(nb="Velg et nettverk fra listen.", nn="Vel eit nettverk frå lista.")
BAD_DATE = Localized(nb="Skriv datoen som 15.04.2027.", nn="Skriv datoen som 15.04.2027.")
FUTURE_DATE = Localized(
    nb="Vedtaksdatoen kan ikke være fram i tid.", nn="Vedtaksdatoen kan ikkje vere fram i tid."
)
NO_REFERENCE = Localized(
    nb="Skriv vedtakets referanse (saksnummer), høyst 64 tegn.",
    nn="Skriv referansen til vedtaket (saksnummer), høgst 64 teikn.",
)
DECIDED = Localized(
    nb="Vedtaket er registrert: rammen til {name} for {year} er {amount}. Nettverkets kanal og "
    "koordinatorer får beskjed ved neste påminnelsesrunde.",
    nn="Vedtaket er registrert: ramma til {name} for {year} er {amount}. Kanalen og "
    "koordinatorane i nettverket får melding ved neste påminningsrunde.",
)
ERRORS = Localized(
    nb="Noe må rettes (se feltet under). Ingenting er lagret.",
    nn="Noko må rettast (sjå feltet under). Ingenting er lagra.",
)
ZERO = Localized(
    nb="Skriv den vedtatte rammen i hele kroner, større enn 0.",
    nn="Skriv den vedtekne ramma i heile kroner, større enn 0.",
)
CHANGED_TITLE = Localized(
    nb="Rammen til {name} for {year} er endret", nn="Ramma til {name} for {year} er endra"
)
REPLACES = Localized(nb="Forrige vedtak (erstattes)", nn="Førre vedtak (blir erstatta)")
OVER_DECIDED = Localized(nb="Over den vedtatte rammen", nn="Over den vedtekne ramma")
