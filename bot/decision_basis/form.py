"""The beslutningsgrunnlag's parts and fields, declared once (DOMAIN.md, «The forms»).

Four parts: the header (UH partners, participating owners), one or more tiltak (measures, each
with its budget lines), the four conditions, and the evaluation plan. The cards (one per part)
and the step-by-step dialog are both made from these specs. The document is stored as a dict:

    {"uh_partners": [...], "uh_other": "", "owners": [...], "private_owners": "",
     "measures": [{"id": 1, "goal": ..., "budget_owner": 400000, ...}], "next_measure": 2,
     "measures_done": false, "cond_local_needs": ..., ..., "evaluation": ...}

A tiltak keeps its `id` when another is removed; people see its position («tiltak 2»).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.scheme.formatting import format_money, format_number
from bot.scheme.models import Lang, Localized
from bot.scheme.vocabulary import TOPICS, UH_PARTNERS, same

Kind = Literal["text", "long_text", "choices", "owners", "money", "month", "count"]
Part = Literal["header", "measure", "conditions", "evaluation"]
PARTS: tuple[Part, ...] = ("header", "measure", "conditions", "evaluation")
BUDGET_KINDS = ("budget_owner", "budget_uh", "budget_coordination")
MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)


@dataclass(frozen=True)
class BasisField:
    """One field: its label, the question the dialog asks, how to read it, and its limits."""

    name: str
    label: Localized
    question: Localized
    kind: Kind
    required: bool = True
    choices: dict[str, Localized] = field(default_factory=dict)
    min_length: int = 0
    max_length: int = 1000

    def choice_labels(self, lang: Lang) -> dict[str, str]:
        """The choices as key → label in `lang`, in form order."""
        return {key: label.get(lang) for key, label in self.choices.items()}


def _long(name: str, label: Localized, question: Localized, **limits: Any) -> BasisField:
    return BasisField(name, label, question, "long_text", **{"min_length": 10, **limits})


HEADER: tuple[BasisField, ...] = (
    BasisField(
        "uh_partners",
        Localized(nb="UH-partner(e)", nn="UH-partnar(ar)"),
        Localized(
            nb="Hvilke(n) UH-partner er med? Velg en eller flere (tall skilt med komma).",
            nn="Kva UH-partnar(ar) er med? Vel ein eller fleire (tal skilde med komma).",
        ),
        "choices",
        choices=UH_PARTNERS,
    ),
    BasisField(
        "uh_other",
        Localized(nb="Annen UH-partner (navn)", nn="Anna UH-partnar (namn)"),
        Localized(
            nb="Er det en annen UH-partner med? Skriv navnet (eller «nei»).",
            nn="Er det ein annan UH-partnar med? Skriv namnet (eller «nei»).",
        ),
        "text",
        required=False,
        max_length=200,
    ),
    BasisField(
        "owners",
        Localized(nb="Deltakende eiere (kommuner)", nn="Deltakande eigarar (kommunar)"),
        Localized(
            nb="Hvilke kommuner i nettverket er med? Skriv «alle», eller tallene skilt med komma.",
            nn="Kva kommunar i nettverket er med? Skriv «alle», eller tala skilde med komma.",
        ),
        "owners",
    ),
    BasisField(
        "private_owners",
        Localized(nb="Private eiere (navn)", nn="Private eigarar (namn)"),
        Localized(
            nb="Er private eiere med? Skriv navnene skilt med komma (eller «nei»).",
            nn="Er private eigarar med? Skriv namna skilde med komma (eller «nei»).",
        ),
        "text",
        required=False,
        max_length=500,
    ),
)

MEASURE: tuple[BasisField, ...] = (
    _long(
        "goal",
        same("Mål"),
        Localized(nb="Hva er målet med tiltaket?", nn="Kva er målet med tiltaket?"),
    ),
    BasisField(
        "topics",
        same("Tema"),
        Localized(
            nb="Hvilke tema gjelder tiltaket? Velg ett eller flere (tall skilt med komma).",
            nn="Kva tema gjeld tiltaket? Vel eitt eller fleire (tal skilde med komma).",
        ),
        "choices",
        choices=TOPICS,
    ),
    BasisField(
        "topics_other",
        Localized(nb="Andre tema (fritekst)", nn="Andre tema (fritekst)"),
        Localized(
            nb="Andre tema som ikke står på listen? (skriv «nei» hvis ingen)",
            nn="Andre tema som ikkje står på lista? (skriv «nei» om det ikkje er nokon)",
        ),
        "text",
        required=False,
        max_length=300,
    ),
    BasisField(
        "target_group",
        same("Målgruppe"),
        Localized(
            nb="Hvem er målgruppen (for eksempel ansatte i barnehage, lærere, PPT)?",
            nn="Kven er målgruppa (til dømes tilsette i barnehage, lærarar, PPT)?",
        ),
        "long_text",
        min_length=3,
        max_length=500,
    ),
    _long(
        "interdisciplinary",
        Localized(nb="Slik er tiltaket tverrfaglig", nn="Slik er tiltaket tverrfagleg"),
        Localized(nb="Hvordan er tiltaket tverrfaglig?", nn="Korleis er tiltaket tverrfagleg?"),
    ),
    BasisField(
        "role_owner",
        Localized(nb="Eierens rolle", nn="Rolla til eigaren"),
        Localized(nb="Hva er eierens rolle i tiltaket?", nn="Kva er rolla til eigaren i tiltaket?"),
        "long_text",
        min_length=3,
        max_length=500,
    ),
    BasisField(
        "role_uh",
        Localized(nb="UH sin rolle", nn="Rolla til UH"),
        Localized(nb="Hva er UH sin rolle?", nn="Kva er rolla til UH?"),
        "long_text",
        min_length=3,
        max_length=500,
    ),
    BasisField(
        "role_ppt",
        Localized(nb="PPT sin rolle", nn="Rolla til PPT"),
        Localized(
            nb="Hva er PPT sin rolle? (skriv «nei» hvis PPT ikke er med)",
            nn="Kva er rolla til PPT? (skriv «nei» om PPT ikkje er med)",
        ),
        "long_text",
        required=False,
        max_length=500,
    ),
    BasisField(
        "role_statped",
        Localized(nb="Statped sin rolle", nn="Rolla til Statped"),
        Localized(
            nb="Hva er Statped sin rolle? (skriv «nei» hvis Statped ikke er med)",
            nn="Kva er rolla til Statped? (skriv «nei» om Statped ikkje er med)",
        ),
        "long_text",
        required=False,
        max_length=500,
    ),
    BasisField(
        "from_month",
        Localized(nb="Fra måned", nn="Frå månad"),
        Localized(
            nb="Når starter tiltaket? (måned og år, for eksempel «mars 2027»)",
            nn="Når startar tiltaket? (månad og år, til dømes «mars 2027»)",
        ),
        "month",
    ),
    BasisField(
        "to_month",
        Localized(nb="Til måned", nn="Til månad"),
        Localized(
            nb="Når slutter tiltaket? (måned og år, for eksempel «desember 2027»)",
            nn="Når sluttar tiltaket? (månad og år, til dømes «desember 2027»)",
        ),
        "month",
    ),
    BasisField(
        "budget_owner",
        Localized(nb="Budsjett eier (kr)", nn="Budsjett eigar (kr)"),
        Localized(
            nb="Hvor mye går til eierne i dette tiltaket? (hele kroner, for eksempel «400 000»)",
            nn="Kor mykje går til eigarane i dette tiltaket? (heile kroner, til dømes «400 000»)",
        ),
        "money",
    ),
    BasisField(
        "budget_uh",
        Localized(nb="Budsjett UH (kr)", nn="Budsjett UH (kr)"),
        Localized(
            nb="Hvor mye går til UH i dette tiltaket? (hele kroner)",
            nn="Kor mykje går til UH i dette tiltaket? (heile kroner)",
        ),
        "money",
    ),
    BasisField(
        "budget_coordination",
        Localized(nb="Budsjett koordinering (kr)", nn="Budsjett koordinering (kr)"),
        Localized(
            nb="Hvor mye går til koordinering i dette tiltaket? (hele kroner, 0 hvis ingenting)",
            nn="Kor mykje går til koordinering i dette tiltaket? (heile kroner, 0 om ingenting)",
        ),
        "money",
    ),
)

# The four conditions for money (seed 003), one answer each.
CONDITIONS: tuple[BasisField, ...] = (
    _long(
        "cond_local_needs",
        Localized(nb="1. Lokalt definerte behov", nn="1. Lokalt definerte behov"),
        Localized(
            nb="Vilkår 1: Hvordan svarer tiltakene på lokalt definerte behov (vurderinger i "
            "barnehager, skoler og PPT, dialog med UH, forankret hos ansatte og ledere)?",
            nn="Vilkår 1: Korleis svarar tiltaka på lokalt definerte behov (vurderingar i "
            "barnehagar, skular og PPT, dialog med UH, forankra hos tilsette og leiarar)?",
        ),
    ),
    _long(
        "cond_workplace",
        Localized(nb="2. Barnehage- og skolebasert", nn="2. Barnehage- og skulebasert"),
        Localized(
            nb="Vilkår 2: Hvordan er kompetanseutviklingen arbeidsplassbasert, med kollektive "
            "prosesser?",
            nn="Vilkår 2: Korleis er kompetanseutviklinga arbeidsplassbasert, med kollektive "
            "prosessar?",
        ),
    ),
    _long(
        "cond_partnership",
        Localized(nb="3. Partnerskap med UH", nn="3. Partnarskap med UH"),
        Localized(
            nb="Vilkår 3: Hvordan vurderer, planlegger og gjennomfører eierne og UH tiltakene "
            "sammen?",
            nn="Vilkår 3: Korleis vurderer, planlegg og gjennomfører eigarane og UH tiltaka saman?",
        ),
    ),
    _long(
        "cond_interdisciplinary",
        Localized(nb="4. Tverrfaglig tilnærming", nn="4. Tverrfagleg tilnærming"),
        Localized(
            nb="Vilkår 4: Hvordan er tilnærmingen tverrfaglig?",
            nn="Vilkår 4: Korleis er tilnærminga tverrfagleg?",
        ),
    ),
)

EVALUATION: tuple[BasisField, ...] = (
    _long(
        "evaluation",
        Localized(nb="Evalueringsplan", nn="Evalueringsplan"),
        Localized(
            nb="Hvordan skal tiltakene evalueres (hva, når og hvem)?",
            nn="Korleis skal tiltaka evaluerast (kva, når og kven)?",
        ),
        max_length=2000,
    ),
)

FIELDS_OF: dict[Part, tuple[BasisField, ...]] = {
    "header": HEADER,
    "measure": MEASURE,
    "conditions": CONDITIONS,
    "evaluation": EVALUATION,
}
FIELD_BY_NAME = {spec.name: spec for specs in FIELDS_OF.values() for spec in specs}


def empty_document() -> dict[str, Any]:
    """A new document: nothing answered, no tiltak yet."""
    return {"measures": [], "next_measure": 1, "measures_done": False}


def measures(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The tiltak, in the order people see them."""
    found = document.get("measures", [])
    return [m for m in found if isinstance(m, dict)] if isinstance(found, list) else []


def measure(document: dict[str, Any], measure_id: int) -> dict[str, Any] | None:
    """One tiltak by its id."""
    return next((m for m in measures(document) if m.get("id") == measure_id), None)


def position(document: dict[str, Any], measure_id: int) -> int:
    """A tiltak's number as people see it (1-based), 0 if it is gone."""
    for number, found in enumerate(measures(document), 1):
        if found.get("id") == measure_id:
            return number
    return 0


def measure_total(found: dict[str, Any]) -> int:
    """A tiltak's budget lines, summed."""
    return sum(int(found.get(kind, 0) or 0) for kind in BUDGET_KINDS)


def totals_by_kind(document: dict[str, Any]) -> dict[str, int]:
    """Every tiltak's budget, summed per line kind (eier, UH, koordinering)."""
    return {
        kind: sum(int(m.get(kind, 0) or 0) for m in measures(document)) for kind in BUDGET_KINDS
    }


def total(document: dict[str, Any]) -> int:
    """The sum of every budget line."""
    return sum(totals_by_kind(document).values())


def missing(document: dict[str, Any]) -> dict[str, list[str]]:
    """The required fields not answered, per part key ("header", "measure:<id>", ...)."""
    found: dict[str, list[str]] = {}

    def check(key: str, specs: tuple[BasisField, ...], values: dict[str, Any]) -> None:
        names = [s.name for s in specs if s.required and values.get(s.name) in (None, "", [])]
        if names:
            found[key] = names

    check("header", HEADER, document)
    for found_measure in measures(document):
        check(f"measure:{found_measure.get('id')}", MEASURE, found_measure)
    check("conditions", CONDITIONS, document)
    check("evaluation", EVALUATION, document)
    return found


def month_label(value: str, lang: Lang = "nb") -> str:
    """ "2027-03" as «mars 2027» (the same in bokmål and nynorsk)."""
    try:
        year, month = value.split("-")
        return f"{MONTHS[int(month) - 1]} {int(year)}"
    except (ValueError, IndexError):
        return value


def display_value(spec: BasisField, value: Any, lang: Lang = "nb") -> str:  # noqa: PLR0911  (one return per kind)
    """A stored value as Norwegian text (for summaries and exports)."""
    if value is None or value in ("", []):
        return "–"
    if spec.kind == "choices":
        labels = spec.choice_labels(lang)
        return ", ".join(labels.get(v, str(v)) for v in value)
    if spec.kind == "owners":
        return ", ".join(str(v) for v in value)
    if spec.kind == "money":
        return format_money(int(value))
    if spec.kind == "month":
        return month_label(str(value), lang)
    if spec.kind == "count":
        return format_number(int(value))
    return str(value)
