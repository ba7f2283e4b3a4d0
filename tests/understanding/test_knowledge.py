"""The knowledge base: sourced prose in both languages, no typed dates or amounts."""

from __future__ import annotations

import re

import pytest

from bot.scheme import RegionData, format_money
from bot.understanding.intents import (
    CONVERSATION_INTENTS,
    DATA_INTENTS,
    KNOWLEDGE_INTENTS,
    Intent,
    load_examples,
)
from bot.understanding.knowledge import KnowledgeBase, fixed_posts_answer

MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
TYPED_DATE = re.compile(rf"\b\d{{1,2}}\.\s*({MONTHS})\b|\b\d{{1,2}}\.\d{{1,2}}\.", re.IGNORECASE)
TYPED_AMOUNT = re.compile(r"\bkr\b|\d[\d .\u00a0]*(000|kroner)\b|,-")
SEED_FILE = re.compile(r"^00\d_[0-9a-f]{16}\.txt$")


@pytest.mark.parametrize("intent", sorted(KNOWLEDGE_INTENTS), ids=lambda i: i.value)
def test_each_knowledge_answer_cites_a_source_in_both_languages(
    knowledge: KnowledgeBase, intent: Intent
) -> None:
    nb = knowledge.answer(intent, "nb")
    nn = knowledge.answer(intent, "nn")

    assert nb is not None and nn is not None
    assert nb.sources and nb.sources == nn.sources
    assert nb.text != nn.text
    assert any(source.file is not None and SEED_FILE.match(source.file) for source in nb.sources)
    assert nb.with_sources("nb").endswith("; ".join(s.title for s in nb.sources))
    assert "\nKilde" in nb.with_sources("nb") and "\nKjelde" in nn.with_sources("nn")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_no_prose_types_a_date_or_an_amount(knowledge: KnowledgeBase, lang: str) -> None:
    for text in knowledge.texts():
        assert not TYPED_DATE.search(text), text
        assert not TYPED_AMOUNT.search(text), text


def test_intents_answered_from_data_have_no_prose(knowledge: KnowledgeBase) -> None:
    assert all(knowledge.answer(intent) is None for intent in DATA_INTENTS)
    assert all(knowledge.answer(intent) is not None for intent in CONVERSATION_INTENTS)


def test_egenandel_says_no_source_sets_one(knowledge: KnowledgeBase) -> None:
    nb = knowledge.answer(Intent.EGENANDEL, "nb")
    nn = knowledge.answer(Intent.EGENANDEL, "nn")

    assert nb is not None and nn is not None
    assert "Ingen kilde setter en egenandel for Kompetanseløftet" in nb.text
    assert "Dekom" in nb.text
    assert "Inga kjelde set ein eigenandel for Kompetanseløftet" in nn.text


def test_unknown_answers_say_so_and_who_to_ask(knowledge: KnowledgeBase) -> None:
    nb = knowledge.answer(Intent.UNKNOWN_ANSWER, "nb")
    nn = knowledge.answer(Intent.UNKNOWN_ANSWER, "nn")

    assert nb is not None and nn is not None
    assert nb.text.startswith("Det vet jeg ikke.")
    assert "koordinatoren" in nb.text and "Statsforvalteren" in nb.text
    assert nn.text.startswith("Det veit eg ikkje.")
    assert "Statsforvaltaren" in nn.text


def test_the_fallback_lists_what_the_bot_covers(knowledge: KnowledgeBase) -> None:
    assert "frister" in knowledge.fallback("nb") and "«" in knowledge.fallback("nb")
    assert "fristar" in knowledge.fallback("nn") and "«" in knowledge.fallback("nn")


def test_every_in_scope_intent_has_a_label(knowledge: KnowledgeBase) -> None:
    for intent in Intent:
        if intent is not Intent.OUT_OF_SCOPE:
            assert knowledge.label(intent, "nb") and knowledge.label(intent, "nn")


def test_fixed_posts_are_formatted_from_the_data(region: RegionData) -> None:
    posts = region.fixed_posts
    nb = fixed_posts_answer(region, "nb")
    nn = fixed_posts_answer(region, "nn")

    assert format_money(posts.moetevirksomhet) in nb.text
    assert format_money(posts.ppt_ledernettverket) in nb.text
    assert "Trondheim/Malvik" in nb.text
    total = posts.koordinering_per_network * len(region.networks)
    total += sum(posts.koordinering_extra.values())
    assert f"til sammen {format_money(total)}" in nb.text
    assert f"til saman {format_money(total)}" in nn.text
    assert nb.sources[0].title == region.source


def test_fixed_posts_follow_new_data(region: RegionData) -> None:
    changed = region.fixed_posts.model_copy(update={"moetevirksomhet": 450_000})
    answer = fixed_posts_answer(region.model_copy(update={"fixed_posts": changed}))

    assert format_money(450_000) in answer.text


def test_every_intent_has_between_10_and_50_examples_in_both_languages() -> None:
    examples = load_examples()
    for intent in Intent:
        mine = [e for e in examples if e.intent is intent]
        assert {e.lang for e in mine} == {"nb", "nn"}
        assert len(mine) >= 10
