"""The few commands Laget understands before the question recogniser arrives.

Pure text matching, no Bot Framework: the Teams handler asks `match_command` and routes the
result through its table. Matching is on a normalised form (case, punctuation, spacing).
"""

from __future__ import annotations

import re
from enum import StrEnum


class Command(StrEnum):
    """What a short message asks the bot to do."""

    HELP = "help"
    GREETING = "greeting"
    PROFILE = "profile"
    CANCEL = "cancel"
    NEW_NEEDS = "new_needs"
    RESUME_NEEDS = "resume_needs"
    MY_NEEDS = "my_needs"
    NETWORK_STATUS = "network_status"
    REMINDERS = "reminders"
    THANKS = "thanks"
    DECISION_BASIS = "decision_basis"
    DECISION_BASIS_OVERVIEW = "decision_basis_overview"
    ADD_MEASURE = "add_measure"
    REGISTER_VEDTAK = "register_vedtak"
    REPORT = "report"
    REPORTS_OVERVIEW = "reports_overview"


_PHRASES: dict[Command, frozenset[str]] = {
    Command.THANKS: frozenset(
        {
            "takk",
            "tusen takk",
            "takk skal du ha",
            "takk for hjelpen",
            "takk for svaret",
            "mange takk",
            "ok takk",
            "ok",
            "okei",
            "flott",
            "supert",
            "perfekt",
            "fint",
            "topp",
            "flott takk",
            "supert takk",
            "takk takk",
            "takk for hjelpa",
            "tusen takk for hjelpen",
            "tusen takk for hjelpa",
            "mange takk for hjelpen",
            "mange takk for hjelpa",
            "takk for hjelpa di",
            "takk for hjelpen din",
        }
    ),
    Command.HELP: frozenset(
        {
            "hjelp",
            "help",
            "hjelp meg",
            "hva kan du",
            "kva kan du",
            "meny",
            "?",
            "hva kan du gjøre",
            "kva kan du gjere",
            "hva kan du hjelpe meg med",
            "kva kan du hjelpe meg med",
            "hva kan du hjelpe med",
            "kva kan du hjelpe med",
            "hva kan jeg spørre om",
            "kva kan eg spørje om",
            "kva kan du hjelpe til med",
            "hva kan du hjelpe til med",
        }
    ),
    Command.GREETING: frozenset(
        {
            "hei",
            "hallo",
            "heisann",
            "hei hei",
            "hei laget",
            "god morgen",
            "god morgon",
            "god dag",
            "morn",
        }
    ),
    Command.PROFILE: frozenset(
        {"om meg", "min profil", "profil", "endre profil", "profilen min", "endre profilen"}
    ),
    Command.CANCEL: frozenset({"avbryt", "stopp", "avslutt", "slutt", "cancel"}),
    Command.NEW_NEEDS: frozenset(
        {
            "ny behovsmelding",
            "start behovsmelding",
            "fyll ut behovsmelding",
            "lag behovsmelding",
            "send behovsmelding",
            "ny behovsmelding takk",
            "behovsmelding",
        }
    ),
    Command.RESUME_NEEDS: frozenset(
        {
            "fortsett behovsmeldingen",
            "fortsett behovsmelding",
            "fortsett",
            "fortsett utkastet",
            "fortset behovsmeldinga",
            "fortsett behovsmeldinga",
            "fortset behovsmelding",
            "fortset",
            "fortset utkastet",
            "hald fram",
            "hald fram med behovsmeldinga",
        }
    ),
    Command.MY_NEEDS: frozenset(
        {
            "mine behovsmeldinger",
            "mine behovsmeldingar",
            "mine meldinger",
            "mine meldingar",
            "mine behovsmelding",
            "behovsmeldingene mine",
            "behovsmeldingane mine",
        }
    ),
    Command.REMINDERS: frozenset(
        {
            "påminnelser",
            "påminningar",
            "påminnelse",
            "påminning",
            "vis påminnelser",
            "vis påminningar",
            "paminnelser",
        }
    ),
    Command.DECISION_BASIS: frozenset(
        {
            "beslutningsgrunnlag",
            "beslutningsgrunnlaget",
            "beslutningsgrunnlaget vårt",
            "vårt beslutningsgrunnlag",
            "nytt beslutningsgrunnlag",
            "åpne beslutningsgrunnlaget",
            "fortsett beslutningsgrunnlaget",
            "vis beslutningsgrunnlaget",
            "avgjerdsgrunnlag",
            "avgjerdsgrunnlaget",
            "avgjerdsgrunnlaget vårt",
            "nytt avgjerdsgrunnlag",
            "opne avgjerdsgrunnlaget",
            "fortset avgjerdsgrunnlaget",
            "hald fram med avgjerdsgrunnlaget",
            "vis avgjerdsgrunnlaget",
            "bg",
        }
    ),
    Command.DECISION_BASIS_OVERVIEW: frozenset(
        {
            "beslutningsgrunnlag for alle nettverk",
            "beslutningsgrunnlag for alle nettverkene",
            "beslutningsgrunnlagene",
            "alle beslutningsgrunnlag",
            "avgjerdsgrunnlag for alle nettverk",
            "avgjerdsgrunnlag for alle nettverka",
            "avgjerdsgrunnlaga",
            "alle avgjerdsgrunnlag",
        }
    ),
    Command.REPORT: frozenset(
        {
            "rapport",
            "rapporten",
            "rapporten vår",
            "vår rapport",
            "ny rapport",
            "rapportering",
            "rapporteringa",
            "rapporteringen",
            "skriv rapport",
            "skriv rapporten",
            "åpne rapporten",
            "opne rapporten",
            "fortsett rapporten",
            "fortset rapporten",
        }
    ),
    Command.REPORTS_OVERVIEW: frozenset(
        {
            "rapporter for alle nettverk",
            "rapportar for alle nettverk",
            "alle rapporter",
            "alle rapportar",
            "rapportene",
            "rapportane",
        }
    ),
    Command.REGISTER_VEDTAK: frozenset(
        {
            "registrer vedtak",
            "registrer vedtaket",
            "legg inn vedtak",
            "legg inn vedtaket",
            "nytt vedtak",
            "vedtatt ramme",
            "registrer vedtatt ramme",
            "legg inn vedteken ramme",
        }
    ),
    Command.ADD_MEASURE: frozenset(
        {"legg til tiltak", "legg til et tiltak", "legg til eit tiltak", "nytt tiltak"}
    ),
    Command.NETWORK_STATUS: frozenset(
        {
            "status for nettverket",
            "status",
            "status nettverket",
            "hvem har sendt",
            "kven har sendt",
            "hvem har sendt inn",
            "kven har sendt inn",
        }
    ),
}

_PUNCTUATION = re.compile(r"[^\w\s?]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def command_key(text: str) -> str:
    """Lower case, punctuation (but a lone "?") removed, whitespace collapsed."""
    lowered = text.casefold().strip()
    if lowered == "?":
        return lowered
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", lowered).replace("?", " ")).strip()


# «Hei Laget, ny behovsmelding»: a greeting in front of a command is only politeness.
_GREETING = re.compile(
    r"^(?:hei|hallo|heisann|hei hei|god morgen|god morgon|god dag|morn)(?: laget)? (?=\S)"
)

# «Jeg vil fylle ut en ny behovsmelding», «Eg skal lage ei behovsmelding for Frøya»: a request
# to start the form, in bokmål or nynorsk. Only a request: «Når er fristen for
# behovsmeldingen?» and «Kan jeg sende behovsmelding etter fristen?» are questions.
_NEW_NEEDS = re.compile(
    r"(?:(?:jeg|eg|vi) )?(?:(?:vil|skal|må|ønsker å|ønskjer å) )?(?:gjerne )?"
    r"(?:fylle ut|fyll ut|starte|start|lage|lag|skrive|skriv|begynne på|begynn på|opprette"
    r"|sende inn|send inn|sende|send)"
    r"(?: (?:en|ei|ein|et|eit))?(?: ny| nytt)? behovsmelding(?:en|a|ar|er)?"
    r"(?: (?:for|til) [\w ]{1,40})?(?: takk| nå| no)?"
)


def match_command(text: str) -> Command | None:
    """The command `text` names, if it is one of the known phrases (or asks for a new form)."""
    key = command_key(text)
    stripped = _GREETING.sub("", key)
    for candidate in dict.fromkeys((key, stripped)):
        for command, phrases in _PHRASES.items():
            if candidate in phrases:
                return command
        if _NEW_NEEDS.fullmatch(candidate):
            return Command.NEW_NEEDS
    return None


_LINK = re.compile(r"^(?:koble|kople|knytt|link)\s+(?:denne\s+)?(?:kanalen\s+)?til\s+(.+)$")


# The same words on the text as typed, so the network's name keeps its case in a reply.
_LINK_AS_TYPED = re.compile(
    r"^\s*(?:koble|kople|knytt|link)\s+(?:denne\s+)?(?:kanalen\s+)?til\s+(.+?)[\s.!?]*$",
    re.IGNORECASE,
)


_LINK_BARE = re.compile(r"^(?:koble|kople|knytt|link)\s+(?:denne\s+)?(?:kanalen\s+)?til$")

# «steg for steg» or «skjema» typed instead of pressed on the choice card of a new form.
_WAYS = {
    "steg for steg": "steps",
    "ett spørsmål av gangen": "steps",
    "eitt spørsmål om gongen": "steps",
    "ett og ett spørsmål": "steps",
    "skjema": "form",
    "skjemaet": "form",
    "hele skjemaet": "form",
    "heile skjemaet": "form",
}


_STATUS_FOR = re.compile(r"^(?:vis )?status (?:for|i|til) (?!nettverket\b|nettverket vårt\b)(.+)$")


def match_status_for(text: str) -> str | None:
    """The network named in «status for Gauldal» (None for other messages)."""
    found = _STATUS_FOR.match(command_key(text))
    return found.group(1) if found else None


def match_way(text: str) -> str | None:
    """«steps» or «form» when the message names one of the two ways to fill in the form."""
    return _WAYS.get(command_key(text))


def match_link(text: str) -> str | None:
    """The network named in «koble denne kanalen til Fosen» (None for other messages); an
    empty name for the command alone («koble denne kanalen til», as Teams' menu sends it)."""
    key = command_key(text)
    if _LINK_BARE.match(key):
        return ""
    found = _LINK.match(key)
    if found is None:
        return None
    as_typed = _LINK_AS_TYPED.match(text)
    return as_typed.group(1) if as_typed else found.group(1)


# «beslutningsgrunnlag for Fosen», «avgjerdsgrunnlaget til Namdal» (an administrator's way in).
_BASIS_FOR = re.compile(
    r"^(?:vis |åpne |opne )?(?:beslutningsgrunnlag|avgjerdsgrunnlag)(?:et)? (?:for|til|i) "
    r"(?!alle\b|nettverket\b)(.+)$"
)
# «endre tiltak 2», «fjern tiltak 2», «slett tiltak 2».
_MEASURE_OP = re.compile(r"^(endre|rediger|fjern|slett|ta bort) tiltak (?:nr )?([0-9]{1,3})$")


def match_basis_for(text: str) -> str | None:
    """The network named in «beslutningsgrunnlag for Fosen» (None for other messages)."""
    found = _BASIS_FOR.match(command_key(text))
    return found.group(1) if found else None


def match_measure_op(text: str) -> str | None:
    """«edit:2» or «remove:2» for «endre tiltak 2» or «fjern tiltak 2» (None otherwise)."""
    found = _MEASURE_OP.match(command_key(text))
    if found is None:
        return None
    op = "edit" if found.group(1) in ("endre", "rediger") else "remove"
    return f"{op}:{int(found.group(2))}"


# «rapport for Fosen», «rapporten til PPT-ledernettverket» (an administrator's way in).
_REPORT_FOR = re.compile(
    r"^(?:vis |åpne |opne )?rapport(?:en)? (?:for|til|frå|fra) (?!alle\b)(.+)$"
)


def match_report_for(text: str) -> str | None:
    """The network (or PPT-ledernettverket) named in «rapport for Fosen»."""
    found = _REPORT_FOR.match(command_key(text))
    return found.group(1) if found else None
