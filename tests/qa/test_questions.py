"""Questions over the Bot Framework protocol: every intent in bokmål and nynorsk, the bands,
👍/👎, the misses, and asking the network's coordinator (answered back to the asker)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.cli.main import main
from bot.scheme import (
    Lang,
    compute_allocation,
    deadline_for,
    format_date,
    format_money,
    load_region,
)
from bot.settings import Settings
from bot.store.db import create_engine
from bot.store.qa import QaLog
from bot.understanding.intents import KNOWLEDGE_INTENTS, Intent
from bot.understanding.knowledge import KnowledgeBase
from tests.activities import BOT_ID, Client, actions, activity, cards, post, say, texts
from tests.conftest import NOW
from tests.fake_teams import FakeTeams
from tests.needs.test_needs_report import button, press

REGION = load_region()
KNOWLEDGE = KnowledgeBase()

# Written for these tests (not from the training or benchmark sets): (bokmål, nynorsk).
QUESTIONS: dict[Intent, tuple[str, str]] = {
    Intent.FIXED_POSTS: (
        "Hvilke faste poster er det i budsjettet?",
        "Kva faste postar er det i budsjettet?",
    ),
    Intent.MONEY_DISTRIBUTION: (
        "Hvordan blir pengene fordelt mellom nettverkene?",
        "Korleis blir pengane fordelte mellom nettverka?",
    ),
    Intent.FELLESTILTAK: ("Hva er fellestiltak?", "Kva er fellestiltak?"),  # «hvor mye»: amounts
    Intent.WHO_DOES_WHAT: ("Hva er samarbeidsforum sin rolle?", "Kva gjer samarbeidsforumet?"),
    Intent.COORDINATOR_TASKS: ("Hva skal koordinatoren gjøre?", "Kva oppgåver har koordinatoren?"),
    Intent.CONDITIONS: (
        "Hvilke vilkår må være oppfylt for å få midler?",
        "Kva vilkår må vere oppfylte for å få midlar?",
    ),
    Intent.TARGET_GROUP: (
        "Hvem er målgruppen for kompetanseløftet?",
        "Kven er målgruppa for kompetanseløftet?",
    ),
    Intent.FIVE_PARTS: (
        "Hvilke deler består kompetanseløftet av?",
        "Kva delar består kompetanseløftet av?",
    ),
    Intent.TOPICS: ("Hvilke tema kan vi velge?", "Kva tema kan vi velje?"),
    Intent.JOINT_MEASURES: (
        "Hva er Inkluderende praksis i barnehager og skoler?",
        "Kva er Inkluderingsanalysen?",
    ),
    Intent.ALLOWED_USE: ("Hva kan pengene brukes til?", "Kva kan pengane brukast til?"),
    Intent.EGENANDEL: ("Må vi ha egenandel?", "Kva med eigendel, må vi ha det?"),
    Intent.PRIVATE_OWNERS: ("Kan private barnehager være med?", "Kan private skular vere med?"),
    Intent.REKOM_DEKOM: ("Hva er forskjellen på Rekom og Dekom?", "Kva er Dekom?"),
    Intent.GOALS: ("Hva er målet med ordningen?", "Kva er målet med ordninga?"),
    Intent.UNKNOWN_ANSWER: (
        "Når blir pengene utbetalt?",
        "Kva skjer med pengar vi ikkje har brukt?",
    ),
    # Issue 14; their facts are checked in tests/qa/test_scheme_explained.py.
    Intent.NEEDS_REPORT: ("Hva er en behovsmelding?", "Kva er ei behovsmelding?"),
    Intent.DECISION_BASIS: ("Hva er beslutningsgrunnlaget?", "Kva er avgjerdsgrunnlaget?"),
    Intent.HOW_TO_APPLY: ("Hvordan søker vi om midler?", "Korleis søkjer me om midlar?"),
    Intent.UH_PARTNER: ("Må vi ha med et universitet?", "Må me ha med ein høgskule?"),
    Intent.SCHOOL_ABSENCE: (
        "Kan vi få midler til tiltak mot alvorlig skolefravær?",
        "Kan me få midlar til tiltak mot alvorleg skulefråvær?",
    ),
    Intent.WITHIN_FRAME: ("Må vi holde oss innenfor rammen?", "Må me halde oss innanfor ramma?"),
}


@pytest.mark.parametrize("intent", sorted(QUESTIONS), ids=str)
async def test_each_knowledge_intent_is_answered_in_both_languages(
    bot: Client, intent: Intent
) -> None:
    languages: tuple[Lang, Lang] = ("nb", "nn")
    for lang, question in zip(languages, QUESTIONS[intent], strict=True):
        [card] = cards(await say(bot, question))
        assert card["body"][0]["text"] == KNOWLEDGE.label(intent, lang), question
        shown = texts([{"attachments": [{"content": card}]}])
        assert ("Kilde" if lang == "nb" else "Kjelde") in shown
        assert "👍" in shown and "👎" in shown


def test_every_knowledge_intent_has_a_test_question() -> None:
    assert set(QUESTIONS) == (KNOWLEDGE_INTENTS | {Intent.FIXED_POSTS}) - {Intent.OUT_OF_SCOPE}


async def test_data_intents_are_answered_from_the_data_in_both_languages(bot: Client) -> None:
    due = format_date(deadline_for(REGION, "rapportering", after=NOW).due or NOW.date())
    assert due in texts(await say(bot, "Når er fristen for rapporteringen?"))
    assert "dagar" in texts(
        await say(bot, "Kor mange dagar er det att til avgjerdsgrunnlaget skal leverast?")
    )
    assert "Årshjulet for 2027" in texts(await say(bot, "Kva fristar er det i år?"))
    hitra = compute_allocation(REGION, 2027).frame("trondelag-sorvest")
    assert format_money(hitra.amount) in texts(await say(bot, "Kor mykje får Hitra?"))
    fixed = texts(await say(bot, "Kva faste postar er det i budsjettet?"))
    assert format_money(1_300_000) in fixed and format_money(200_000) in fixed
    assert "Notert: du hører til Gauldal" in texts(await say(bot, "Vi hører til Gauldal"))


async def test_off_topic_gets_the_fallback_with_an_offer_to_ask(bot: Client) -> None:
    for question in (
        "Hva er lønna til en lærer?",
        "😀",
        "Når er fristen for å søke barnehageplass?",
    ):
        replies = await say(bot, question)
        assert "Det kan jeg ikke svare på" in texts(replies), question
        assert button(replies, "Spør koordinatoren")


async def test_an_unsure_question_gets_mente_du_and_the_choice_is_answered(
    bot: Client, settings: Settings
) -> None:
    suggested = await say(bot, "frist")
    assert "Mente du …?" in texts(suggested)
    [card] = cards(suggested)
    titles = [a["title"] for a in actions(card)]
    assert titles[-1] == "Ingen av disse" and len(titles) == 4

    chosen = await press(bot, button(suggested, titles[0]))
    assert "Frist" in texts(chosen) or "Årshjulet" in texts(chosen)

    none = await press(bot, button(suggested, "Ingen av disse"))
    assert "Det kan jeg ikke svare på" in texts(none)
    engine = create_engine(settings.database_url)
    misses = await QaLog(engine).misses()
    await engine.dispose()
    assert [m.text for m in misses] == ["frist"]


async def test_feedback_is_stored_and_thumbs_down_is_a_miss_listed_by_the_cli(
    bot: Client,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer = await say(bot, "Hva kan pengene brukes til?")
    assert "Takk for tilbakemeldingen" in texts(await press(bot, button(answer, "👍")))
    other = await say(bot, "Hvem er målgruppen for kompetanseløftet?")
    down = await press(bot, button(other, "👎"))
    assert button(down, "Spør koordinatoren")

    monkeypatch.setenv("LAGET_DATABASE_URL", settings.database_url)
    assert await asyncio.to_thread(main, ["qa", "misses"]) == 0
    listed = capsys.readouterr().out
    assert "målgruppen" in listed and "👎" in listed
    assert "pengene brukes" not in listed


async def test_bad_input_gets_a_polite_answer(bot: Client) -> None:
    assert "tom melding" in texts(await say(bot, "   "))
    assert "for lang" in texts(await say(bot, "x" * 10_000))
    assert "kjenner jeg ikke igjen" in texts(await post(bot, activity(value={"action": "ask"})))


async def test_a_question_goes_to_the_coordinator_and_the_answer_comes_back(
    bot: Client, settings: Settings, teams: FakeTeams, fosen_coordinator: str
) -> None:
    coordinator = activity(
        "conversationUpdate",
        membersAdded=[{"id": BOT_ID}],
        conversation="a:coordinator",
        user="29:coordinator",
        service_url=teams.url,
    )
    coordinator["from"]["aadObjectId"] = fosen_coordinator
    await post(bot, coordinator)
    asker: dict[str, Any] = {
        "conversation": "a:asker",
        "user": "29:asker",
        "service_url": teams.url,
    }

    fallback = await say(bot, "Hvor parkerer jeg ved fylkeshuset?", **asker)
    await say(bot, "Jeg hører til Fosen", **asker)
    sent = await post(bot, activity(value=button(fallback, "Spør koordinatoren"), **asker))
    assert "sendt til koordinatorene i Fosen" in texts(sent)

    [question] = await teams.wait_for_posts("a:coordinator")
    card = question.activity["attachments"][0]["content"]
    assert "parkerer jeg ved fylkeshuset" in texts([{"attachments": [{"content": card}]}])
    answer_data = card["actions"][0]["data"]
    reply: dict[str, Any] = {
        "conversation": "a:coordinator",
        "user": "29:coordinator",
        "service_url": teams.url,
    }
    answered = activity(value={**answer_data, "answer": "Nei, det dekkes ikke."}, **reply)
    answered["from"]["aadObjectId"] = fosen_coordinator
    assert "Svaret er sendt" in texts(await post(bot, answered))

    [relayed] = await teams.wait_for_posts("a:asker")
    relayed_card = relayed.activity["attachments"][0]["content"]
    assert "Nei, det dekkes ikke." in texts([{"attachments": [{"content": relayed_card}]}])
    assert "allerede besvart" in texts(await post(bot, answered))
