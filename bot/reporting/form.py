"""The report (rapportering) to Statsforvalteren: its parts and fields, declared once.

A report covers one grant year of a network and is due on the rapportering deadline of the
next cycle (15 June). It starts as a copy of the network's beslutningsgrunnlag for that year:
each tiltak (its goal and what was committed per budget line) and the text on the four
conditions. Per tiltak people then say what was done, how many took part and what was used per
budget line; then how each condition was met, and what the evaluation found.

    {"basis_reference": "BG-2027-0001" | null, "frame_note": ...,
     "measures": [{"id": 1, "goal": ..., "committed": {"budget_owner": 200000, ...},
                   "done": ..., "participants": 120, "used_owner": 180000, ...}],
     "cond_local_needs": ..., ..., "findings": ...}

PPT-ledernettverket reports on the same form as its own party (`PPT_PARTY`): see the README.
"""

from __future__ import annotations

from typing import Any, Literal

from bot.decision_basis.form import CONDITIONS, BasisField, measures
from bot.scheme.models import Localized
from bot.scheme.vocabulary import same

Part = Literal["measure", "conditions", "evaluation"]
PPT_PARTY = "ppt-ledernettverket"
FROM_PLAN = "conditions_from_plan"  # set while the conditions still hold the plan's text
USED_KINDS = {  # a used line and the committed line it is held against
    "used_owner": "budget_owner",
    "used_uh": "budget_uh",
    "used_coordination": "budget_coordination",
}

MEASURE: tuple[BasisField, ...] = (
    BasisField(
        "goal",
        same("Tiltak"),
        Localized(nb="Hva het tiltaket (målet)?", nn="Kva heitte tiltaket (målet)?"),
        "long_text",
        min_length=3,
    ),
    BasisField(
        "done",
        Localized(nb="Dette ble gjort", nn="Dette vart gjort"),
        Localized(nb="Hva ble gjort i tiltaket?", nn="Kva vart gjort i tiltaket?"),
        "long_text",
        min_length=10,
        max_length=2000,
    ),
    BasisField(
        "participants",
        Localized(nb="Deltakere nådd", nn="Deltakarar nådd"),
        Localized(
            nb="Hvor mange deltakere nådde tiltaket?", nn="Kor mange deltakarar nådde tiltaket?"
        ),
        "count",
    ),
    BasisField(
        "used_owner",
        Localized(nb="Brukt eier (kr)", nn="Brukt eigar (kr)"),
        Localized(nb="Hvor mye brukte eierne?", nn="Kor mykje brukte eigarane?"),
        "money",
    ),
    BasisField(
        "used_uh",
        Localized(nb="Brukt UH (kr)", nn="Brukt UH (kr)"),
        Localized(nb="Hvor mye gikk til UH?", nn="Kor mykje gjekk til UH?"),
        "money",
    ),
    BasisField(
        "used_coordination",
        Localized(nb="Brukt koordinering (kr)", nn="Brukt koordinering (kr)"),
        Localized(nb="Hvor mye gikk til koordinering?", nn="Kor mykje gjekk til koordinering?"),
        "money",
    ),
)

# How each of the four conditions was met: the beslutningsgrunnlag's fields, asked in the past.
MET: tuple[BasisField, ...] = tuple(
    BasisField(
        spec.name,
        Localized(
            nb=f"{spec.label.nb} – slik ble det oppfylt",
            nn=f"{spec.label.nn} – slik vart det oppfylt",
        ),
        Localized(
            nb=f"Hvordan ble vilkåret oppfylt? ({spec.label.nb})",
            nn=f"Korleis vart vilkåret oppfylt? ({spec.label.nn})",
        ),
        "long_text",
        min_length=10,
        max_length=1500,
    )
    for spec in CONDITIONS
)

EVALUATION: tuple[BasisField, ...] = (
    BasisField(
        "findings",
        Localized(nb="Hva evalueringen viste", nn="Kva evalueringa viste"),
        Localized(nb="Hva viste evalueringen?", nn="Kva viste evalueringa?"),
        "long_text",
        min_length=10,
        max_length=2000,
    ),
)

FIELDS_OF: dict[Part, tuple[BasisField, ...]] = {
    "measure": MEASURE,
    "conditions": MET,
    "evaluation": EVALUATION,
}
FIELD_BY_NAME = {spec.name: spec for specs in FIELDS_OF.values() for spec in specs}


def prefilled(basis: dict[str, Any] | None, reference: str | None) -> dict[str, Any]:
    """A new report from the beslutningsgrunnlag's document (its tiltak, what each committed,
    the text on the conditions); one empty tiltak when there is none."""
    document: dict[str, Any] = {"basis_reference": reference, "measures": []}
    for found in measures(basis or {}):
        document["measures"].append(
            {
                "id": int(found.get("id", len(document["measures"]) + 1)),
                "goal": str(found.get("goal", "")),
                "committed": {kind: int(found.get(kind, 0) or 0) for kind in USED_KINDS.values()},
            }
        )
    if not document["measures"]:
        document["measures"].append({"id": 1, "committed": {}})
    document["next_measure"] = max(int(m["id"]) for m in document["measures"]) + 1
    for spec in MET:
        if basis and basis.get(spec.name):
            document[spec.name] = basis[spec.name]
            document[FROM_PLAN] = True  # the plan's text: to be rewritten as what was done
    return document


def used(found: dict[str, Any]) -> int:
    """What a tiltak used, summed over its lines."""
    return sum(int(found.get(kind, 0) or 0) for kind in USED_KINDS)


def committed(found: dict[str, Any]) -> int:
    """What the beslutningsgrunnlag committed to a tiltak, summed."""
    return sum(int(v or 0) for v in (found.get("committed") or {}).values())


def totals(document: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Per budget line: (used, committed) over every tiltak."""
    result = {}
    for used_kind, committed_kind in USED_KINDS.items():
        result[committed_kind] = (
            sum(int(m.get(used_kind, 0) or 0) for m in measures(document)),
            sum(
                int((m.get("committed") or {}).get(committed_kind, 0) or 0)
                for m in measures(document)
            ),
        )
    return result


def missing(document: dict[str, Any]) -> dict[str, list[str]]:
    """Required fields not answered, per part key ("measure:<id>", "conditions", "evaluation")."""
    found: dict[str, list[str]] = {}
    items = measures(document)
    for number, item in enumerate(items):
        untouched = not any(item.get(s.name) not in (None, "", []) for s in MEASURE)
        others_reported = any(i.get("done") for j, i in enumerate(items) if j != number)
        if untouched and others_reported and not any((item.get("committed") or {}).values()):
            continue  # an extra tiltak added and left empty (nothing committed) is not reported
        names = [s.name for s in MEASURE if s.required and item.get(s.name) in (None, "", [])]
        if names:
            found[f"measure:{item.get('id')}"] = names
    for key, specs in (("conditions", MET), ("evaluation", EVALUATION)):
        names = [s.name for s in specs if s.required and document.get(s.name) in (None, "", [])]
        if key == "conditions" and document.get(FROM_PLAN):
            names = [s.name for s in specs]  # copied from the plan, not yet said as done
        if names:
            found[key] = names
    return found
