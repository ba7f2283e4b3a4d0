"""The scheme's own words explained (issue 14) over the Bot Framework protocol, in bokmål and
nynorsk: what a behovsmelding and the beslutningsgrunnlag are, that there is no application,
that UH must take part, money for measures against alvorlig skolefravær, and keeping within
the frame. Each answer says its key facts and cites its source; near-misses are not taken
for them."""

from __future__ import annotations

from typing import Any

import pytest

from bot.scheme import Lang
from bot.understanding.intents import Intent
from bot.understanding.knowledge import KnowledgeBase
from tests.activities import Client, cards, say, texts

KNOWLEDGE = KnowledgeBase()
PLAN = "Langsiktig plan for Kompetanseløftet i Trøndelag 2024–2026"
SOURCE_LINE = {"nb": f"Kilde: {PLAN}", "nn": f"Kjelde: {PLAN}"}


def _shown(replies: list[dict[str, Any]]) -> tuple[str, str]:
    """The one answer card's title, and everything the replies show."""
    [card] = cards(replies)
    return card["body"][0]["text"], texts(replies)


async def _asked(bot: Client, question: str, intent: Intent, lang: Lang) -> str:
    """Ask, check the answer is `intent`'s with its source line, and return what is shown."""
    title, shown = _shown(await say(bot, question))
    assert title == KNOWLEDGE.label(intent, lang), (question, title)
    assert "👍" in shown and "👎" in shown
    return shown


# (question, language, facts the answer must say), facts in the question's language.
NEEDS_REPORT = [
    (
        "Hva er en behovsmelding?",
        "nb",
        [
            "eierens melding til kompetansenettverket",
            "hvert nettverk setter fristen selv",
            "«eventuell» behovsmelding",
            "ønsket UH-partner",
            "periode (1–3 år) og kontaktperson",
            "feltene er Lagets valg, ut fra planen og praksis i andre fylker",
            "personopplysninger om barn",
            "Skriv «ny behovsmelding»",
        ],
    ),
    (
        "Kva er ei behovsmelding?",
        "nn",
        [
            "meldinga frå eigaren til kompetansenettverket",
            "kvart nettverk set fristen sjølv",
            "«eventuell» behovsmelding",
            "ønskt UH-partnar",
            "felta er valet til Laget, ut frå planen og praksis i andre fylke",
            "Skriv «ny behovsmelding»",
        ],
    ),
]


@pytest.mark.parametrize(("question", "lang", "facts"), NEEDS_REPORT, ids=["nb", "nn"])
async def test_what_a_behovsmelding_is(
    bot: Client, question: str, lang: Lang, facts: list[str]
) -> None:
    shown = await _asked(bot, question, Intent.NEEDS_REPORT, lang)

    for fact in [*facts, SOURCE_LINE[lang]]:
        assert fact in shown, fact


DECISION_BASIS = [
    (
        "Hva er beslutningsgrunnlaget?",
        "nb",
        [
            "(ofte kalt BG)",
            "partnerskapet sender til samarbeidsforum",
            "innenfor nettverkets forhåndstildelte ramme",
            "de fire kriteriene",
            "budsjettlinjer (eier, UH, koordinering)",
            "plan for evaluering",
            "Koordinatorer skriver «beslutningsgrunnlag»",
        ],
    ),
    (
        "Kva er avgjerdsgrunnlaget?",
        "nn",
        [
            "(ofte kalla BG)",
            "partnarskapet sender til samarbeidsforum",
            "innanfor den førehandstildelte ramma",
            "dei fire kriteria",
            "Koordinatorar skriv «avgjerdsgrunnlag»",
        ],
    ),
    ("Hva er BG?", "nb", ["partnerskapet sender til samarbeidsforum"]),
]


@pytest.mark.parametrize(("question", "lang", "facts"), DECISION_BASIS, ids=["nb", "nn", "BG"])
async def test_what_the_beslutningsgrunnlag_is(
    bot: Client, question: str, lang: Lang, facts: list[str]
) -> None:
    shown = await _asked(bot, question, Intent.DECISION_BASIS, lang)

    for fact in [*facts, SOURCE_LINE[lang]]:
        assert fact in shown, fact


APPLYING_NB = [
    "Søknadsfrist?",
    "Når er søknadsfristen?",
    "Hvem kan søke?",
    "Hvor søker vi?",
    "Hvordan søker vi om midler?",
]
APPLYING_NN = ["Kva er søknadsfristen?", "Kven kan søkje?", "Korleis søkjer me om midlar?"]


@pytest.mark.parametrize("question", APPLYING_NB)
async def test_application_words_are_explained_in_the_schemes_terms(
    bot: Client, question: str
) -> None:
    shown = await _asked(bot, question, Intent.HOW_TO_APPLY, "nb")

    for fact in (
        "ingen søknad og ingen søknadsfrist i vanlig forstand",
        "fordeler midlene til kompetansenettverkene som rammer",
        "melde behov til nettverket sitt i en behovsmelding",
        "sender et beslutningsgrunnlag til samarbeidsforum",
        "private barnehage- og skoleeiere på lik linje",
        "i partnerskap med universiteter og høgskoler (UH)",
        f"Kilder: {PLAN}",
    ):
        assert fact in shown, fact


@pytest.mark.parametrize("question", APPLYING_NN)
async def test_application_words_are_explained_in_nynorsk(bot: Client, question: str) -> None:
    shown = await _asked(bot, question, Intent.HOW_TO_APPLY, "nn")

    for fact in (
        "ingen søknad og ingen søknadsfrist i vanleg forstand",
        "sender eit avgjerdsgrunnlag til samarbeidsforum",
        "private barnehage- og skuleeigarar på lik linje",
        f"Kjelder: {PLAN}",
    ):
        assert fact in shown, fact


@pytest.mark.parametrize(
    ("question", "lang"),
    [("Må vi ha med et universitet?", "nb"), ("Må me ha med ein høgskule?", "nn")],
)
async def test_a_university_or_college_must_take_part(
    bot: Client, question: str, lang: Lang
) -> None:
    shown = await _asked(bot, question, Intent.UH_PARTNER, lang)

    yes = "Ja. Ett av de fire kriteriene" if lang == "nb" else "Ja. Eitt av dei fire kriteria"
    partnership = "i partnerskap mellom" if lang == "nb" else "i partnarskap mellom"
    for fact in (yes, partnership, "DMMH, Nord universitet og NTNU", "SEPU", SOURCE_LINE[lang]):
        assert fact in shown, fact


@pytest.mark.parametrize(
    ("question", "lang", "facts"),
    [
        (
            "Kan vi få midler til tiltak mot alvorlig skolefravær?",
            "nb",
            [
                "Alvorlig skolefravær er en av de høyfrekvente utfordringene",
                "de fire kriteriene",
                "arbeidsplassbasert kompetanseutvikling med kollektive prosesser",
                "partnerskap med UH",
                "ikke til oppfølging av enkeltelever",
            ],
        ),
        (
            "Kan me få midlar til tiltak mot alvorleg skulefråvær?",
            "nn",
            [
                "Alvorleg skulefråvær er ei av dei høgfrekvente utfordringane",
                "dei fire kriteria",
                "ikkje til oppfølging av einskilde elevar",
            ],
        ),
    ],
    ids=["nb", "nn"],
)
async def test_money_for_measures_against_alvorlig_skolefravaer(
    bot: Client, question: str, lang: Lang, facts: list[str]
) -> None:
    shown = await _asked(bot, question, Intent.SCHOOL_ABSENCE, lang)

    for fact in [*facts, SOURCE_LINE[lang]]:
        assert fact in shown, fact


@pytest.mark.parametrize(
    ("question", "lang", "facts"),
    [
        (
            "Må vi holde oss innenfor rammen?",
            "nb",
            ["Ja.", "forholde seg til den forhåndstildelte rammen", "det kan ikke sendes slik"],
        ),
        (
            "Må me halde oss innanfor ramma?",
            "nn",
            ["Ja.", "halde seg til den førehandstildelte ramma", "det kan ikkje sendast slik"],
        ),
    ],
    ids=["nb", "nn"],
)
async def test_the_beslutningsgrunnlag_stays_within_the_frame(
    bot: Client, question: str, lang: Lang, facts: list[str]
) -> None:
    shown = await _asked(bot, question, Intent.WITHIN_FRAME, lang)

    for fact in [*facts, SOURCE_LINE[lang]]:
        assert fact in shown, fact


# Questions with the same words that ask something else: (question, the label it must not get).
NEAR_MISSES = [
    ("Når er fristen for behovsmeldingen?", Intent.NEEDS_REPORT),
    ("Kva tid er fristen for avgjerdsgrunnlaget?", Intent.DECISION_BASIS),
    ("Hvem sender beslutningsgrunnlaget?", Intent.DECISION_BASIS),
    ("Hva er rammen til Fosen?", Intent.WITHIN_FRAME),
    ("Kan vi få midler til tiltak om ADHD?", Intent.SCHOOL_ABSENCE),
    ("Må vi ha med Statped?", Intent.UH_PARTNER),
    ("Hvilke universiteter deltar i Inkluderende praksis?", Intent.UH_PARTNER),
]


@pytest.mark.parametrize(("question", "not_as"), NEAR_MISSES)
async def test_a_near_miss_is_not_answered_as_the_new_answers(
    bot: Client, question: str, not_as: Intent
) -> None:
    [card] = cards(await say(bot, question))

    assert card["body"][0]["text"] not in (
        KNOWLEDGE.label(not_as, "nb"),
        KNOWLEDGE.label(not_as, "nn"),
    )


@pytest.mark.parametrize(
    "question",
    [
        "Når er søknadsfristen for barnehageplass?",
        "Hvordan søker vi om tilskudd til leirskole?",
        "Hvordan registrerer jeg fravær i Visma?",
    ],
)
async def test_application_and_absence_words_outside_the_scheme_fall_back(
    bot: Client, question: str
) -> None:
    shown = texts(await say(bot, question))

    assert "Det kan jeg ikke svare på" in shown, question
    assert "ingen søknad" not in shown and "Alvorlig skolefravær" not in shown
