"""Questions in Norwegian, answered: recognise, choose a band, answer from data or knowledge.

No Bot Framework here. Three bands (the recogniser measures them): an answer, a «Mente du …?»
with the three likeliest topics and «Ingen av disse», or a fallback that says what the bot
covers and offers to ask the network's coordinator. Every question is logged with what was made
of it, so 👍/👎 and misses can be reviewed (`laget qa misses`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.qa.answers import Asker, Reply, SchemeAnswers
from bot.qa.model import QuestionLog, Vote
from bot.replies import WELCOME
from bot.scheme import Lang, RegionData
from bot.scheme.privacy import contains_national_id
from bot.understanding.intents import Intent
from bot.understanding.knowledge import KnowledgeBase, fixed_posts_answer
from bot.understanding.questions import Question, Topic
from bot.understanding.recognizer import Recognition, Recognizer
from cards.payloads import EscalatePayload, FeedbackPayload, IntentPayload, action
from cards.views import Button, ChoiceCard, FactsCard

NONE_OF_THESE = "none"
_TOPICS = {
    Intent.DEADLINE: Topic.DEADLINE,
    Intent.DAYS_LEFT: Topic.DEADLINE,
    Intent.NEXT_DEADLINE: Topic.NEXT_DEADLINE,
    Intent.CALENDAR: Topic.CALENDAR,
    Intent.FRAME: Topic.FRAME,
    Intent.COUNTY_FRAMES: Topic.COUNTY,
    Intent.SET_NETWORK: Topic.SET_NETWORK,
}
T: dict[str, dict[Lang, str]] = {
    "suggest_title": {"nb": "Mente du …?", "nn": "Meinte du …?"},
    "suggest_text": {
        "nb": "Jeg er ikke helt sikker på hva du spør om. Velg det som passer:",
        "nn": "Eg er ikkje heilt sikker på kva du spør om. Vel det som passar:",
    },
    "none": {"nb": "Ingen av disse", "nn": "Ingen av desse"},
    "fallback_title": {"nb": "Det kan jeg ikke svare på", "nn": "Det kan eg ikkje svare på"},
    "ask_coordinator": {"nb": "Spør koordinatoren", "nn": "Spør koordinatoren"},
    "thanks_up": {"nb": "Takk for tilbakemeldingen!", "nn": "Takk for tilbakemeldinga!"},
    "thanks_down": {
        "nb": "Takk! Jeg tar vare på spørsmålet, så svarene kan bli bedre. Du kan også spørre "
        "koordinatoren i nettverket ditt.",
        "nn": "Takk! Eg tek vare på spørsmålet, så svara kan bli betre. Du kan også spørje "
        "koordinatoren i nettverket ditt.",
    },
    "which_network": {
        "nb": "Hvilket nettverk hører du til? Skriv for eksempel «jeg hører til Fosen».",
        "nn": "Kva nettverk høyrer du til? Skriv til dømes «eg høyrer til Fosen».",
    },
    "stale": {
        "nb": "Det spørsmålet finner jeg ikke lenger. Spør gjerne på nytt.",
        "nn": "Det spørsmålet finn eg ikkje lenger. Spør gjerne på nytt.",
    },
}


@dataclass(frozen=True)
class Who:
    """Where the question came from (for the log; never shown to others)."""

    conversation_id: str
    user_id: str


class QaService:
    """Answers questions and keeps the log of them."""

    def __init__(
        self,
        recognizer: Recognizer,
        knowledge: KnowledgeBase,
        answers: SchemeAnswers,
        region: RegionData,
        log: QuestionLog,
    ) -> None:
        self._recognizer = recognizer
        self._knowledge = knowledge
        self._answers = answers
        self._region = region
        self.log = log

    async def ask(self, text: str, asker: Asker, who: Who, lang: Lang) -> Reply:
        """Recognise and answer (or suggest, or fall back) in `lang`, the user's language.

        `lang` is the language of the turn: the question's own when its words show one, else
        the user's last (so «frist BG» from a nynorsk user gets a nynorsk answer).
        """
        recognition = self._recognizer.recognize(text)
        recognition = replace(recognition, lang=lang)
        question_id = await self.log.record(
            conversation_id=who.conversation_id,
            user_id=who.user_id,
            text="" if contains_national_id(text) else text[:1000],
            lang=lang,
            intent=recognition.intent.value,
            score=round(recognition.score, 4),
            band=recognition.band,
        )
        if recognition.band == "answer":
            return await self._answer(recognition.intent, recognition, asker, question_id)
        if recognition.band == "suggest":
            return self._suggest(recognition, question_id)
        return self.fallback(recognition.lang, question_id)

    async def choose(self, payload: IntentPayload, asker: Asker, lang: Lang) -> Reply:
        """A «Mente du …?» button: answer the stored question as the chosen intent."""
        asked = await self.log.get(payload.question)
        if asked is None:
            return Reply(T["stale"][lang])
        recognition = replace(self._recognizer.recognize(asked.text), lang=lang)
        if payload.intent == NONE_OF_THESE or payload.intent not in Intent.__members__.values():
            await self.log.mark_missed(asked.id)
            return self.fallback(recognition.lang, asked.id)
        return await self._answer(Intent(payload.intent), recognition, asker, asked.id)

    async def feedback(self, payload: FeedbackPayload, lang: Lang) -> Reply:
        """👍/👎 on an answer."""
        vote: Vote = payload.vote
        asked = await self.log.get(payload.question)
        if asked is None or not await self.log.feedback(asked.id, vote):
            return Reply(T["stale"][lang])
        if vote == "up":
            return Reply(T["thanks_up"][lang])
        card = FactsCard(
            title=T["thanks_up"][lang],
            headline=T["thanks_down"][lang],
            buttons=[self._escalate_button(lang, asked.id)],
        )
        return Reply(card.headline, ("facts", card))

    def fallback(self, lang: Lang, question_id: int) -> Reply:
        """What the bot covers, with examples, and the offer to ask a person."""
        card = FactsCard(
            title=T["fallback_title"][lang],
            headline=self._knowledge.fallback(lang),
            buttons=[self._escalate_button(lang, question_id)],
        )
        return Reply(card.headline, ("facts", card))

    async def _answer(
        self, intent: Intent, recognition: Recognition, asker: Asker, question_id: int
    ) -> Reply:
        lang = recognition.lang
        entities = recognition.entities
        if intent in (Intent.HELP, Intent.GREETING):
            return Reply(WELCOME[lang].intro, ("welcome", WELCOME[lang]))
        topic = _TOPICS.get(intent)
        if topic is Topic.DEADLINE and entities.step_id is None:
            topic = Topic.NEXT_DEADLINE
        if topic is not None:
            if topic is Topic.SET_NETWORK and entities.network is None:
                return Reply(T["which_network"][lang])
            question = Question(
                topic, lang, entities.step_id, entities.network, entities.place, entities.year
            )
            reply = await self._answers.answer(question, asker)
            return self._with_feedback(reply, lang, question_id)
        if intent is Intent.FIXED_POSTS:
            answer = fixed_posts_answer(self._region, lang)
        else:
            found = self._knowledge.answer(intent, lang)
            if found is None:
                return self.fallback(lang, question_id)
            answer = found
        card = FactsCard(
            title=self._knowledge.label(intent, lang),
            headline=answer.text,
            source=answer.with_sources(lang)[len(answer.text) :].strip() or None,
        )
        if intent is Intent.UNKNOWN_ANSWER:
            card.buttons.append(self._escalate_button(lang, question_id))
        return self._with_feedback(
            Reply(answer.with_sources(lang), ("facts", card)), lang, question_id
        )

    def _suggest(self, recognition: Recognition, question_id: int) -> Reply:
        lang = recognition.lang
        choices = [
            Button(
                title=self._knowledge.label(intent, lang),
                data=action(
                    IntentPayload(action="intent", intent=intent.value, question=question_id)
                ),
            )
            for intent in recognition.suggestions(3)
        ]
        none = IntentPayload(action="intent", intent=NONE_OF_THESE, question=question_id)
        choices.append(Button(title=T["none"][lang], data=action(none)))
        card = ChoiceCard(
            title=T["suggest_title"][lang], text=T["suggest_text"][lang], choices=choices
        )
        return Reply(T["suggest_text"][lang], ("choice", card))

    @staticmethod
    def _with_feedback(reply: Reply, lang: Lang, question_id: int) -> Reply:
        """Add 👍/👎 to an answer card (cards without buttons, like the overview, stay as is)."""
        if reply.card is None or not isinstance(reply.card[1], FactsCard):
            return reply
        card = reply.card[1]
        votes = [
            Button(
                title=title,
                data=action(FeedbackPayload(action="feedback", vote=vote, question=question_id)),
            )
            for title, vote in (("👍", "up"), ("👎", "down"))
        ]
        card = card.model_copy(update={"buttons": [*card.buttons, *votes][:5]})
        return Reply(reply.text, (reply.card[0], card), reply.remember_network)

    @staticmethod
    def _escalate_button(lang: Lang, question_id: int) -> Button:
        payload = EscalatePayload(action="escalate", question=question_id)
        return Button(title=T["ask_coordinator"][lang], data=action(payload))
