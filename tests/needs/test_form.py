"""The behovsmelding's rules: parsing answers, and the personal data guard."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.needs.answers import parse_answer
from bot.needs.form import FIELD_BY_NAME, FIELDS, NeedsReport, display_value
from bot.scheme.privacy import contains_national_id, is_national_id, mentions_child_by_name

VALID_ID = "01019000083"  # made up; valid check digits


def test_national_ids_are_recognised_by_their_check_digits() -> None:
    assert is_national_id(VALID_ID)
    assert not is_national_id("01019000084")  # one digit off
    assert contains_national_id(f"fnr {VALID_ID[:6]} {VALID_ID[6:]} i teksten")
    assert not contains_national_id("telefon 12345678901 og orgnr 123456789")


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_a_number_with_a_wrong_second_check_digit_is_never_an_id(digits: str) -> None:
    wrong = digits[:10] + str((int(digits[10]) + 1) % 10)
    assert not (is_national_id(digits) and is_national_id(wrong))


def test_child_names_are_warned_about_but_places_are_not() -> None:
    assert mentions_child_by_name("Eleven Ola trenger støtte")
    assert mentions_child_by_name("Kari (7 år) har ADHD")
    assert mentions_child_by_name("Jonas i 3. klasse")
    assert not mentions_child_by_name("Vi i Orkland kommune har 12 skoler og mange barn")


def test_answers_parse_as_people_type_them() -> None:
    assert parse_answer(FIELD_BY_NAME["skoler"], " 12 ").value == 12
    assert parse_answer(FIELD_BY_NAME["skoler"], "tolv").error == "Skriv et helt tall, 0 eller mer."
    assert parse_answer(FIELD_BY_NAME["owner_type"], "privat").value == "privat"
    assert parse_answer(FIELD_BY_NAME["owner_type"], "2").value == "fylkeskommunal"
    assert parse_answer(FIELD_BY_NAME["period"], "3 år").value == 3
    assert parse_answer(FIELD_BY_NAME["period"], "4").error is not None
    assert parse_answer(FIELD_BY_NAME["topics"], "1, 10 og ask").value == [
        "adhd",
        "skolefravaer",
        "ask",
    ]
    assert parse_answer(FIELD_BY_NAME["includes_private"], "Ja").value is True
    assert parse_answer(FIELD_BY_NAME["topics_other"], "nei").value == ""
    assert parse_answer(FIELD_BY_NAME["contact_email"], "kari@x").error is not None
    assert parse_answer(FIELD_BY_NAME["owner"], "").error == "Må fylles ut."


def test_an_id_number_is_refused_in_every_field() -> None:
    for spec in FIELDS:
        assert "fødselsnummer" in (parse_answer(spec, f"x {VALID_ID}").error or ""), spec.name


def test_a_complete_report_validates_and_displays_in_norwegian() -> None:
    answers = {
        "owner": "Osen kommune",
        "owner_type": "kommunal",
        "municipality": "Osen",
        "barnehager": 1,
        "skoler": 1,
        "sfo": 1,
        "ppt": 0,
        "topics": ["ask"],
        "needs": "Behov for kompetanse på ASK i barnehage og skole.",
        "assessment": "Drøftet i ledermøter og med PPT våren 2026.",
        "target_groups": "Barnehagelærere",
        "participants": 15,
        "plans": "Oppvekstplanen",
        "includes_private": False,
        "uh_partner": "ntnu",
        "period": 1,
        "contact_name": "Per Osen",
        "contact_email": "per@osen.kommune.no",
    }

    report = NeedsReport.model_validate(answers)

    assert report.topics == ["ask"]
    assert display_value(FIELD_BY_NAME["includes_private"], False) == "Nei"
    assert display_value(FIELD_BY_NAME["uh_partner"], "ntnu") == "NTNU"
    assert display_value(FIELD_BY_NAME["topics_other"], "") == "–"
