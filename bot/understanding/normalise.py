"""Norwegian text folded to one canonical form, so that variants match the same examples.

`normalise` lower-cases, strips punctuation, restores æ/ø/å typed as ae/oe/aa or a/o (only for
known words, never for ambiguous spellings such as "for"), expands the scheme's abbreviations (BG,
SF, PPT, Rekomp, KO-løftet, ...), maps nynorsk and common misspellings onto bokmål (kva → hva,
avgjerdsgrunnlag → beslutningsgrunnlag) and corrects long domain words with small typos. `stem`
applies the Norwegian Snowball stemmer. The canonical form is for matching only, never shown.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]
from rapidfuzz import fuzz, process


def _table(text: str) -> dict[str, str]:
    """ "kor_mykje=hvor_mye kva=hva" → {"kor mykje": "hvor mye", "kva": "hva"}."""
    pairs = (item.split("=") for item in text.split())
    return {key.replace("_", " "): value.replace("_", " ") for key, value in pairs}


# Phrases first, longest first; a space in a phrase also matches a hyphen ("KO-løftet").
_PHRASES = _table(
    """
kor_mykje=hvor_mye kor_mye=hvor_mye kor_mange=hvor_mange kor_lenge=hvor_lenge
kor_lang_tid=hvor_lang_tid kva_tid=når kva_for=hvilke kva_slags=hva_slags kva_dato=hvilken_dato
kompetanseløftet_for_spesialpedagogikk_og_inkluderende_praksis=kompetanseløftet
kompetanseløft_for_spesialpedagogikk_og_inkluderende_praksis=kompetanseløftet
kompetanseløftet_for_spesialpedagogikk_og_inkluderande_praksis=kompetanseløftet
kompetanseløft_for_spesialpedagogikk_og_inkluderande_praksis=kompetanseløftet
ko_løftet=kompetanseløftet ko_loftet=kompetanseløftet ko_løft=kompetanseløftet hva_tid=når
kompetanse_løftet=kompetanseløftet beslutnings_grunnlag=beslutningsgrunnlag
beslutnings_grunnlaget=beslutningsgrunnlaget behovs_melding=behovsmelding
behovs_meldingen=behovsmeldingen stats_forvalteren=statsforvalteren
samarbeids_forum=samarbeidsforum pp_tjenesten=ppt pp_tjeneste=ppt pp_tjenestene=ppt
pp_tenesta=ppt pp_teneste=ppt pp_tenestene=ppt re_komp=rekom de_komp=dekom års_hjul=årshjul
felles_tiltak=fellestiltak årshjulet=årshjul
"""
)
# Abbreviations and names of the schemes and bodies.
_ABBREVIATIONS = _table(
    """
bg=beslutningsgrunnlag bgen=beslutningsgrunnlaget sf=statsforvalteren sfen=statsforvalteren
fm=statsforvalteren fylkesmannen=statsforvalteren statsforvalter=statsforvalteren
statsforvaltar=statsforvalteren statsforvaltaren=statsforvalteren ppten=ppt pp=ppt uhen=uh
rekomp=rekom dekomp=dekom kompetanseløft=kompetanseløftet kompetanseloftet=kompetanseløftet
kompetansløftet=kompetanseløftet bhg=barnehage barnhage=barnehage
"""
)
# Nynorsk → bokmål (kva → hva, avgjerdsgrunnlag → beslutningsgrunnlag, tilskot → tilskudd, ...).
_NYNORSK = _table(
    """
kva=hva kven=hvem korleis=hvordan kvifor=hvorfor korfor=hvorfor kor=hvor kvar=hvor kvart=hvert
ikkje=ikke eg=jeg me=vi dykk=dere dykkar=deres dei=de frå=fra mykje=mye noko=noe nokon=noen
nokre=noen berre=bare høyrer=hører kjem=kommer vere=være eit=et ein=en sjølv=selv heile=hele
saman=sammen veit=vet gjer=gjør gjere=gjøre sidan=siden avgjerdsgrunnlag=beslutningsgrunnlag
avgjerdsgrunnlaget=beslutningsgrunnlaget avgjerdsgrunnlaga=beslutningsgrunnlagene
tilskot=tilskudd tilskotet=tilskuddet tilskotsordninga=tilskuddsordningen
tilskotsordning=tilskuddsordning grunntilskot=grunntilskudd grunntilskotet=grunntilskuddet
eigar=eier eigaren=eieren eigarar=eiere eigarane=eierne tilsette=ansatte tilsett=ansatt
høgskule=høgskole høgskular=høgskoler høgskulane=høgskolene skule=skole skulen=skolen
skular=skoler skulane=skolene elevtal=elevtall elevtalet=elevtallet barnetal=barnetall
barnetalet=barnetallet inkluderande=inkluderende ramma=rammen rammane=rammene
nettverka=nettverkene pengar=penger pengane=pengene midla=midlene midlane=midlene
fristar=frister fristane=fristene dagar=dager oppgåver=oppgaver oppgåvene=oppgavene
fellestiltaka=fellestiltakene tiltaka=tiltakene tenester=tjenester tenesta=tjenesten
teneste=tjeneste tilbod=tilbud elevar=elever lærarar=lærere leiar=leder leiarar=ledere
leiarane=lederne målgruppa=målgruppen ordninga=ordningen meldinga=meldingen
behovsmeldinga=behovsmeldingen innstillinga=innstillingen rapporteringa=rapporteringen
vurderinga=vurderingen vedteke=vedtatt vedtekne=vedtatte brukast=brukes fordelast=fordeles
sendast=sendes betalast=betales deltek=deltar eigenandel=egenandel eigendel=egenandel
eigenandelen=egenandelen eiga=egen eige=eget partnarskap=partnerskap
partnarskapet=partnerskapet samarbeidsforumet=samarbeidsforum att=igjen veke=uke veker=uker
datoar=datoer gjeld=gjelder no=nå finn=finner kommunar=kommuner kommunane=kommunene
barnehagar=barnehager barnehagane=barnehagene høgskulen=høgskolen friskule=friskole
friskular=friskoler vert=blir betre=bedre spørje=spørre sjå=se avgjer=avgjør oppgåve=oppgave
vilkåra=vilkårene krava=kravene kriteria=kriteriene krevst=kreves temaa=temaene dekkjer=dekker
dekkje=dekke måla=målene delane=delene delar=deler einskild=enkelt einskilde=enkelte
berekna=beregnet rekna=regnet postane=postene møteverksemd=møtevirksomhet årlege=årlige
tildelinga=tildelingen tildelingar=tildelinger tildelingane=tildelingene
leiarnettverket=ledernettverket fordelte=fordelt delte=delt tel=teller fordelinga=fordelingen
omsyn=hensyn utvikla=utviklet finst=finnes velje=velge framleis=fortsatt partnar=partner
rolla=rollen koordinatorrolla=koordinatorrollen inneber=innebærer ventar=venter
tverrfaglege=tverrfaglige oppfylte=oppfylt stilte=stilt midlar=midler lærlingar=lærlinger
assistentar=assistenter vidareutdanning=videreutdanning omfattar=omfatter satsinga=satsingen
høgfrekvente=høyfrekvente utfordringane=utfordringene utfordringar=utfordringer fråvær=fravær
skulefråvær=skolefravær eigne=egne sjølve=selv søkje=søke søkjer=søker skilnaden=forskjellen
heng=henger ordningane=ordningene jobbar=jobber utbetalte=utbetalt utsett=utsatt
byrjar=begynner løna=lønnen haustferien=høstferien kostar=koster vêret=været morgon=morgen
rekk=rekker deadline=frist deadlinen=fristen deadlines=frister send=sendt halde=holde
tidslinja=tidslinjen vedtek=vedtar vart=ble avslutta=avsluttet fortel=fortell lagar=lager
oppgåva=oppgaven arbeidsoppgåvene=arbeidsoppgavene støttar=støtter forankra=forankret
behova=behovene retta=rettet òg=også lærekandidatar=lærekandidater ligg=ligger meir=mer
vanskar=vansker språkvanskar=språkvansker åtferdsvanskar=atferdsvansker åtferd=atferd
leggje=legge tilbodet=tilbudet same=samme samanhengen=sammenhengen føremålet=formålet
føremål=formål oppretta=opprettet heiter=heter behalde=beholde brukar=bruker tilviser=henviser
seier=sier opplæringslova=opplæringsloven restmidlar=restmidler prinsipp=prinsipper
kriterium=kriterier skuleåret=skoleåret elementa=elementene startar=starter tener=tjener
barnehagelærar=barnehagelærer ordførar=ordfører datoane=datoene leverast=leveres
utsetjing=utsettelse gje=gi stega=stegene samanlikning=sammenligning
kravd=krevd ansvarsfordelinga=ansvarsfordelingen meinte=ment målsetjinga=målsettingen
fortelje=fortelle spora=sporene forvaltar=forvalter ringje=ringe loggar=logger
"""
)
# Misspellings seen in staff messages.
_MISSPELLINGS = _table(
    """
beslutingsgrunnlag=beslutningsgrunnlag besluttningsgrunnlag=beslutningsgrunnlag
behovmelding=behovsmelding behovsmeldning=behovsmelding hvilkne=hvilke hvordn=hvordan hvr=hvor
hv=hva va=hva innstiling=innstilling koordinater=koordinator kordinator=koordinator
kordinatoren=koordinatoren
"""
)
_WORDS = {**_ABBREVIATIONS, **_NYNORSK, **_MISSPELLINGS}
# Long domain words whose misspellings are corrected (fuzz.ratio ≥ _FUZZY_CUTOFF).
_LEXICON = frozenset(
    re.findall(
        r"\S+",
        """
beslutningsgrunnlag beslutningsgrunnlaget behovsmelding behovsmeldingen samarbeidsforum
statsforvalteren kompetanseløftet kompetansenettverk kompetansenettverket koordinator
koordinatoren koordinatorens koordinering fellestiltak fellestiltakene fellestiltaket
grunntilskudd egenandel egenandelen inkluderingsanalysen inkluderende innstilling innstillingen
rapportering rapporteringen fordelingsnøkkel fordelingsnøkkelen målgruppe målgruppen
partnerskap partnerskapet tverrfaglig arbeidsplassbasert videreutdanning barnehage barnehager
nettverket nettverkene høgskole universitet spesialpedagogikk tilskuddsordningen møtevirksomhet
ledernettverket frister fristene årshjul elevtall barnetall tildeling tildelingen vurdering
oppfølgingsordningen nettressurser kompetansepakker utbetalt utbetaling
""",
    )
)
_FUZZY_MIN_LENGTH = 8
_FUZZY_CUTOFF = 88.0
# Words with æ/ø/å that are often typed without them ("naar", "hvor mye far vi", "hoyrer").
_ASCII_SOURCES = frozenset(
    re.findall(
        r"\S+",
        """
når må få får går før også både hører høyrer frå gå så nå små skal år året årets årlig årshjul
møte møtet første neste nærmeste næraste søke søknad tjenesten tenesta kompetanseløftet løftet
høgskole høgskule fordelingsnøkkel fordelingsnøkkelen møtevirksomhet målgruppe målgruppen mål
målet målene oppfølgingsordningen særskilt vår vårt våre sørvest førstkommende tilhører kva
""",
    )
)
# Everyday words (stemmed before use): a word outside these and the training examples is "novel",
# a sign that a question is about something the bot does not cover (see recognizer.py).
_COMMON_WORDS = """
å alle alltid allerede alt altså andre annen annet at av bak bare be bedre begge begynne
begynner begynte bekreft best bestemt bety betyr bli blir ble blitt bra bruk bruke bruker brukes
brukt burde bør da dag dagen dager dagens de deg dem den denne dere deres det dette din disse du
eller ellers en ene enda enn er et etter ett faktisk fast fikk fins finne finner finnes fjor for
fordi forklar forklare fort fortell fortelle fortsatt forstå forstår fra fram frem før først få
får fått gammel gang ganger gi gir gitt gjelde gjelder gjerne gjør gjøre gjort god godt gå går
gått ha hadde han har hatt hele helt hende hender henne her hjelp hjelpe hos hun hva hvem hver
hvert hvilke hvilken hvilket hvis hvor hvordan hvorfor hvorledes i igjen ikke ingen inn inne
innen inngår jeg jo kan kanskje klar klare kom komme kommer kort kunne kunnskap la lage lager
laget lang lange legge lenge lenger lett liten lite litt løpet man mange med meg mellom men
mener mer mest min mine mitt mot mulig muligens må måte måtte ned nei neste noe noen nok nå
nødvendig nødvendigvis når nye ny og også ok okei om omtrent opp oss over plass plassen poeng
poenget på rask raskt rett riktig samme samt se selv sett si side sier siden sin sine sist siste
sitt skal skjer skje skulle slik slikt slags snart som spesielt spør spørre spørsmål står starte
startet stor store større stort så takk ta tar tenke tenker tid tidlig tidligere tidligst til
tror tydelig under uten ut ute var vanlig vanligvis vel veldig vet vil ville vise viser vite
være vært vår vårt våre ønsker ønske år året årets årlig basert baseres regulerer regulere
virker virke fungerer fungere obligatorisk frivillig alvorlig evaluere evaluering ekstra
forskjell forskjellen forskjellig del delen deler eksempel eksempelvis egentlig generelt konkret
akkurat ca cirka hel halv hvorvidt istedenfor isteden senest seinast trenger trenge trengs
mulighet muligheter
gjennom gjennomføre gjennomført gjennomføring lov lovlig krav kreve kreves sende sendt levere
levert leveres motta mottar mottatt beholde holde betale betalt betales dekke dekker dekket
bidra bidrar bidrag delta deltar deltakelse
"""
_PROTECTED_ASCII = frozenset({"for", "a", "sa", "gar", "bade", "na", "ma", "sma", "ha"})
_FOLDS = {"æ": ("ae", "a", "e"), "ø": ("oe", "o"), "å": ("aa", "a")}

_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w\s\-]|_")
_STEMMER = snowballstemmer.stemmer("norwegian")


def _fold(word: str) -> set[str]:
    """The ways `word` is typed on a keyboard without æ, ø and å."""
    variants = {""}
    for char in word:
        variants = {v + o for v in variants for o in _FOLDS.get(char, (char,))}
    variants.discard(word)
    return variants


@lru_cache(maxsize=1)
def _ascii_map() -> dict[str, str]:
    """ASCII spelling → the word with æ/ø/å; spellings shared by two words are left out."""
    sources = {*_ASCII_SOURCES, *_LEXICON, *_WORDS.values(), *_WORDS}
    seen: dict[str, set[str]] = {}
    for word in sources:
        for variant in _fold(word):
            seen.setdefault(variant, set()).add(word)
    known = sources | _PROTECTED_ASCII
    return {v: min(w) for v, w in seen.items() if len(w) == 1 and v not in known}


def _phrase_pattern() -> re.Pattern[str]:
    keys = sorted(_PHRASES, key=len, reverse=True)
    body = "|".join(re.escape(key).replace(r"\ ", "[ -]") for key in keys)
    return re.compile(r"(?<![\w-])(" + body + r")(?![\w-])")


_PHRASE_PATTERN = _phrase_pattern()


@lru_cache(maxsize=8192)
def _word(word: str) -> str:
    """One lower-cased word in canonical form."""
    if word in _WORDS:
        return _WORDS[word]
    restored = _ascii_map().get(word)
    if restored is not None:
        return _WORDS.get(restored, restored)
    if len(word) >= _FUZZY_MIN_LENGTH and word not in _LEXICON and not word.isdigit():
        found = process.extractOne(word, _LEXICON, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        if found is not None:
            return str(found[0])
    return word


def normalise(text: str) -> str:
    """The canonical matching form of `text`.

    "Kva tid er fristen for BG?" → "når er fristen for beslutningsgrunnlag".
    """
    lowered = unicodedata.normalize("NFKC", text).casefold()
    lowered = lowered.replace("ä", "æ").replace("ö", "ø").replace("/", " ")
    lowered = _SPACES.sub(" ", _PUNCTUATION.sub(" ", lowered)).strip()
    lowered = _PHRASE_PATTERN.sub(lambda m: _PHRASES[m.group(1).replace("-", " ")], lowered)
    return " ".join(_word(word) for word in lowered.replace("-", " ").split())


@lru_cache(maxsize=1)
def common_stems() -> frozenset[str]:
    """The stems of everyday Norwegian words (function words, common verbs and adverbs)."""
    return frozenset(stem(normalise(_COMMON_WORDS)).split())


def stem(text: str) -> str:
    """`text` (already normalised) with every word reduced to its Norwegian Snowball stem."""
    return " ".join(map(_stem_word, text.split()))


@lru_cache(maxsize=8192)
def _stem_word(word: str) -> str:
    """One word's stem, remembered (the pure-Python stemmer took a third of a recognition)."""
    stemmed: str = _STEMMER.stemWord(word)
    return stemmed
