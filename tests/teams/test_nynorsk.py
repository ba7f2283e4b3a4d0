"""Nynorsk in, nynorsk out: the welcome, the dialogs and the behovsmelding, over HTTP.

The language is the message's own when its words show one, else the user's last such message
(so «ja», «2» and card submits keep it), else the Teams locale; bokmål by default.
"""

from __future__ import annotations

from typing import Any

from tests.activities import BOT_ID, Client, activity, cards, post, say, texts
from tests.needs.test_needs_report import ANSWERS, button, press


async def test_a_nynorsk_greeting_gets_the_nynorsk_welcome(bot: Client) -> None:
    welcome = texts(await say(bot, "Hei, kva kan du hjelpe meg med?"))

    assert "Hei! Eg er Laget" in welcome
    assert "Kva er ramma vår?" in welcome
    assert "Jeg" not in welcome


async def test_the_language_is_remembered_until_the_user_writes_the_other_form(
    bot: Client,
) -> None:
    await say(bot, "Kva kan du?")

    assert "Hei! Eg er Laget" in texts(await say(bot, "hjelp"))
    assert "ikkje noko å avbryte" in texts(await say(bot, "avbryt"))
    assert "Hei! Jeg er Laget" in texts(await say(bot, "Hva kan du?"))
    assert "ikke noe å avbryte" in texts(await say(bot, "avbryt"))
    assert "Hei! Jeg er Laget" in texts(await say(bot, "hei", user="29:someone-else"))


async def test_with_nothing_written_yet_the_teams_locale_decides(bot: Client) -> None:
    install = activity(kind="conversationUpdate", membersAdded=[{"id": BOT_ID}], locale="nn-NO")

    assert "Hei! Eg er Laget" in texts(await post(bot, install))
    assert "Hei! Eg er Laget" in texts(await say(bot, "hei", locale="nn-NO"))
    assert "Hei! Jeg er Laget" in texts(await say(bot, "Hva kan du?", locale="nn-NO"))


async def test_a_step_by_step_behovsmelding_asks_and_corrects_in_nynorsk(bot: Client) -> None:
    started = await say(bot, "Eg vil fylle ut ei ny behovsmelding")
    assert "eitt skjema" in texts(started)

    asked = texts(await press(bot, button(started, "Steg for steg")))  # a card submit
    assert "(1 av 19) Kva eigar sender behovsmeldinga?" in asked

    assert "(2 av 19) Kva slags eigar er det?" in texts(await say(bot, "Ørland kommune"))
    wrong = texts(await say(bot, "ingen aning"))
    assert "Vel ein av: Kommunal, Fylkeskommunal, Privat." in wrong
    assert "Kva kommune ligg eigaren i?" in texts(await say(bot, "1"))
    assert "Kor mange barnehagar" in texts(await say(bot, "Ørland"))
    assert "Skriv eit heilt tal, 0 eller meir." in texts(await say(bot, "mange"))
    assert "Eg spør om eitt felt om gongen" in texts(await say(bot, "hjelp"))
    cancelled = texts(await say(bot, "avbryt"))
    assert "Utkastet er lagra: skriv «fortset behovsmeldinga»" in cancelled
    assert "(4 av 19) Kor mange barnehagar" in texts(await say(bot, "fortset behovsmeldinga"))


async def test_the_card_form_and_its_errors_are_in_nynorsk(bot: Client) -> None:
    started = await say(bot, "Eg vil lage ei ny behovsmelding")
    form = await press(bot, button(started, "Skjema"))
    [card] = cards(form)
    inputs = {e["id"]: e for e in card["body"] if e["type"].startswith("Input.")}

    assert inputs["owner"]["label"] == "Eigar"
    assert inputs["owner"]["errorMessage"] == "Må fyllast ut."
    assert inputs["topics_other"]["label"] == "Andre tema (valfritt)"
    assert ("Alvorleg skulefråvær", "skolefravaer") in [
        (c["title"], c["value"]) for c in inputs["topics"]["choices"]
    ]
    assert "Ikkje skriv personopplysningar om barn" in texts(form)

    flawed = {**ANSWERS, "contact_email": "kari(at)orland", "needs": "for kort"}
    shown = texts(await press(bot, button(form, "Gå vidare"), **flawed))
    assert "2 felt må rettast før du kan gå vidare" in shown
    assert "Skriv ei gyldig e-postadresse" in shown
    assert "Skriv minst 20 teikn." in shown


async def test_a_nynorsk_behovsmelding_is_summed_up_sent_and_listed_in_nynorsk(
    bot: Client,
) -> None:
    started = await say(bot, "Eg vil fylle ut ei behovsmelding")
    form = await press(bot, button(started, "Skjema"))
    named = {**ANSWERS, "needs": "Eleven Ola i 3. klasse treng meir støtte, og fleire som han."}

    summary = await press(bot, button(form, "Gå vidare"), **named)
    assert "Sjå over behovsmeldinga" in texts(summary)
    assert "ser ut til å nemne eit barn ved namn" in texts(summary)
    assert "Private barnehagar/friskular med" in texts(summary)

    receipt = texts(await press(bot, button(summary, "Send inn")))
    assert "Behovsmeldinga er sendt: BM-2027-0001" in receipt
    assert "Eigar" in receipt and "«mine behovsmeldingar»" in receipt

    mine = await say(bot, "mine behovsmeldingar")
    assert "Mine behovsmeldingar" in texts(mine)
    confirm = await press(bot, button(mine, "Trekk tilbake BM-2027-0001"))
    assert "Trekkje tilbake BM-2027-0001?" in texts(confirm)
    withdrawn = await press(bot, button(confirm, "Ja, trekk tilbake"))
    assert "BM-2027-0001 er trekt tilbake." in texts(withdrawn)


async def test_the_profile_dialog_speaks_nynorsk(bot: Client) -> None:
    await say(bot, "Eg vil fortelje kvar eg jobbar")  # a fallback answer, in nynorsk
    asked = await say(bot, "om meg")
    assert "Kvar jobbar du?" in texts(asked)
    assert "Skule" in texts(asked)

    assert "Kva kommune jobbar du i?" in texts(await say(bot, "Skule"))
    assert "Takk! Eg har notert: Skule i Frøya." in texts(await say(bot, "Frøya"))
    assert "Hei! Eg er Laget" in texts(await say(bot, "hjelp"))  # still nynorsk after it


async def test_a_bokmaal_user_gets_bokmaal_everywhere(bot: Client) -> None:
    started = await say(bot, "Jeg vil fylle ut en ny behovsmelding")
    form = await press(bot, button(started, "Skjema"))
    summary = await press(bot, button(form, "Gå videre"), **ANSWERS)
    receipt = texts(await press(bot, button(summary, "Send inn")))

    everything = texts(started) + texts(form) + texts(summary) + receipt
    for nynorsk in ("ikkje", "eitt", "Eigar", "behovsmeldinga", "valfritt", "Sjå"):
        assert nynorsk not in everything, nynorsk
    assert "Behovsmeldingen er sendt: BM-2027-0001" in receipt


async def test_a_nynorsk_question_without_telltale_words_is_answered_in_nynorsk(
    bot: Client,
) -> None:
    await say(bot, "Kva kan du?")

    answer: list[dict[str, Any]] = await say(bot, "frist BG")

    assert "Fristen for avgjerdsgrunnlag" in texts(answer)
