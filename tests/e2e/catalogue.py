"""Every Adaptive Card Laget sends, made by Laget itself.

The cards of a 1:1 chat come from a scripted conversation with the real app over HTTP (the
`expectReplies` door), and the cards Laget posts on its own (a coordinator's notice, a question
relayed to coordinators and its answer, a beslutningsgrunnlag's notice and change notice to
another administrator, a vedtak's announcement after a reminder pass) from a fake Teams
connector on 127.0.0.1. The conversation starts in November 2026; the vedtak are registered by
the same app on the same database with its clock in April 2027 (a decision date may not lie
ahead), and the reports on 2027 written in May 2028 (they are due 15 June 2028). Reminder cards
in every variant come from `ReminderCards` with the embedded region and rules. Each card has a
name, used for its screenshot.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.reminders.card import ReminderCards
from bot.reminders.planning import PlannedReminder, Progress, StepProgress, Target, plan
from bot.reminders.rules import load_rules
from bot.scheme.loader import load_region
from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.roles import RolesRepository
from bot.teams.server import LAGET
from tests.activities import BOT_ID, Client, actions, activity, cards, post
from tests.decision_basis.conftest import (
    CONDITIONS,
    EVALUATION,
    HEADER,
    MEASURE_1,
    MEASURE_2,
    fosen_frame,
)
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import ANSWERS
from tests.reminders.conftest import SEVEN_DAYS, with_local_deadline
from tests.reporting.test_reporting import FINDINGS, MAY_2028, MET, USED
from tests.vedtak.test_vedtak import APRIL

StartAt = Callable[[dt.datetime], Awaitable[Client]]  # the app on the same database, clock fixed

# The asker is an administrator and a coordinator of Fosen, so every card is theirs to see.
PERSON = "6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f"
USER = "29:kari"
CHAT = "a:kari"
# The step-by-step tests' answers, with one topic more (a longer list on the summary card).
VALID_ANSWERS = {**ANSWERS, "topics": "adhd,skolefravaer,lese-skrive"}
# A wrong e-mail address (an error) and a child's name (a warning), shown next to their fields.
FLAWED_ANSWERS = {
    **VALID_ANSWERS,
    "contact_email": "kari(at)orland",
    "needs": "Eleven Ola i 3. klasse trenger mer støtte, og flere som ham.",
}
# Another administrator, with a 1:1 chat of her own: she gets the beslutningsgrunnlag's notices
# (the asker's own are not sent to the asker).
OTHER_ADMIN = "0b7c3d5e-2f1a-4b6c-8d9e-1a2b3c4d5e6f"
OTHER_ADMIN_USER = "29:siri"
OTHER_ADMIN_CHAT = "a:siri"
# A behovsmelding from a municipality of Steinkjer/Snåsa, for the nynorsk beslutningsgrunnlag.
STEINKJER_NEEDS = {
    **VALID_ANSWERS,
    "owner": "Steinkjer kommune",
    "municipality": "Steinkjer",
    "contact_email": "kari.nordmann@steinkjer.kommune.no",
}
# A tiltak's budget typed wrong twice: a negative amount and øre.
FLAWED_BUDGET = {"budget_owner": "-5", "budget_uh": "12,50"}
# The beslutningsgrunnlag of Steinkjer/Snåsa in nynorsk (its two tiltak are over its frame).
NN_HEADER = {**HEADER, "owners": "Steinkjer,Snåsa"}
NN_MEASURE_1 = {
    **MEASURE_1,
    "goal": "Felles forståing av skulefråvær og tidleg innsats i heile laget rundt eleven.",
    "target_group": "Lærarar og PPT",
    "interdisciplinary": "Skule, PPT og helsesjukepleiar arbeider saman i kvar eining.",
    "role_owner": "Forankrar og set av tid",
    "role_uh": "NTNU leier samlingane",
    "role_ppt": "Rettleier teama",
}
NN_MEASURE_2 = {
    **MEASURE_2,
    "goal": "Lesing og skriving: systematisk arbeid med tidleg innsats i barnehage og skule.",
    "target_group": "Barnehagelærarar og lærarar",
    "interdisciplinary": "Barnehage, skule og PPT planlegg overgangane saman.",
    "role_owner": "Set av tid i planane",
    "role_uh": "DMMH og NTNU gir fagleg innhald",
}
NN_CONDITIONS = {
    "cond_local_needs": "Tiltaka byggjer på ståstadsanalysane i alle einingane hausten 2026.",
    "cond_workplace": "Alt arbeid skjer i personalgruppene på arbeidsplassen, i team.",
    "cond_partnership": "NTNU og eigarane planla tiltaka saman i tre møte i haust.",
    "cond_interdisciplinary": "PPT, skule og barnehage er med i alle samlingane saman.",
}
NN_EVALUATION = {"evaluation": "Spørjeundersøking før og etter, og refleksjonslogg i kvart team."}
# A decided frame for Fosen, as typed in the administrators' card.
VEDTAK = {"network": "fosen", "decided_on": "15.04.2027", "reference": "SF 2027/1234"}
# Fosen's sent beslutningsgrunnlag commits 750 000 (its tiltak 1 lowered after sending): one
# decision under that (a warning), then a corrected one over it.
UNDER_COMMITTED, OVER_COMMITTED = "700 000", "800 000"
# What Fosen's tiltak 2 did (tiltak 1: the report tests' USED).
USED_2 = {
    "done": "Tre nettverkssamlinger om lesing med DMMH, og arbeid i team mellom samlingene.",
    "participants": "60",
    "used_owner": "90 000",
    "used_uh": "150 000",
    "used_coordination": "0",
}
# A report in nynorsk, on a network with no beslutningsgrunnlag in Laget.
NN_USED = {
    "goal": "Felles samlingar om språk i barnehagane",
    "done": "Fire samlingar med DMMH, og arbeid i team mellom samlingane i alle einingane.",
    "participants": "ca 90",
    "used_owner": "150 000",
    "used_uh": "250 000",
    "used_coordination": "40 000",
}
NN_MET = {
    "cond_local_needs": "Tiltaket svarte på ståstadsanalysane, og vart justert etter dei.",
    "cond_workplace": "Alt arbeid skjedde i personalgruppene, i team på arbeidsplassen.",
    "cond_partnership": "DMMH og eigarane planla og gjennomførte samlingane saman.",
    "cond_interdisciplinary": "PPT, barnehage og helsestasjon var med på alle samlingane.",
}
NN_FINDINGS = {"findings": "Personalet meiner dei fangar opp språkvanskar tidlegare no."}


@dataclass(frozen=True)
class NamedCard:
    """A card and the name of the moment Laget sends it."""

    name: str
    card: dict[str, Any]


@dataclass
class Chat:
    """A 1:1 chat with Laget, recording every card it sends (replies and proactive posts)."""

    bot: Client
    teams: FakeTeams
    found: list[NamedCard] = field(default_factory=list)
    _seen_posts: int = 0
    at: dt.datetime | None = None  # the bot's fixed clock, when it is ahead of the real one

    def later(self, bot: Client, at: dt.datetime) -> Chat:
        """The same chat and catalogue, talking to `bot` (the app with its clock at `at`)."""
        return Chat(bot, self.teams, self.found, len(self.teams.posts), at)

    def _activity(self, **kwargs: Any) -> dict[str, Any]:
        body = activity(conversation=CHAT, user=USER, service_url=self.teams.url, **kwargs)
        body["from"]["aadObjectId"] = PERSON
        return body

    async def _turn(self, name: str | None, body: dict[str, Any]) -> list[dict[str, Any]]:
        """One turn; its cards are recorded under `name` (not at all when it is None)."""
        replies = await post(self.bot, body)
        # What it queued is due at the bot's clock (at the latest now).
        now = dt.datetime.now(dt.UTC)
        await self.bot.app[LAGET].deliveries.run_once(max(now, self.at) if self.at else now)
        return self._record(name, cards(replies))

    def _record(self, name: str | None, shown: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """`shown` and the cards posted since the last turn, recorded under `name`."""
        posted = self.teams.posts[self._seen_posts :]
        self._seen_posts = len(self.teams.posts)
        shown = shown + cards([p.activity for p in posted])
        if name is None:  # a step on the way to the cards that matter
            return shown
        for number, card in enumerate(shown, 1):
            suffix = "" if len(shown) == 1 else f"-{number}"
            self.found.append(NamedCard(f"{name}{suffix}", card))
        return shown

    async def reminder_pass(self, name: str | None, at: dt.datetime) -> list[dict[str, Any]]:
        """A reminder pass at `at` (as `laget reminders send --at`), then the deliveries it
        queued (a vedtak's announcement); the cards posted to this chat."""
        laget = self.bot.app[LAGET]
        await laget.reminders.worker.run_once(at)
        await laget.deliveries.run_once(at)
        return self._record(name, [])

    async def install(self, name: str) -> list[dict[str, Any]]:
        """Laget is added to the chat."""
        return await self._turn(
            name, self._activity(kind="conversationUpdate", membersAdded=[{"id": BOT_ID}])
        )

    async def install_for(self, aad: str, conversation: str, user: str) -> None:
        """Laget is added to someone else's 1:1 chat (what it posts there is recorded later)."""
        body = activity(
            "conversationUpdate",
            conversation=conversation,
            user=user,
            service_url=self.teams.url,
            membersAdded=[{"id": BOT_ID}],
        )
        body["from"]["aadObjectId"] = aad
        await self._turn(None, body)

    async def say(self, name: str | None, text: str) -> list[dict[str, Any]]:
        """The user writes `text`."""
        return await self._turn(name, self._activity(text=text))

    async def press(
        self, name: str | None, shown: list[dict[str, Any]], title: str, **inputs: str
    ) -> list[dict[str, Any]]:
        """The user presses the button `title` of a card just shown (with a form's inputs)."""
        data = button(shown, title)
        return await self._turn(name, self._activity(value={**data, **inputs}))


def button(shown: list[dict[str, Any]], title: str) -> dict[str, Any]:
    """The data of the button `title` (or starting with it) among the cards shown."""
    for card in shown:
        for action in actions(card):
            if action["title"] == title or action["title"].startswith(title):
                data: dict[str, Any] = action["data"]
                return data
    titles = [a["title"] for card in shown for a in actions(card)]
    raise AssertionError(f"no button {title!r} among {titles}")


async def grant_roles(settings: Settings) -> None:
    """Make the asker an administrator and a coordinator of Fosen; another administrator."""
    engine = create_engine(settings.database_url)
    try:
        roles = RolesRepository(engine)
        await roles.grant(RoleAssignment(aad_object_id=PERSON, role="admin"))
        coordinator = RoleAssignment(aad_object_id=PERSON, role="coordinator", network_id="fosen")
        await roles.grant(coordinator)
        other = RoleAssignment(aad_object_id=OTHER_ADMIN, role="admin")
        await roles.grant(other, name="Siri Sekretariat")
    finally:
        await engine.dispose()


async def conversation_cards(bot: Client, teams: FakeTeams, start_at: StartAt) -> list[NamedCard]:
    """Every card of a 1:1 chat, from a conversation that visits each of Laget's features
    (`start_at` starts the app on the same database with a later clock)."""
    chat = Chat(bot, teams)
    await chat.install("welcome")
    await chat.say("frame", "Hva er rammen til Fosen?")
    await chat.say("county-frames", "rammene for alle nettverk")
    await chat.say("deadline", "Når er fristen for beslutningsgrunnlaget?")
    await chat.say("next-deadline", "neste frist")
    await chat.say("calendar", "frister")
    await chat.say("knowledge-answer", "Hva kan pengene brukes til?")
    await chat.say("did-you-mean", "frist")
    await chat.say("remember-network", "Jeg hører til Fosen")
    fallback = await chat.say("fallback", "Hvor parkerer jeg ved fylkeshuset?")
    relayed = await chat.press("question-to-coordinators", fallback, "Spør koordinatoren")
    await chat.press(
        "coordinators-answer", relayed, "Send svar", answer="Nei, parkering dekkes ikke."
    )
    await chat.say("profile-workplace", "om meg")
    await chat.say("cancel", "avbryt")

    started = await chat.say("needs-start", "ny behovsmelding")
    form = await chat.press("needs-form", started, "Skjema")
    flawed = await chat.press("needs-form-errors", form, "Gå videre", **FLAWED_ANSWERS)
    summary = await chat.press("needs-summary", flawed, "Gå videre", **VALID_ANSWERS)
    await chat.press("needs-receipt-and-notice", summary, "Send inn")
    mine = await chat.say("needs-mine", "mine behovsmeldinger")
    await chat.press("needs-withdraw", mine, "Trekk tilbake")
    status = await chat.say("needs-status", "status for nettverket")
    await chat.press("needs-export-link", status, "Last ned regneark")
    await chat.say("reminders-list", "påminnelser")

    stepwise = await chat.say("needs-start-again", "ny behovsmelding")
    await chat.press("needs-step-by-step", stepwise, "Steg for steg")
    await chat.say("needs-step-choice", "Hitra kommune")
    await chat.say("cancel-step-by-step", "avbryt")
    await chat.say("needs-third-draft", "ny behovsmelding")
    await chat.say("needs-resume", "fortsett behovsmeldingen")

    # The same in nynorsk: from the first sentence in it, every card Laget makes follows.
    await chat.say("nn-welcome", "Kva kan du hjelpe meg med?")
    await chat.say("nn-profile-workplace", "om meg")
    await chat.say("nn-cancel", "avbryt")
    started = await chat.say("nn-needs-start", "Eg vil fylle ut ei ny behovsmelding")
    form = await chat.press("nn-needs-form", started, "Skjema")
    flawed = await chat.press("nn-needs-form-errors", form, "Gå vidare", **FLAWED_ANSWERS)
    summary = await chat.press("nn-needs-summary", flawed, "Gå vidare", **VALID_ANSWERS)
    await chat.press("nn-needs-receipt-and-notice", summary, "Send inn")
    mine = await chat.say("nn-needs-mine", "mine behovsmeldingar")
    await chat.press("nn-needs-withdraw", mine, "Trekk tilbake")
    status = await chat.say("nn-needs-status", "status for nettverket")
    await chat.press("nn-needs-export-link", status, "Last ned rekneark")
    await chat.say("nn-reminders-list", "påminningar")

    await decision_basis_cards(chat)
    await vedtak_cards(chat.later(await start_at(APRIL), APRIL))
    await report_cards(chat.later(await start_at(MAY_2028), MAY_2028))
    return chat.found


async def send_needs_quietly(chat: Chat, answers: dict[str, str]) -> None:
    """A behovsmelding sent through the card form, its cards not recorded (seen above)."""
    started = await chat.say(None, "ny behovsmelding")
    form = await chat.press(None, started, "Skjema")
    summary = await chat.press(None, form, "Gå vid", **answers)  # «Gå videre» or «Gå vidare»
    shows(await chat.press(None, summary, "Send inn"), "BM-")


def shows(shown: list[dict[str, Any]], text: str) -> None:
    """Fail unless a card just shown says `text` (the catalogue's names stay true)."""
    said = json.dumps(shown, ensure_ascii=False)
    assert text in said, f"expected {text!r} in the cards shown: {said[:2000]}"


async def decision_basis_cards(chat: Chat) -> None:
    """The beslutningsgrunnlag: Fosen's in bokmål (the asker's own network, with the typed
    «fjern tiltak 2» and «endre tiltak 2»), then Steinkjer/Snåsa's in nynorsk (opened as an
    administrator), each with a sent behovsmelding whose topics it covers in part."""
    await send_needs_quietly(chat, VALID_ANSWERS)  # Ørland: ADHD, skolefravær, lese-skrive
    await send_needs_quietly(chat, STEINKJER_NEEDS)
    await chat.install_for(OTHER_ADMIN, OTHER_ADMIN_CHAT, OTHER_ADMIN_USER)

    opened = await chat.say("basis-start", "beslutningsgrunnlag")
    header = await chat.press("basis-form-partnership", opened, "Endre: Partnerskapet")
    summary = await chat.press(None, header, "Lagre", **HEADER)
    form = await chat.press("basis-form-measure", summary, "Legg til tiltak")
    flawed = await chat.press(
        "basis-form-measure-errors", form, "Lagre", **{**MEASURE_1, **FLAWED_BUDGET}
    )
    shows(flawed, "Noe må rettes")
    summary = await chat.press(None, flawed, "Lagre", **MEASURE_1)
    form = await chat.press(None, summary, "Legg til tiltak")
    summary = await chat.press("basis-summary-two-measures", form, "Lagre", **MEASURE_2)
    conditions = await chat.press("basis-form-conditions", summary, "Endre: De fire vilkårene")
    summary = await chat.press(None, conditions, "Lagre", **CONDITIONS)
    evaluation = await chat.press("basis-form-evaluation", summary, "Endre: Evaluering")
    summary = await chat.press("basis-summary-over-frame", evaluation, "Lagre", **EVALUATION)
    shows(summary, "over rammen")
    refused = await chat.press("basis-refused-over-frame", summary, "Send inn")  # no «Ja» first
    shows(refused, "Kan ikke sendes")
    await chat.say("basis-remove", "fjern tiltak 2")  # asked, not confirmed
    # Tiltak 2 made smaller: the total a round sum under the frame.
    over = 550_000 + 500_000 - fosen_frame() // 50_000 * 50_000
    fix = await chat.say(None, "endre tiltak 2")
    smaller = {**MEASURE_2, "budget_uh": str(400_000 - over)}
    summary = await chat.press("basis-summary-ready", fix, "Lagre", **smaller)
    shows(summary, "Alt er fylt ut")
    confirm = await chat.press("basis-confirm", summary, "Send inn")
    sent = await chat.press("basis-receipt-and-notice", confirm, "Ja, send til samarbeidsforum")
    shows(sent, "Sendt til samarbeidsforum")
    shows(sent, "Fosen har sendt beslutningsgrunnlaget")
    form = await chat.say(None, "endre tiltak 1")
    changed = {**MEASURE_1, "budget_uh": "250 000"}
    told = await chat.press("basis-change-saved-and-admin-told", form, "Lagre", **changed)
    shows(told, "Fosen har endret beslutningsgrunnlaget")
    await chat.say("basis-overview", "beslutningsgrunnlag for alle nettverk")

    # Nynorsk, another network, opened by name: typed «fjern tiltak 2» then acts on it (the
    # document opened last); its tiltak 2 is fixed from the refusal's button.
    opened = await chat.say("nn-basis-start", "avgjerdsgrunnlag for Steinkjer")
    header = await chat.press("nn-basis-form-partnership", opened, "Endre: Partnarskapet")
    summary = await chat.press(None, header, "Lagre", **NN_HEADER)
    form = await chat.press("nn-basis-form-measure", summary, "Legg til tiltak")
    flawed = await chat.press(
        "nn-basis-form-measure-errors", form, "Lagre", **{**NN_MEASURE_1, **FLAWED_BUDGET}
    )
    shows(flawed, "Noko må rettast")
    summary = await chat.press(None, flawed, "Lagre", **NN_MEASURE_1)
    form = await chat.press(None, summary, "Legg til tiltak")
    summary = await chat.press("nn-basis-summary-two-measures", form, "Lagre", **NN_MEASURE_2)
    conditions = await chat.press("nn-basis-form-conditions", summary, "Endre: Dei fire vilkåra")
    summary = await chat.press(None, conditions, "Lagre", **NN_CONDITIONS)
    evaluation = await chat.press("nn-basis-form-evaluation", summary, "Endre: Evaluering")
    summary = await chat.press("nn-basis-summary-over-frame", evaluation, "Lagre", **NN_EVALUATION)
    shows(summary, "over ramma")
    refused = await chat.press("nn-basis-refused-over-frame", summary, "Send inn")
    removal = await chat.say("nn-basis-remove", "fjern tiltak 2")  # asked, not confirmed
    shows(removal, "Fjerne tiltak 2?")
    fix = await chat.press(None, refused, "Tiltak 2")
    summary = await chat.press(
        "nn-basis-summary-ready", fix, "Lagre", **{**NN_MEASURE_2, "budget_uh": "100 000"}
    )
    shows(summary, "Alt er fylt ut")
    confirm = await chat.press("nn-basis-confirm", summary, "Send inn")
    sent = await chat.press("nn-basis-receipt-and-notice", confirm, "Ja, send til samarbeidsforum")
    shows(sent, "Påminningane om avgjerdsgrunnlaget stoppar")
    await chat.say("nn-basis-overview", "avgjerdsgrunnlag for alle nettverk")


async def vedtak_cards(chat: Chat) -> None:
    """Vedtak, on 16 April 2027 (the conversation is in nynorsk so far): the administrators'
    card in nynorsk, a decision under what Fosen's sent beslutningsgrunnlag commits, and its
    announcement (always bokmål: it goes to a channel and to coordinators) at the next reminder
    pass; then the card in bokmål and a corrected decision, announced again, within it."""
    form = await chat.say("nn-vedtak-form", "registrer vedtak")
    shows(form, "Registrer vedtak for 2027")
    ahead = {**VEDTAK, "amount": UNDER_COMMITTED, "decided_on": "15.05.2027"}
    wrong = await chat.press("nn-vedtak-form-errors", form, "Registrer vedtaket", **ahead)
    shows(wrong, "Vedtaksdatoen kan ikkje vere fram i tid.")
    decided = await chat.press(
        None, wrong, "Registrer vedtaket", **{**VEDTAK, "amount": UNDER_COMMITTED}
    )
    assert decided == []  # «Vedtaket er registrert: …» is a text
    announced = await chat.reminder_pass("vedtak-notice-over-committed", APRIL)
    shows(announced, "Rammen til Fosen for 2027 er vedtatt")
    shows(announced, "mer enn den vedtatte rammen")

    await chat.say(None, "Hva kan du hjelpe meg med?")  # bokmål from here
    form = await chat.say("vedtak-form", "registrer vedtak")
    wrong = await chat.press(
        "vedtak-form-errors", form, "Registrer vedtaket", **{**VEDTAK, "amount": "-5"}
    )
    shows(wrong, "Beløpet kan ikke være negativt.")
    await chat.press(None, wrong, "Registrer vedtaket", **{**VEDTAK, "amount": OVER_COMMITTED})
    announced = await chat.reminder_pass("vedtak-notice-within", APRIL + dt.timedelta(hours=1))
    shows(announced, "Rammen til Fosen for 2027 er endret")  # a corrected decision
    shows(announced, "Forrige vedtak (erstattes)")
    assert "mer enn den vedtatte rammen" not in json.dumps(announced, ensure_ascii=False)


async def report_cards(chat: Chat) -> None:
    """Reports on 2027, on 20 May 2028 (the conversation is in bokmål so far): Fosen's,
    prefilled from its beslutningsgrunnlag, from the first card to the receipt; one with no
    beslutningsgrunnlag, PPT-ledernettverket's and the overview; then in nynorsk Steinkjer/
    Snåsa's (prefilled) and, from first card to receipt, one with no beslutningsgrunnlag."""
    summary = await chat.say("report-summary-prefilled", "rapport")
    shows(summary, "hentet fra beslutningsgrunnlaget BG-2027-0001")
    form = await chat.press("report-form-measure", summary, "Tiltak 1: ")
    wrong = await chat.press(
        "report-form-measure-errors", form, "Lagre", **{**USED, "participants": "mange"}
    )
    shows(wrong, "Skriv et helt tall, 0 eller mer.")
    summary = await chat.press(
        "report-summary-one-measure-done", wrong, "Lagre", goal=MEASURE_1["goal"], **USED
    )
    form = await chat.press(None, summary, "Tiltak 2: ")
    summary = await chat.press(None, form, "Lagre", goal=MEASURE_2["goal"], **USED_2)
    conditions = await chat.press(
        "report-form-conditions", summary, "Endre: Slik ble vilkårene oppfylt"
    )
    shows(conditions, "ståstedsanalysene i alle enhetene høsten 2026")  # prefilled
    summary = await chat.press(None, conditions, "Lagre", **MET)
    evaluation = await chat.press("report-form-evaluation", summary, "Endre: Evalueringen")
    summary = await chat.press("report-summary-ready", evaluation, "Lagre", **FINDINGS)
    shows(summary, "Alt er fylt ut.")
    confirm = await chat.press("report-confirm", summary, "Send inn")
    receipt = await chat.press("report-receipt", confirm, "Ja, send rapporten")
    shows(receipt, "Rapporten er sendt: RP-2027-0001")
    empty = await chat.say("report-summary-not-prefilled", "rapport for Namdal")
    shows(empty, "Det finnes ikke noe beslutningsgrunnlag for 2027 i Laget")
    ppt = await chat.say("report-ppt-summary", "rapport for PPT-ledernettverket")
    shows(ppt, "Rapport for PPT-ledernettverket 2027")
    await chat.say("report-overview", "rapporter for alle nettverk")

    await chat.say(None, "Kva kan du hjelpe meg med?")  # nynorsk from here
    prefilled = await chat.say("nn-report-summary-prefilled", "rapport for Steinkjer")
    shows(prefilled, "henta frå avgjerdsgrunnlaget BG-2027-0002")
    summary = await chat.say("nn-report-summary-not-prefilled", "rapport for Gauldal")
    shows(summary, "Det finst ikkje noko avgjerdsgrunnlag for 2027 i Laget")
    form = await chat.press("nn-report-form-measure", summary, "Tiltak 1: (utan namn)")
    wrong = await chat.press(
        "nn-report-form-measure-errors", form, "Lagre", **{**NN_USED, "participants": "mange"}
    )
    shows(wrong, "Noko må rettast")
    summary = await chat.press("nn-report-summary-one-measure-done", wrong, "Lagre", **NN_USED)
    conditions = await chat.press(
        "nn-report-form-conditions", summary, "Endre: Slik vart vilkåra oppfylte"
    )
    summary = await chat.press(None, conditions, "Lagre", **NN_MET)
    evaluation = await chat.press("nn-report-form-evaluation", summary, "Endre: Evalueringa")
    summary = await chat.press("nn-report-summary-ready", evaluation, "Lagre", **NN_FINDINGS)
    shows(summary, "Alt er fylt ut.")
    confirm = await chat.press("nn-report-confirm", summary, "Send inn")
    shows(confirm, "Sende rapporten til Statsforvaltaren?")
    receipt = await chat.press("nn-report-receipt", confirm, "Ja, send rapporten")
    shows(receipt, "Påminningane om rapporteringa stoppar for Gauldal.")
    ppt = await chat.say("nn-report-ppt-summary", "rapport for PPT-ledernettverket")
    shows(ppt, "Rapport for PPT-ledernettverket 2027")
    await chat.say("nn-report-overview", "rapportar for alle nettverk")


def reminder_cards() -> list[NamedCard]:
    """The reminder card for each kind of target, and its «Levert» and «Fristen er ute» forms."""
    region = with_local_deadline(load_region(None))
    rules = load_rules(region)
    builder = ReminderCards(region, rules)
    channel = Target("channel", "fosen", "19:fosen@thread.tacv2", "19:fosen@thread.tacv2")
    coordinator = Target("coordinator", "fosen", PERSON, "a:kari")
    owner = Target("owner", "fosen", "aad-osen", "a:osen", owner_id="Osen")
    behovsmelding_week = dt.datetime(2027, 1, 3, 8, 0, tzinfo=dt.UTC)
    three_of_four = Progress(
        {
            ("fosen", "behovsmelding", 2027): StepProgress(
                owners=frozenset({"Indre Fosen", "Osen", "Åfjord", "Ørland"}),
                submitted=frozenset({"Indre Fosen", "Åfjord", "Ørland"}),
            )
        }
    )

    def first(target: Target, now: dt.datetime) -> PlannedReminder:
        return plan(region, rules, [target], Progress(), now)[0]

    due_channel = first(channel, SEVEN_DAYS)
    due_coordinator = first(coordinator, behovsmelding_week)
    due_owner = first(owner, behovsmelding_week)
    after = SEVEN_DAYS + dt.timedelta(days=30)
    return [
        NamedCard("reminder-channel", builder.render(due_channel, Progress(), SEVEN_DAYS)),
        NamedCard(
            "reminder-coordinator",
            builder.render(due_coordinator, three_of_four, behovsmelding_week),
        ),
        NamedCard("reminder-owner", builder.render(due_owner, three_of_four, behovsmelding_week)),
        NamedCard(
            "reminder-done", builder.render(due_channel, Progress(), SEVEN_DAYS, state="done")
        ),
        NamedCard(
            "reminder-expired", builder.render(due_channel, Progress(), after, state="expired")
        ),
    ]
