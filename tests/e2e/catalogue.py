"""Every Adaptive Card Laget sends, made by Laget itself.

The cards of a 1:1 chat come from a scripted conversation with the real app over HTTP (the
`expectReplies` door), and the cards Laget posts on its own (a coordinator's notice, a question
relayed to coordinators and its answer, a beslutningsgrunnlag's notice and change notice to
another administrator) from a fake Teams connector on 127.0.0.1. Reminder cards in every variant
come from `ReminderCards` with the embedded region and rules. Each card has a name, used for its
screenshot.
"""

from __future__ import annotations

import datetime as dt
import json
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

    def _activity(self, **kwargs: Any) -> dict[str, Any]:
        body = activity(conversation=CHAT, user=USER, service_url=self.teams.url, **kwargs)
        body["from"]["aadObjectId"] = PERSON
        return body

    async def _turn(self, name: str | None, body: dict[str, Any]) -> list[dict[str, Any]]:
        """One turn; its cards are recorded under `name` (not at all when it is None)."""
        replies = await post(self.bot, body)
        await self.bot.app[LAGET].deliveries.run_once(dt.datetime.now(dt.UTC))  # what it queued
        shown = cards(replies)
        posted = self.teams.posts[self._seen_posts :]
        self._seen_posts = len(self.teams.posts)
        shown += cards([p.activity for p in posted])
        if name is None:  # a step on the way to the cards that matter
            return shown
        for number, card in enumerate(shown, 1):
            suffix = "" if len(shown) == 1 else f"-{number}"
            self.found.append(NamedCard(f"{name}{suffix}", card))
        return shown

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


async def conversation_cards(bot: Client, teams: FakeTeams) -> list[NamedCard]:
    """Every card of a 1:1 chat, from a conversation that visits each of Laget's features."""
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
