"""The behovsmelding (needs report, eier → kompetansenettverk): its fields, declared once.

`FIELDS` drives both ways in (the card form and the step-by-step dialog) and the export; the
`NeedsReport` model checks the whole report. Answers are parsed field by field in
`bot.needs.answers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.scheme.models import Lang, Localized
from bot.scheme.vocabulary import TOPICS, UH_PARTNERS, same

Kind = Literal["text", "long_text", "count", "choice", "choices", "yes_no", "email"]


OWNER_TYPES = {
    "kommunal": same("Kommunal"),
    "fylkeskommunal": same("Fylkeskommunal"),
    "privat": same("Privat"),
}
PERIODS = {str(years): same(f"{years} år") for years in (1, 2, 3)}
YES_NO = {"ja": same("Ja"), "nei": same("Nei")}


@dataclass(frozen=True)
class FieldSpec:
    """One field of the form: its label, the question the dialog asks, and how to parse it.

    Every text is kept here in bokmål and nynorsk; the stored value (a choice's key) is the
    same in both.
    """

    name: str
    label: Localized
    question: Localized
    kind: Kind
    required: bool = True
    choices: dict[str, Localized] = field(default_factory=dict)
    max_length: int = 200
    min_length: int = 0

    def choice_labels(self, lang: Lang) -> dict[str, str]:
        """The choices as key → label in `lang`, in form order."""
        return {key: label.get(lang) for key, label in self.choices.items()}


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "owner",
        Localized(nb="Eier", nn="Eigar"),
        Localized(
            nb="Hvilken eier sender behovsmeldingen? (for eksempel «Orkland kommune»)",
            nn="Kva eigar sender behovsmeldinga? (til dømes «Orkland kommune»)",
        ),
        "text",
        min_length=2,
        max_length=120,
    ),
    FieldSpec(
        "owner_type",
        Localized(nb="Type eier", nn="Type eigar"),
        Localized(nb="Hva slags eier er det?", nn="Kva slags eigar er det?"),
        "choice",
        choices=OWNER_TYPES,
    ),
    FieldSpec(
        "municipality",
        same("Kommune"),
        Localized(nb="Hvilken kommune ligger eieren i?", nn="Kva kommune ligg eigaren i?"),
        "text",
        min_length=2,
        max_length=60,
    ),
    FieldSpec(
        "barnehager",
        Localized(nb="Antall barnehager", nn="Tal på barnehagar"),
        Localized(
            nb="Hvor mange barnehager gjelder meldingen?",
            nn="Kor mange barnehagar gjeld meldinga?",
        ),
        "count",
    ),
    FieldSpec(
        "skoler",
        Localized(nb="Antall skoler", nn="Tal på skular"),
        Localized(nb="Hvor mange skoler gjelder meldingen?", nn="Kor mange skular gjeld meldinga?"),
        "count",
    ),
    FieldSpec(
        "sfo",
        Localized(nb="Antall SFO", nn="Tal på SFO"),
        Localized(nb="Hvor mange SFO-er gjelder meldingen?", nn="Kor mange SFO-ar gjeld meldinga?"),
        "count",
    ),
    FieldSpec(
        "ppt",
        Localized(nb="Antall PP-tjenester", nn="Tal på PP-tenester"),
        Localized(
            nb="Hvor mange PP-tjenester gjelder meldingen?",
            nn="Kor mange PP-tenester gjeld meldinga?",
        ),
        "count",
    ),
    FieldSpec(
        "topics",
        same("Tema"),
        Localized(
            nb="Hvilke tema gjelder behovene? Velg ett eller flere (tall skilt med komma).",
            nn="Kva tema gjeld behova? Vel eitt eller fleire (tal skilde med komma).",
        ),
        "choices",
        choices=TOPICS,
    ),
    FieldSpec(
        "topics_other",
        same("Andre tema"),
        Localized(
            nb="Andre tema som ikke står på listen? (skriv «nei» hvis ingen)",
            nn="Andre tema som ikkje står på lista? (skriv «nei» om det ikkje er nokon)",
        ),
        "long_text",
        required=False,
        max_length=500,
    ),
    FieldSpec(
        "needs",
        Localized(nb="Behovene", nn="Behova"),
        Localized(nb="Beskriv behovene kort.", nn="Skildre behova kort."),
        "long_text",
        min_length=20,
        max_length=2000,
    ),
    FieldSpec(
        "assessment",
        Localized(nb="Slik ble behovene vurdert", nn="Slik vart behova vurderte"),
        Localized(
            nb="Hvordan ble behovene vurdert, og hvordan var ansatte og ledere med?",
            nn="Korleis vart behova vurderte, og korleis var tilsette og leiarar med?",
        ),
        "long_text",
        min_length=20,
        max_length=2000,
    ),
    FieldSpec(
        "target_groups",
        same("Målgrupper"),
        Localized(
            nb="Hvilke målgrupper gjelder det (for eksempel ansatte i barnehage, lærere, PPT)?",
            nn="Kva målgrupper gjeld det (til dømes tilsette i barnehage, lærarar, PPT)?",
        ),
        "long_text",
        min_length=3,
        max_length=500,
    ),
    FieldSpec(
        "participants",
        Localized(nb="Antall deltakere (anslag)", nn="Tal på deltakarar (overslag)"),
        Localized(
            nb="Omtrent hvor mange deltakere blir det?",
            nn="Omtrent kor mange deltakarar blir det?",
        ),
        "count",
    ),
    FieldSpec(
        "plans",
        Localized(nb="Kobling til eierens planer", nn="Kopling til planane til eigaren"),
        Localized(
            nb="Hvordan henger dette sammen med eierens egne planer?",
            nn="Korleis heng dette saman med planane til eigaren?",
        ),
        "long_text",
        min_length=3,
        max_length=1000,
    ),
    FieldSpec(
        "includes_private",
        Localized(nb="Private barnehager/friskoler med", nn="Private barnehagar/friskular med"),
        Localized(
            nb="Er private barnehager eller friskoler med?",
            nn="Er private barnehagar eller friskular med?",
        ),
        "yes_no",
        choices=YES_NO,
    ),
    FieldSpec(
        "uh_partner",
        Localized(nb="Ønsket UH-partner", nn="Ønskt UH-partnar"),
        Localized(nb="Hvilken UH-partner ønsker dere?", nn="Kva UH-partnar ønskjer de?"),
        "choice",
        choices=UH_PARTNERS,
    ),
    FieldSpec(
        "period",
        same("Periode"),
        Localized(
            nb="Hvor lang periode gjelder det (1–3 år)?",
            nn="Kor lang periode gjeld det (1–3 år)?",
        ),
        "choice",
        choices=PERIODS,
    ),
    FieldSpec(
        "contact_name",
        same("Kontaktperson"),
        Localized(nb="Hvem er kontaktperson?", nn="Kven er kontaktperson?"),
        "text",
        min_length=2,
        max_length=120,
    ),
    FieldSpec(
        "contact_email",
        same("E-post til kontaktperson"),
        Localized(
            nb="Hva er e-postadressen til kontaktpersonen?",
            nn="Kva er e-postadressa til kontaktpersonen?",
        ),
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


def display_value(spec: FieldSpec, value: Any, lang: Lang = "nb") -> str:
    """A stored value as Norwegian text (for summaries; exports use bokmål)."""
    if value is None or value in ("", []):
        return "–"
    labels = spec.choice_labels(lang)
    if spec.kind == "yes_no":
        return labels["ja" if value else "nei"]
    if spec.kind == "choices":
        return ", ".join(labels.get(v, str(v)) for v in value)
    if spec.kind == "choice":
        return labels.get(str(value), str(value))
    return str(value)


def missing_fields(answers: dict[str, Any]) -> list[FieldSpec]:
    """The required fields not answered yet, in form order."""
    return [spec for spec in FIELDS if spec.required and spec.name not in answers]
