"""The behovsmelding (needs report, eier → kompetansenettverk): its fields, declared once.

`FIELDS` drives both ways in (the card form and the step-by-step dialog) and the export; the
`NeedsReport` model checks the whole report. Answers are parsed field by field in
`bot.scheme.needs_answers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["text", "long_text", "count", "choice", "choices", "yes_no", "email"]

TOPICS: dict[str, str] = {
    "adhd": "ADHD (aktivitetsnivå, konsentrasjon og oppmerksomhet)",
    "sprak-tale": "Språk- og talevansker",
    "lese-skrive": "Lese- og skrivevansker",
    "matematikk": "Matematikkvansker",
    "atferd": "Atferdsvansker",
    "sammensatte": "Sammensatte lærevansker",
    "sprakutvikling-bhg": "Forsinket språkutvikling og språkvansker (barnehage)",
    "sosio-emosjonelle": "Sosio-emosjonelle vansker",
    "autisme": "Autismespekterforstyrrelser",
    "skolefravaer": "Alvorlig skolefravær",
    "syn-audio": "Syns- og audiopedagogikk",
    "ask": "ASK (alternativ og supplerende kommunikasjon)",
}
OWNER_TYPES = {"kommunal": "Kommunal", "fylkeskommunal": "Fylkeskommunal", "privat": "Privat"}
UH_PARTNERS = {
    "dmmh": "DMMH",
    "nord": "Nord universitet",
    "ntnu": "NTNU",
    "annen": "Annen / vet ikke ennå",
}
PERIODS = {"1": "1 år", "2": "2 år", "3": "3 år"}
YES_NO = {"ja": "Ja", "nei": "Nei"}


@dataclass(frozen=True)
class FieldSpec:
    """One field of the form: its label, the question the dialog asks, and how to parse it."""

    name: str
    label: str
    question: str
    kind: Kind
    required: bool = True
    choices: dict[str, str] = field(default_factory=dict)
    max_length: int = 200
    min_length: int = 0
    hint: str = ""


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "owner",
        "Eier",
        "Hvilken eier sender behovsmeldingen? (for eksempel «Orkland kommune»)",
        "text",
        min_length=2,
        max_length=120,
    ),
    FieldSpec("owner_type", "Type eier", "Hva slags eier er det?", "choice", choices=OWNER_TYPES),
    FieldSpec(
        "municipality",
        "Kommune",
        "Hvilken kommune ligger eieren i?",
        "text",
        min_length=2,
        max_length=60,
    ),
    FieldSpec(
        "barnehager", "Antall barnehager", "Hvor mange barnehager gjelder meldingen?", "count"
    ),
    FieldSpec("skoler", "Antall skoler", "Hvor mange skoler gjelder meldingen?", "count"),
    FieldSpec("sfo", "Antall SFO", "Hvor mange SFO-er gjelder meldingen?", "count"),
    FieldSpec("ppt", "Antall PP-tjenester", "Hvor mange PP-tjenester gjelder meldingen?", "count"),
    FieldSpec(
        "topics",
        "Tema",
        "Hvilke tema gjelder behovene? Velg ett eller flere (tall skilt med komma).",
        "choices",
        choices=TOPICS,
    ),
    FieldSpec(
        "topics_other",
        "Andre tema",
        "Andre tema som ikke står på listen? (skriv «nei» hvis ingen)",
        "long_text",
        required=False,
        max_length=500,
    ),
    FieldSpec(
        "needs", "Behovene", "Beskriv behovene kort.", "long_text", min_length=20, max_length=2000
    ),
    FieldSpec(
        "assessment",
        "Slik ble behovene vurdert",
        "Hvordan ble behovene vurdert, og hvordan var ansatte og ledere med?",
        "long_text",
        min_length=20,
        max_length=2000,
    ),
    FieldSpec(
        "target_groups",
        "Målgrupper",
        "Hvilke målgrupper gjelder det (for eksempel ansatte i barnehage, lærere, PPT)?",
        "long_text",
        min_length=3,
        max_length=500,
    ),
    FieldSpec(
        "participants",
        "Antall deltakere (anslag)",
        "Omtrent hvor mange deltakere blir det?",
        "count",
    ),
    FieldSpec(
        "plans",
        "Kobling til eierens planer",
        "Hvordan henger dette sammen med eierens egne planer?",
        "long_text",
        min_length=3,
        max_length=1000,
    ),
    FieldSpec(
        "includes_private",
        "Private barnehager/friskoler med",
        "Er private barnehager eller friskoler med?",
        "yes_no",
        choices=YES_NO,
    ),
    FieldSpec(
        "uh_partner",
        "Ønsket UH-partner",
        "Hvilken UH-partner ønsker dere?",
        "choice",
        choices=UH_PARTNERS,
    ),
    FieldSpec(
        "period", "Periode", "Hvor lang periode gjelder det (1–3 år)?", "choice", choices=PERIODS
    ),
    FieldSpec(
        "contact_name",
        "Kontaktperson",
        "Hvem er kontaktperson?",
        "text",
        min_length=2,
        max_length=120,
    ),
    FieldSpec(
        "contact_email",
        "E-post til kontaktperson",
        "Hva er e-postadressen til kontaktpersonen?",
        "email",
        max_length=200,
    ),
)
FIELD_BY_NAME = {spec.name: spec for spec in FIELDS}


class NeedsReport(BaseModel):
    """A complete behovsmelding, as stored when it is sent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    owner: str = Field(min_length=2, max_length=120)
    owner_type: Literal["kommunal", "fylkeskommunal", "privat"]
    municipality: str = Field(min_length=2, max_length=60)
    barnehager: int = Field(ge=0)
    skoler: int = Field(ge=0)
    sfo: int = Field(ge=0)
    ppt: int = Field(ge=0)
    topics: list[str] = Field(min_length=1)
    topics_other: str = Field(default="", max_length=500)
    needs: str = Field(min_length=20, max_length=2000)
    assessment: str = Field(min_length=20, max_length=2000)
    target_groups: str = Field(min_length=3, max_length=500)
    participants: int = Field(ge=0)
    plans: str = Field(min_length=3, max_length=1000)
    includes_private: bool
    uh_partner: str
    period: int = Field(ge=1, le=3)
    contact_name: str = Field(min_length=2, max_length=120)
    contact_email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=200)


def display_value(spec: FieldSpec, value: Any) -> str:
    """A stored value as Norwegian text (for summaries and exports)."""
    if value is None or value in ("", []):
        return "–"
    if spec.kind == "yes_no":
        return "Ja" if value else "Nei"
    if spec.kind == "choices":
        return ", ".join(spec.choices.get(v, str(v)) for v in value)
    if spec.kind == "choice":
        return spec.choices.get(str(value), str(value))
    return str(value)


def missing_fields(answers: dict[str, Any]) -> list[FieldSpec]:
    """The required fields not answered yet, in form order."""
    return [spec for spec in FIELDS if spec.required and spec.name not in answers]
