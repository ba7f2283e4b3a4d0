"""Questions in Norwegian, answered: recognise, choose a band, answer from data or knowledge.

No Bot Framework here. Three bands (the recogniser measures them): an answer, a «Mente du …?»
with the three likeliest topics and «Ingen av disse», or a fallback that says what the bot
covers and offers to ask the network's coordinator. Every question is logged with what was made
of it, so 👍/👎 and misses can be reviewed (`laget qa misses`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.qa import texts as t
from bot.qa.answers import Asker, Reply, SchemeAnswers
from bot.qa.model import AskedQuestion, QuestionLog, Vote
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


@dataclass(frozen=True)
class Who:
    """Where the question came from (for the log; never shown to others)."""

    conversation_id: str
    user_id: str


# «Hvilket nettverk hører Røros til?», «Kva nettverk høyrer Frøya til?»: a question, by its
# question word or its question mark.
_WHO_COORDINATES = re.compile(
    r"\b(?:hvem|kven)\s+(?:(?:er|blir)\s+koordinator(?:en|ane|ene|ar|er)?\b"
    r"|kan\s+(?:vi|jeg|eg)\s+(?:spørre|spørje|kontakte|snakke\s+med|ringe)\b)",
    re.IGNORECASE,
)
_WHO_IS_IN = re.compile(
    r"\b(?:hvem|kven|hvilke\s+kommuner|kva\s+kommunar|hvilke\s+kommunar)\s+(?:er\s+)?"
    r"(?:med\s+i|hører\s+til|høyrer\s+til|er\s+i)\b",
    re.IGNORECASE,
)


_HOW_MUCH = re.compile(
    r"\b(?:hvor|kor)\s+(?:mye|mykje|stor|store|stort)\b.*"
    r"\b(?:grunntilsk\w*|fellestiltak\w*|totalt|til\s+sammen|til\s+saman|samlet|samla"
    r"|i\s+alt|totalramme\w*|totalbeløp\w*)\b",
    re.IGNORECASE,
)


# «Hvor mye har vi igjen?», «Hvor mye er bundet opp?», «Kor mykje har me att av ramma?»
_LEFT = re.compile(
    r"\b(?:hvor|kor)\s+(?:mye|mykje)\b.*\b(?:igjen|att|bundet|bunde|bunden|disponert"
    r"|gjenstår|står\s+igjen|står\s+att)\b"
    r"|\b(?:hva|kva)\s+(?:er|har\s+(?:vi|me))\s+(?:igjen|att|bundet\s+opp|bunde\s+opp)\b",
    re.IGNORECASE,
)


# «Er rammen vår vedtatt?», «Er ramma vår vedteken?», «Har vi fått vedtak?»
_DECIDED = re.compile(
    r"\b(?:er|blir|ble|vart)\s+(?:rammen|ramma|tildelingen|tildelinga)\b.*\b(?:vedtatt|vedteken"
    r"|vedtekne|bestemt|avgjort)\b|\b(?:har|fått)\s+(?:vi|me)\s+(?:fått\s+)?vedtak(?:et)?\b",
    re.IGNORECASE,
)
# «Hvor mye har vi brukt?», «Kor mykje har me brukt av pengane?»
_SPENT = re.compile(
    r"\b(?:hvor|kor)\s+(?:mye|mykje)\b.*\b(?:brukt|forbrukt|bruka|brukte)\b", re.IGNORECASE
)
# «Hva må rapporten inneholde?», «Kva skal vere med i rapporten?»
_REPORT_CONTENTS = re.compile(
    r"\b(?:hva|kva)\b.*\b(?:rapport(?:en|eringen|eringa)?)\b.*\b(?:inneholde|innehalde|ha\s+med"
    r"|stå|stå\s+i|vere\s+med|være\s+med)\b"
    r"|\b(?:hva|kva)\b.*\b(?:inneholde|innehalde|stå|være\s+med|vere\s+med)\b.*\brapport",
    re.IGNORECASE,
)


def _asked_about(text: str) -> Topic | None:  # noqa: PLR0911  (one return per shape)
    """Questions recognised by their shape before the classifier: who coordinates, who is in,
    what is left of a frame, whether it is decided, what was used, what a report holds, and
    the year's amounts."""
    if _REPORT_CONTENTS.search(text):
        return Topic.REPORT_CONTENTS
    if _SPENT.search(text):
        return Topic.SPENT
    if _DECIDED.search(text):
        return Topic.FRAME_DECIDED
    if _LEFT.search(text):
        return Topic.FRAME_LEFT
    if _WHO_COORDINATES.search(text):
        return Topic.COORDINATORS
    if _WHO_IS_IN.search(text):
        return Topic.MEMBERS
    if _HOW_MUCH.search(text):
        return Topic.AMOUNTS
    return None


_ASKS = re.compile(r"^\s*(?:hvilke[tn]?|kva|hva|hvem|kven)\b|\?\s*$", re.IGNORECASE)


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
        if _asked_about(text) is not None:  # known by its shape: answered, and logged so
            recognition = replace(recognition, band="answer")
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

    async def own_question(self, question_id: int, who: Who) -> AskedQuestion | None:
        """The stored question, if `who` asked it (a button's id is checked against its presser)."""
        asked = await self.log.get(question_id)
        if asked is None or asked.user_id != who.user_id:
            return None
        return asked

    async def choose(self, payload: IntentPayload, asker: Asker, who: Who, lang: Lang) -> Reply:
        """A «Mente du …?» button: answer the stored question as the chosen intent."""
        asked = await self.own_question(payload.question, who)
        if asked is None:
            return Reply(t.STALE.get(lang))
        recognition = replace(self._recognizer.recognize(asked.text), lang=lang)
        if payload.intent == NONE_OF_THESE or payload.intent not in Intent.__members__.values():
            await self.log.mark_missed(asked.id)
            return self.fallback(recognition.lang, asked.id)
        return await self._answer(Intent(payload.intent), recognition, asker, asked.id)

    async def feedback(self, payload: FeedbackPayload, who: Who, lang: Lang) -> Reply:
        """👍/👎 on an answer."""
        vote: Vote = payload.vote
        asked = await self.own_question(payload.question, who)
        if asked is None or not await self.log.feedback(asked.id, vote):
            return Reply(t.STALE.get(lang))
        if vote == "up":
            return Reply(t.THANKS_UP.get(lang))
        card = FactsCard(
            title=t.THANKS_UP.get(lang),
            headline=t.THANKS_DOWN.get(lang),
            buttons=[self._escalate_button(lang, asked.id)],
        )
        return Reply(card.headline, card)

    def fallback(self, lang: Lang, question_id: int) -> Reply:
        """What the bot covers, with examples, and the offer to ask a person."""
        card = FactsCard(
            title=t.FALLBACK_TITLE.get(lang),
            headline=self._knowledge.fallback(lang),
            buttons=[self._escalate_button(lang, question_id)],
        )
        return Reply(card.headline, card)

    async def _answer(
        self, intent: Intent, recognition: Recognition, asker: Asker, question_id: int
    ) -> Reply:
        lang = recognition.lang
        entities = recognition.entities
        asked = _asked_about(recognition.text)
        if intent in (Intent.HELP, Intent.GREETING) and asked is None:
            return Reply(WELCOME[lang].intro, WELCOME[lang])
        topic = asked or _TOPICS.get(intent)
        if topic is Topic.DEADLINE and entities.step_id is None:
            topic = Topic.NEXT_DEADLINE
        if topic is not None:
            if topic is Topic.SET_NETWORK and _ASKS.search(recognition.text):
                topic = Topic.MEMBERSHIP  # a question about a place, not a statement about me
            if topic is Topic.SET_NETWORK and entities.network is None:
                return Reply(t.WHICH_NETWORK_TO_SET.get(lang))
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
            answer = replace(found, text=self._answers.fill_dates(found.text, lang))
        card = FactsCard(
            title=self._knowledge.label(intent, lang),
            headline=answer.text,
            source=answer.with_sources(lang)[len(answer.text) :].strip() or None,
        )
        if intent is Intent.UNKNOWN_ANSWER:
            card.buttons.append(self._escalate_button(lang, question_id))
        return self._with_feedback(Reply(answer.with_sources(lang), card), lang, question_id)

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
        choices.append(Button(title=t.NONE.get(lang), data=action(none)))
        card = ChoiceCard(
            title=t.SUGGEST_TITLE.get(lang), text=t.SUGGEST_TEXT.get(lang), choices=choices
        )
        return Reply(t.SUGGEST_TEXT.get(lang), card)

    @staticmethod
    def _with_feedback(reply: Reply, lang: Lang, question_id: int) -> Reply:
        """Add 👍/👎 to an answer card (cards without buttons, like the overview, stay as is)."""
        if not isinstance(reply.card, FactsCard):
            return reply
        card = reply.card
        votes = [
            Button(
                title=title,
                data=action(FeedbackPayload(action="feedback", vote=vote, question=question_id)),
            )
            for title, vote in (("👍", "up"), ("👎", "down"))
        ]
        card = card.model_copy(update={"buttons": [*card.buttons, *votes][:5]})
        return Reply(reply.text, card, reply.remember_network)

    @staticmethod
    def _escalate_button(lang: Lang, question_id: int) -> Button:
        payload = EscalatePayload(action="escalate", question=question_id)
        return Button(title=t.ASK_COORDINATOR.get(lang), data=action(payload))
