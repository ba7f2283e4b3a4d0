"""The load's building blocks: answers, replies, percentiles."""

from __future__ import annotations

from bot.bench.load import (
    QUESTIONS,
    QUESTIONS_NB,
    Plan,
    answers_for,
    button_data,
    percentile,
    question_marker,
    shown,
)
from bot.needs.form import FIELDS


def test_every_field_gets_an_answer_and_reports_are_told_apart() -> None:
    assert len(answers_for(1)) == len(FIELDS)
    assert answers_for(1) != answers_for(2)
    assert question_marker(0) == f"(1 av {len(FIELDS)})"


def test_a_buttons_data_is_found_in_a_card_reply() -> None:
    data = {"action": "needs", "op": "steps", "report": 7, "version": 1}
    button = {"type": "Action.Submit", "title": "Steg for steg", "data": data}
    card = {"body": [], "actions": [button]}
    replies = [{"text": "Ny", "attachments": [{"content": card}]}]
    in_body = {"body": [{"type": "ActionSet", "actions": [button]}]}

    assert button_data(replies, "Steg for steg") == data
    assert button_data([{"attachments": [{"content": in_body}]}], "Steg for steg") == data
    assert button_data(replies, "Skjema") is None
    assert "Steg for steg" in shown(replies)


def test_percentiles_are_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]

    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([3.0], 0.95) == 3.0
    assert percentile([], 0.5) == 0.0


def test_clients_alternate_between_the_servers_of_a_plan() -> None:
    one = Plan("http://a/api/messages", "qa", 4, 1, "p")
    two = Plan("http://a/api/messages", "qa", 4, 1, "p", more_urls=("http://b/api/messages",))

    assert {one.url_of(n) for n in range(4)} == {"http://a/api/messages"}
    assert [two.url_of(n)[7] for n in range(4)] == ["a", "b", "a", "b"]


def test_the_bokmal_scenario_keeps_to_bokmal_and_expects_real_answers() -> None:
    assert QUESTIONS_NB[0] == QUESTIONS[0]
    assert QUESTIONS_NB[1] == (
        "Når er fristen for beslutningsgrunnlaget?",
        "Frist: Beslutningsgrunnlag",
    )
