"""Helpers for the beslutningsgrunnlag's HTTP tests: a coordinator's chat, buttons, answers."""

from __future__ import annotations

from typing import Any

from bot.scheme import compute_allocation, load_region
from tests.activities import Client, activity, post
from tests.needs.test_needs_report import button

COORDINATOR_CHAT = "a:kari-koordinator"
COORDINATOR_USER = "29:kari-koordinator"

HEADER = {"uh_partners": "ntnu", "uh_other": "", "owners": "Ørland,Osen", "private_owners": ""}
MEASURE_1 = {
    "goal": "Felles forståelse av skolefravær og tidlig innsats i hele laget rundt eleven.",
    "topics": "skolefravaer",
    "topics_other": "",
    "target_group": "Lærere og PPT",
    "interdisciplinary": "Skole, PPT og helsesykepleier arbeider sammen i hver enhet.",
    "role_owner": "Forankrer og setter av tid",
    "role_uh": "NTNU leder samlingene",
    "role_ppt": "Veileder teamene",
    "role_statped": "nei",
    "from_month": "mars 2027",
    "to_month": "desember 2027",
    "budget_owner": "kr 200 000,-",
    "budget_uh": "0,3 mill.",
    "budget_coordination": "50 000",
}
MEASURE_2 = {
    "goal": "Lesing og skriving: systematisk arbeid med tidlig innsats i barnehage og skole.",
    "topics": "lese-skrive",
    "topics_other": "",
    "target_group": "Barnehagelærere og lærere",
    "interdisciplinary": "Barnehage, skole og PPT planlegger overgangene sammen.",
    "role_owner": "Setter av tid i planene",
    "role_uh": "DMMH og NTNU gir faglig innhold",
    "role_ppt": "",
    "role_statped": "",
    "from_month": "08.2027",
    "to_month": "2028-06",
    "budget_owner": "100.000",
    "budget_uh": "400 000",
    "budget_coordination": "0",
}
CONDITIONS = {
    "cond_local_needs": "Tiltakene bygger på ståstedsanalysene i alle enhetene høsten 2026.",
    "cond_workplace": "Alt arbeid skjer i personalgruppene på arbeidsplassen, i team.",
    "cond_partnership": "NTNU og eierne planla tiltakene sammen i tre møter i høst.",
    "cond_interdisciplinary": "PPT, skole og barnehage deltar i alle samlingene sammen.",
}
EVALUATION = {"evaluation": "Spørreundersøkelse før og etter, og refleksjonslogg i hvert team."}


def fosen_frame() -> int:
    """Fosen's estimated frame for 2027 from the embedded (example) data."""
    return compute_allocation(load_region(), 2027).frame("fosen").amount


def as_coordinator(aad: str, **kwargs: Any) -> dict[str, Any]:
    """An activity from Fosen's coordinator in her 1:1 chat."""
    body = activity(conversation=COORDINATOR_CHAT, user=COORDINATOR_USER, **kwargs)
    body["from"]["aadObjectId"] = aad
    body["from"]["name"] = "Kari Koordinator"
    return body


async def tell(bot: Client, aad: str, text: str) -> list[dict[str, Any]]:
    """The coordinator writes `text`."""
    return await post(bot, as_coordinator(aad, text=text))


async def push(bot: Client, aad: str, data: dict[str, Any], **inputs: str) -> list[dict[str, Any]]:
    """The coordinator presses a button (with a card form's inputs)."""
    return await post(bot, as_coordinator(aad, value={**data, **inputs}))


async def write_complete(
    bot: Client, aad: str, text: str = "beslutningsgrunnlag"
) -> list[dict[str, Any]]:
    """Fill in a whole beslutningsgrunnlag (one tiltak, within the frame) through the cards;
    returns the summary card's replies."""
    opened = await tell(bot, aad, text)
    header = await push(bot, aad, button(opened, "Endre: Partnerskapet"))
    summary = await push(bot, aad, button(header, "Lagre"), **HEADER)
    form = await push(bot, aad, button(summary, "Legg til tiltak"))
    summary = await push(bot, aad, button(form, "Lagre"), **MEASURE_1)
    conditions = await push(bot, aad, button(summary, "Endre: De fire vilkårene"))
    summary = await push(bot, aad, button(conditions, "Lagre"), **CONDITIONS)
    evaluation = await push(bot, aad, button(summary, "Endre: Evaluering"))
    return await push(bot, aad, button(evaluation, "Lagre"), **EVALUATION)


async def send_complete(bot: Client, aad: str) -> list[dict[str, Any]]:
    """Write a complete beslutningsgrunnlag and send it; returns the receipt's replies."""
    summary = await write_complete(bot, aad)
    confirm = await push(bot, aad, button(summary, "Send inn"))
    return await push(bot, aad, button(confirm, "Ja, send til samarbeidsforum"))
