"""Every sentence the scheme answers use, in bokmål and nynorsk."""

from __future__ import annotations

from bot.scheme import Localized

FRAME_TITLE = Localized(nb="Rammen til {name} for {year}", nn="Ramma til {name} for {year}")
ESTIMATED = Localized(nb="Estimert ramme: {amount}", nn="Estimert ramme: {amount}")
DECIDED = Localized(nb="Vedtatt ramme: {amount}", nn="Vedteken ramme: {amount}")
STATUS = Localized(nb="Status", nn="Status")
STATUS_ESTIMATED = Localized(
    nb="estimert (beregnet fra elevtall og barnetall)",
    nn="estimert (rekna ut frå elevtal og barnetal)",
)
STATUS_DECIDED = Localized(nb="vedtatt", nn="vedteken")
STATUS_DECIDED_ON = Localized(nb="vedtatt {date} ({reference})", nn="vedteken {date} ({reference})")
DECIDED_ON = Localized(
    nb="Vedtatt ramme: {amount} (vedtak {date})", nn="Vedteken ramme: {amount} (vedtak {date})"
)
ENTERED_NOT_EXAMPLE = Localized(
    nb="Den vedtatte rammen er lagt inn av administratoren. Tallene i beregningen (elevtall, "
    "barnetall, fordelingsnøkkelen) er eksempeldata.",
    nn="Den vedtekne ramma er lagd inn av administratoren. Tala i utrekninga (elevtal, "
    "barnetal, fordelingsnøkkelen) er eksempeldata.",
)
BASE = Localized(nb="Grunntilskudd", nn="Grunntilskot")
SHARE = Localized(nb="Fordelt etter elevtall og barnetall", nn="Fordelt etter elevtal og barnetal")
COUNTS = Localized(nb="Elevtall / barnetall", nn="Elevtal / barnetal")
KEY_GAVE = Localized(nb="Fordelingsnøkkelen ga", nn="Fordelingsnøkkelen gav")
COORDINATION = Localized(nb="Koordinering (i tillegg)", nn="Koordinering (i tillegg)")
COMMITTED_SENT = Localized(
    nb="Bundet opp (sendt, {reference})", nn="Bunde opp (sendt, {reference})"
)
COMMITTED_DRAFT = Localized(
    nb="Bundet opp (utkast, ikke sendt)", nn="Bunde opp (utkast, ikkje sendt)"
)
COMMITTED_NONE = Localized(nb="Bundet opp", nn="Bunde opp")
NOTHING_COMMITTED = Localized(
    nb="kr 0 (beslutningsgrunnlaget er ikke påbegynt)",
    nn="kr 0 (avgjerdsgrunnlaget er ikkje påbegynt)",
)
LEFT = Localized(nb="Igjen", nn="Att")
LEFT_IF_SENT = Localized(nb="Igjen hvis utkastet sendes", nn="Att om utkastet blir sendt")
KIND_OWNER = Localized(nb="– til eierne", nn="– til eigarane")
KIND_UH = Localized(nb="– til UH", nn="– til UH")
KIND_COORDINATION = Localized(nb="– til koordinering", nn="– til koordinering")
LEFT_HEADLINE = Localized(
    nb="Igjen: {left} av rammen på {frame}. Bundet opp: {committed} ({source}).",
    nn="Att: {left} av ramma på {frame}. Bunde opp: {committed} ({source}).",
)
SOURCE_SENT = Localized(
    nb="det sendte beslutningsgrunnlaget {reference}",
    nn="det sende avgjerdsgrunnlaget {reference}",
)
SOURCE_DRAFT = Localized(
    nb="utkastet til beslutningsgrunnlag, ikke sendt ennå",
    nn="utkastet til avgjerdsgrunnlag, ikkje sendt enno",
)
SOURCE_NONE = Localized(
    nb="ingen beslutningsgrunnlag er påbegynt ennå",
    nn="ikkje noko avgjerdsgrunnlag er påbegynt enno",
)
MEMBER_OF = Localized(
    nb="{place} hører til kompetansenettverket {name}.",
    nn="{place} høyrer til kompetansenettverket {name}.",
)
IMPORTED = Localized(
    nb="Elevtall og barnetall er importert fra {source} ({date}).",
    nn="Elevtal og barnetal er importerte frå {source} ({date}).",
)
SOURCE = Localized(nb="Kilde: {source}.", nn="Kjelde: {source}.")
FRAME_SOURCE = Localized(
    nb="Kilde: fordelingsregelen i {source}. Beløpene er regnet ut av Laget fra årets datafil.",
    nn="Kjelde: fordelingsregelen i {source}. Beløpa er rekna ut av Laget frå datafila for året.",
)
FRAME_SOURCE_EXAMPLE = Localized(
    nb="Kilde: fordelingsregelen i {source}. Totalbeløpet, grunntilskuddet, fellestiltakene og "
    "elevtallene er eksempeldata, ikke fra planen.",
    nn="Kjelde: fordelingsregelen i {source}. Totalbeløpet, grunntilskotet, fellestiltaka og "
    "elevtala er eksempeldata, ikkje frå planen.",
)
NOT_FOUND = Localized(
    nb="Jeg finner ikke «{place}» blant kompetansenettverkene i {region}. Nettverkene er: {names}.",
    nn="Eg finn ikkje «{place}» blant kompetansenettverka i {region}. Nettverka er: {names}.",
)
WHICH_NETWORK = Localized(
    nb="Hvilket kompetansenettverk hører du til? Spør for eksempel «rammen til "
    "{example}», eller skriv «jeg hører til {example}», så husker jeg det. "
    "Nettverkene er: {names}.",
    nn="Kva kompetansenettverk høyrer du til? Spør til dømes «ramma til {example}», "
    "eller skriv «eg høyrer til {example}», så hugsar eg det. Nettverka er: "
    "{names}.",
)
REMEMBERED = Localized(
    nb="Notert: du hører til {name}. Nå kan du spørre «hva er rammen vår?».",
    nn="Notert: du høyrer til {name}. No kan du spørje «kva er ramma vår?».",
)
NO_YEAR = Localized(
    nb="Jeg har ingen tall for {year} ennå. Spør administratoren hos Statsforvalteren.",
    nn="Eg har ingen tal for {year} enno. Spør administratoren hos Statsforvaltaren.",
)
COUNTY_TITLE = Localized(nb="Rammene for {year}", nn="Rammene for {year}")
COUNTY_HEADLINE = Localized(
    nb="{count} kompetansenettverk, {total} til sammen (koordinering kommer i tillegg).",
    nn="{count} kompetansenettverk, {total} til saman (koordinering kjem i tillegg).",
)
COUNTY_REFUSED = Localized(
    nb="Oversikten over hele fylket er for administratorer. Du kan spørre om rammen "
    "til ett nettverk, for eksempel «rammen til {example}».",
    nn="Oversikta over heile fylket er for administratorar. Du kan spørje om ramma "
    "til eitt nettverk, til dømes «ramma til {example}».",
)
DEADLINE_TITLE = Localized(nb="Frist: {step}", nn="Frist: {step}")
NEXT_TITLE = Localized(nb="Neste frist: {step}", nn="Neste frist: {step}")
FROM = Localized(nb="Fra", nn="Frå")
TO = Localized(nb="Til", nn="Til")
DUE = Localized(nb="Frist", nn="Frist")
LOCAL = Localized(nb="settes lokalt", nn="blir sett lokalt")
RECOMMENDED = Localized(
    nb="settes lokalt (anbefalt {date})",
    nn="blir sett lokalt (tilrådd {date})",
)
PASSED = Localized(nb="{date} (passert)", nn="{date} (passert)")
CALENDAR_TITLE = Localized(nb="Årshjulet for {year}", nn="Årshjulet for {year}")
CALENDAR_HEADLINE = Localized(
    nb="Stegene i Kompetanseløftet, med fristene for {region}.",
    nn="Stega i Kompetanseløftet, med fristane for {region}.",
)
NO_NEXT = Localized(
    nb="Jeg har ingen kommende frister med dato.",
    nn="Eg har ingen komande fristar med dato.",
)
SEE_CALENDAR = Localized(nb="Alle frister", nn="Alle fristar")
SEE_FRAME = Localized(nb="Rammen vår", nn="Ramma vår")

# The headline of a frame card, by the frame's status.
FRAME_AMOUNT = {"estimated": ESTIMATED, "decided": DECIDED}

# Questions: the «Mente du …?» choice, 👍/👎, the fallback.
SUGGEST_TITLE = Localized(nb="Mente du …?", nn="Meinte du …?")
SUGGEST_TEXT = Localized(
    nb="Jeg er ikke helt sikker på hva du spør om. Velg det som passer:",
    nn="Eg er ikkje heilt sikker på kva du spør om. Vel det som passar:",
)
NONE = Localized(nb="Ingen av disse", nn="Ingen av desse")
FALLBACK_TITLE = Localized(nb="Det kan jeg ikke svare på", nn="Det kan eg ikkje svare på")
ASK_COORDINATOR = Localized(nb="Spør koordinatoren", nn="Spør koordinatoren")
THANKS_UP = Localized(nb="Takk for tilbakemeldingen!", nn="Takk for tilbakemeldinga!")
THANKS_DOWN = Localized(
    nb="Takk! Jeg tar vare på spørsmålet, så svarene kan bli bedre. Du kan også "
    "spørre koordinatoren i nettverket ditt.",
    nn="Takk! Eg tek vare på spørsmålet, så svara kan bli betre. Du kan også spørje "
    "koordinatoren i nettverket ditt.",
)
WHICH_NETWORK_TO_SET = Localized(
    nb="Hvilket nettverk hører du til? Skriv for eksempel «jeg hører til Fosen».",
    nn="Kva nettverk høyrer du til? Skriv til dømes «eg høyrer til Fosen».",
)
STALE = Localized(
    nb="Det spørsmålet finner jeg ikke lenger. Spør gjerne på nytt.",
    nn="Det spørsmålet finn eg ikkje lenger. Spør gjerne på nytt.",
)
EXAMPLE_GROUPING = Localized(
    nb="Merk: hvilke kommuner som er med i dette nettverket, er eksempeldata.",
    nn="Merk: kva kommunar som er med i dette nettverket, er eksempeldata.",
)
MEMBERS = Localized(
    nb="Med i kompetansenettverket {name}: {members}.",
    nn="Med i kompetansenettverket {name}: {members}.",
)
COORDINATOR_IS = Localized(
    nb="Koordinatoren i {name} er {names}.", nn="Koordinatoren i {name} er {names}."
)
COORDINATORS_ARE = Localized(
    nb="Koordinatorene i {name} er {names}.", nn="Koordinatorane i {name} er {names}."
)
NO_COORDINATOR_KNOWN = Localized(
    nb="Ingen koordinator for {name} er registrert i Laget ennå. Administratoren i fylket kan "
    "legge inn koordinatoren; spør gjerne kommunen din hvem det er.",
    nn="Ingen koordinator for {name} er registrert i Laget enno. Administratoren i fylket kan "
    "leggje inn koordinatoren; spør gjerne kommunen din kven det er.",
)
RECOMMENDED_FIRST = Localized(
    nb="Anbefalt før det: {step} innen {date} ({left}). Det er en anbefaling, ikke en frist.",
    nn="Tilrådd før det: {step} innan {date} ({left}). Det er ei tilråding, ikkje ein frist.",
)
AMOUNTS_TITLE = Localized(nb="Midlene for {year}", nn="Midlane for {year}")
AMOUNTS_HEADLINE = Localized(
    nb="Totalt {total} til kompetansenettverkene i {region} ({networks} nettverk).",
    nn="Totalt {total} til kompetansenettverka i {region} ({networks} nettverk).",
)
TOTAL = Localized(nb="Totalt", nn="Totalt")
JOINT = Localized(nb="Fellestiltak", nn="Fellestiltak")
BASE_EACH = Localized(nb="Grunntilskudd per nettverk", nn="Grunntilskot per nettverk")

# «Er rammen vår vedtatt?»
IS_DECIDED = Localized(
    nb="Ja. Rammen til {name} for {year} er vedtatt: {amount} (vedtak {date}, {reference}).",
    nn="Ja. Ramma til {name} for {year} er vedteken: {amount} (vedtak {date}, {reference}).",
)
IS_DECIDED_FILE = Localized(
    nb="Ja. Rammen til {name} for {year} er vedtatt: {amount}.",
    nn="Ja. Ramma til {name} for {year} er vedteken: {amount}.",
)
NOT_DECIDED = Localized(
    nb="Nei, ikke ennå. Rammen til {name} for {year} er estimert til {amount}. Statsforvalteren "
    "fatter vedtaket innen {date}.",
    nn="Nei, ikkje enno. Ramma til {name} for {year} er estimert til {amount}. Statsforvaltaren "
    "gjer vedtaket innan {date}.",
)
# «Hvor mye har vi brukt?»
SPENT_TITLE = Localized(nb="Brukt av {name} i {year}", nn="Brukt av {name} i {year}")
SPENT_HEADLINE = Localized(
    nb="Brukt: {used} av {committed} bundet opp ({source}).",
    nn="Brukt: {used} av {committed} bunde opp ({source}).",
)
SPENT_SENT = Localized(
    nb="fra den sendte rapporten {reference}", nn="frå den sende rapporten {reference}"
)
SPENT_DRAFT = Localized(
    nb="fra utkastet til rapport, ikke sendt ennå", nn="frå utkastet til rapport, ikkje sendt enno"
)
SPENT_NONE = Localized(
    nb="Laget har ikke registrert noe forbruk for {name} i {year} ennå. Forbruket føres i "
    "rapporten (skriv «rapport»), som sendes til Statsforvalteren innen {date}.",
    nn="Laget har ikkje registrert noko forbruk for {name} i {year} enno. Forbruket blir ført i "
    "rapporten (skriv «rapport»), som blir sendt til Statsforvaltaren innan {date}.",
)
SPENT_KIND = Localized(nb="{label}: brukt / bundet opp", nn="{label}: brukt / bunde opp")
KIND_LABELS = {
    "budget_owner": Localized(nb="Eier", nn="Eigar"),
    "budget_uh": Localized(nb="UH", nn="UH"),
    "budget_coordination": Localized(nb="Koordinering", nn="Koordinering"),
}
# «Hva må rapporten inneholde?»
REPORT_CONTENTS_TITLE = Localized(nb="Hva rapporten inneholder", nn="Kva rapporten inneheld")
REPORT_CONTENTS = Localized(
    nb="Partnerskapene rapporterer til Statsforvalteren innen {date}. Ingen av kildene Laget "
    "bygger på, lister opp hva rapporten skal inneholde, så spør Statsforvalteren om deres krav. "
    "Rapporten i Laget tar utgangspunkt i beslutningsgrunnlaget og spør om: hva som ble gjort i "
    "hvert tiltak, hvor mange deltakere det nådde, hva som ble brukt til eier, UH og "
    "koordinering mot det som var bundet opp, hvordan de fire vilkårene ble oppfylt, og hva "
    "evalueringen viste. Skriv «rapport» for å fylle den ut.",
    nn="Partnarskapa rapporterer til Statsforvaltaren innan {date}. Ingen av kjeldene Laget "
    "byggjer på, listar opp kva rapporten skal innehalde, så spør Statsforvaltaren om krava "
    "deira. Rapporten i Laget tek utgangspunkt i avgjerdsgrunnlaget og spør om: kva som vart "
    "gjort i kvart tiltak, kor mange deltakarar det nådde, kva som vart brukt til eigar, UH og "
    "koordinering mot det som var bunde opp, korleis dei fire vilkåra vart oppfylte, og kva "
    "evalueringa viste. Skriv «rapport» for å fylle han ut.",
)
SPENDING_YEAR = Localized(
    nb="Tallene for {asked} er ikke lagt inn ennå; dette er rammen for {shown}, pengene som "
    "brukes nå.",
    nn="Tala for {asked} er ikkje lagde inn enno; dette er ramma for {shown}, pengane som blir "
    "brukte no.",
)

# Steps of samarbeidsforum and Statsforvalteren, said as theirs
BODIES_BEFORE = Localized(
    nb="Før det: {step} fra {actor} til {to} innen {date}. Det er fristen til {actor}, ikke "
    "noe dere skal sende.",
    nn="Før det: {step} frå {actor} til {to} innan {date}. Det er fristen til {actor}, ikkje "
    "noko de skal sende.",
)
BODIES_OWN = Localized(
    nb="Dette er fristen til {actor}, ikke noe dere skal sende.",
    nn="Dette er fristen til {actor}, ikkje noko de skal sende.",
)
SET_LOCALLY = Localized(nb="fristen nettverket setter", nn="fristen nettverket set")
