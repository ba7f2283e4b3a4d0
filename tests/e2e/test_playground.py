"""A Teams user's day with Laget, in the Microsoft 365 Agents Playground driven by Chromium.

`laget serve` runs on a fresh SQLite database, the Agents Playground (npm, pinned in
e2e/package.json) speaks to it as Teams does, and Playwright clicks and types in the
Playground's page like a person: the welcome card on install, a question answered with a card,
a behovsmelding filled in and sent through the card form, a deadline reminder for the
beslutningsgrunnlag arriving in the team's General channel after a coordinator linked it, the
coordinator writing and sending the beslutningsgrunnlag through its cards in the 1:1 chat (the
channel told at once), the channel's reminder card updated in place to «Levert» by the next
reminder pass, and, once an administrator has registered Fosen's decided frame through its card,
the vedtak announced in the channel by the pass after. Screenshots go to artifacts/e2e/.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest
from openpyxl import load_workbook

from bot.scheme import load_region, oslo_today
from bot.scheme.calendar import current_cycle_year
from tests.e2e import tools
from tests.e2e.conftest import Chromium

if TYPE_CHECKING:
    from playwright.async_api import Locator, Page, Route, ViewportSize, WebSocket

COMPOSE = '[data-lexical-editor="true"][role="textbox"]'
CARD = ".ac-adaptiveCard"
PLAYGROUND = "Microsoft 365 Agents Playground"


@dataclass
class Stack:
    """Laget and the Agents Playground, running on free loopback ports."""

    laget: tools.Service
    playground: tools.Service
    playground_url: str
    command: str  # Laget's CLI
    env: dict[str, str]  # for Laget's CLI: the same database
    cwd: Path

    async def cli(self, *args: str) -> str:
        """Run `laget ARGS` against the running Laget's database; its output."""
        return await tools.run([self.command, *args], env=self.env, cwd=self.cwd)

    def check_running(self) -> None:
        self.laget.check_running()
        self.playground.check_running()

    def logs(self) -> str:
        return f"{self.laget.tail()}\n{self.playground.tail()}"


async def _healthy(url: str) -> bool:
    try:
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            return response.status == 200
    except aiohttp.ClientError:
        return False


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[Stack]:
    """`laget serve` on a temporary SQLite database and the Playground pointed at it."""
    node = tools.node()
    cli = tools.npm_file(tools.PLAYGROUND_CLI)
    laget = Path(sys.executable).with_name("laget")
    assert laget.exists(), f"{laget} is missing: install the project (make run or make test)"
    laget_port, playground_port = tools.free_port(), tools.free_port()
    env = tools.environment(
        LAGET_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'laget.db'}",
        LAGET_REMINDER_INTERVAL="0",
        LAGET_LOG_LEVEL="INFO",
        MicrosoftAppId="",  # authentication off, whatever a developer's .env says
        MicrosoftAppPassword="",
        LAGET_ALLOWED_TENANTS="",
        LAGET_PUBLIC_URL=f"http://127.0.0.1:{laget_port}",  # where download links point
    )
    # Both run in tmp_path: no .env of the checkout is read, the Playground's devTools/ log
    # lands there.
    services = [
        tools.start_service(
            "laget serve",
            [str(laget), "serve", "--host", "127.0.0.1", "--port", str(laget_port)],
            env=env,
            cwd=tmp_path,
            log=tmp_path / "laget.log",
        )
    ]
    playground_url = f"http://127.0.0.1:{playground_port}"
    try:
        services.append(
            tools.start_service(
                "Agents Playground",
                [
                    node,
                    str(cli),
                    "start",
                    "-e",
                    f"http://127.0.0.1:{laget_port}/api/messages",
                    "-c",
                    "msteams",
                    "-p",
                    str(playground_port),
                    "--service-url",
                    f"{playground_url}/_connector",
                    "--disable-telemetry",
                ],
                env=tools.environment(
                    TEAMSAPPTESTER_BROWSER="none",
                    M365_AGENTS_PLAYGROUND_CONFIG_PATH=str(tools.PLAYGROUND_CONFIG),
                ),
                cwd=tmp_path,
                log=tmp_path / "playground.log",
            )
        )
        running = Stack(services[0], services[1], playground_url, str(laget), env, tmp_path)

        async def ready() -> bool:
            running.check_running()
            return await _healthy(f"http://127.0.0.1:{laget_port}/healthz") and (
                await tools.port_open(playground_port)
            )

        await tools.wait_until(ready, timeout=90, what="Laget's /healthz and the Playground")
        yield running
    finally:
        for service in reversed(services):
            service.stop()


@dataclass
class PlaygroundLog:
    """The activities the Playground sent to Laget, read from its page's log stream."""

    requests: list[dict[str, Any]] = field(default_factory=list)

    def watch(self, socket: WebSocket) -> None:
        if "/_ws/log/" in socket.url:
            socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        try:
            message = json.loads(payload)
        except ValueError:
            return
        log = message.get("log") if isinstance(message, dict) else None
        if isinstance(log, dict) and log.get("from") == PLAYGROUND:
            body = (log.get("request") or {}).get("body")
            if isinstance(body, dict):
                self.requests.append(body)

    def sent(self, kind: str) -> list[dict[str, Any]]:
        return [body for body in self.requests if body.get("type") == kind]


@dataclass
class Journey:
    """The Playground's page, with a person's actions and a screenshot per step."""

    page: Page
    shots: Path
    log: PlaygroundLog

    async def say(self, text: str) -> None:
        box = self.page.locator(COMPOSE)
        await box.click()
        await box.press_sequentially(text)
        await box.press("Enter")

    def card(self, text: str | re.Pattern[str]) -> Locator:
        """The newest card showing `text`."""
        return self.page.locator(CARD).filter(has_text=text).last

    def titled(self, title: str) -> Locator:
        """The newest card with exactly this line of text (its title)."""
        exact = self.page.get_by_text(title, exact=True)
        return self.page.locator(CARD).filter(has=exact).last

    async def press(self, card: Locator, title: str) -> Locator:
        """Press the button `title` on `card`; the first card Laget answers with."""
        cards = self.page.locator(CARD)
        before = await cards.count()
        await card.get_by_role("button", name=title, exact=True).click()

        async def answered() -> bool:
            return await cards.count() > before

        await tools.wait_until(answered, timeout=20, what=f"Laget's card after «{title}»")
        return cards.nth(before)

    async def conversation(self, name: str | re.Pattern[str]) -> None:
        """Open a conversation of the Playground's side bar (a chat or a team's channel)."""
        await self.page.get_by_role("treeitem", name=name).click()

    async def shot(self, name: str, element: Locator | None = None) -> None:
        """A screenshot of the page, with `element` in view (the window grown to hold it)."""
        viewport = self.page.viewport_size
        box = await element.bounding_box() if element is not None else None
        if viewport is not None and box is not None and box["height"] > viewport["height"] - 200:
            tall: ViewportSize = {"width": viewport["width"], "height": int(box["height"]) + 400}
            await self.page.set_viewport_size(tall)
        if element is not None:
            await element.scroll_into_view_if_needed()
            # All of it, not just its top (a card under a newer post, at a channel's end).
            now, box = self.page.viewport_size, await element.bounding_box()
            if (
                now is not None
                and box is not None
                and box["y"] + box["height"] + 40 > now["height"]
            ):
                grown: ViewportSize = {
                    "width": now["width"],
                    "height": int(box["y"] + box["height"]) + 40,
                }
                await self.page.set_viewport_size(grown)
                await element.scroll_into_view_if_needed()
        await self.page.screenshot(path=self.shots / f"{name}.png")
        if viewport is not None:
            await self.page.set_viewport_size(viewport)


async def fill_the_form(journey: Journey, form: Locator) -> None:
    """Fill every input of the rendered behovsmelding card, as a person would."""
    page = journey.page

    async def text(label: str, value: str) -> None:
        await form.get_by_role("textbox", name=label, exact=True).fill(value)

    async def number(label: str, value: str) -> None:
        await form.get_by_role("spinbutton", name=label, exact=True).fill(value)

    async def choose(label: str, option: str) -> None:
        await form.get_by_role("combobox", name=label, exact=True).click()
        await page.get_by_role("option", name=option, exact=True).click()

    await text("Eier", "Ørland kommune")
    await choose("Type eier", "Kommunal")
    await text("Kommune", "Ørland")
    for label, value in (
        ("Antall barnehager", "6"),
        ("Antall skoler", "4"),
        ("Antall SFO", "4"),
        ("Antall PP-tjenester", "1"),
        ("Antall deltakere (anslag)", "120"),
    ):
        await number(label, value)
    await form.get_by_role("checkbox", name="Tema Lese- og skrivevansker").check()
    await form.get_by_role("checkbox", name="Tema Alvorlig skolefravær").check()
    await text("Behovene", "Lærerne trenger mer kunnskap om tidlig innsats i lesing og fravær.")
    await text("Slik ble behovene vurdert", "Kartlagt i personalmøter med ledere og ansatte.")
    await text("Målgrupper", "Lærere, barnehagelærere og PPT")
    await text("Kobling til eierens planer", "Kompetanseplan for oppvekst 2026–2029")
    await form.get_by_role("checkbox", name="Private barnehager/friskoler med Ja").check()
    await choose("Ønsket UH-partner", "NTNU")
    await choose("Periode", "2 år")
    await text("Kontaktperson", "Kari Nordmann")
    await text("E-post til kontaktperson", "kari.nordmann@orland.kommune.no")


async def fill_the_decision_basis(journey: Journey, summary: Locator) -> Locator:
    """Fill every part of the beslutningsgrunnlag through its cards (one tiltak, within Fosen's
    frame), as a person would; the summary card after the last «Lagre»."""

    async def fill(form: Locator, answers: dict[str, str]) -> None:
        for label, value in answers.items():
            await form.get_by_role("textbox", name=label, exact=True).fill(value)

    header = await journey.press(summary, "Endre: Partnerskapet")
    await header.get_by_role("checkbox", name="UH-partner(e) NTNU").check()
    await header.get_by_role("checkbox", name="Deltakende eiere (kommuner) Ørland").check()
    await header.get_by_role("checkbox", name="Deltakende eiere (kommuner) Osen").check()
    summary = await journey.press(header, "Lagre")

    measure = await journey.press(summary, "Legg til tiltak")
    await measure.get_by_role("checkbox", name="Tema Alvorlig skolefravær").check()
    await fill(
        measure,
        {
            "Mål": "Felles forståelse av skolefravær og tidlig innsats i hele laget rundt eleven.",
            "Målgruppe": "Lærere og PPT",
            "Slik er tiltaket tverrfaglig": "Skole, PPT og helsesykepleier arbeider sammen.",
            "Eierens rolle": "Forankrer og setter av tid",
            "UH sin rolle": "NTNU leder samlingene",
            "Fra måned": "mars 2027",
            "Til måned": "desember 2027",
            "Budsjett eier (kr)": "200 000",
            "Budsjett UH (kr)": "300 000",
            "Budsjett koordinering (kr)": "50 000",
        },
    )
    await journey.shot("09-beslutningsgrunnlag-tiltak", measure)
    summary = await journey.press(measure, "Lagre")

    conditions = await journey.press(summary, "Endre: De fire vilkårene")
    await fill(
        conditions,
        {
            "1. Lokalt definerte behov": "Tiltaket bygger på ståstedsanalysene høsten 2026.",
            "2. Barnehage- og skolebasert": "Alt arbeid skjer i personalgruppene, i team.",
            "3. Partnerskap med UH": "NTNU og eierne planla tiltaket sammen i tre møter.",
            "4. Tverrfaglig tilnærming": "PPT, skole og barnehage deltar i alle samlingene.",
        },
    )
    summary = await journey.press(conditions, "Lagre")

    evaluation = await journey.press(summary, "Endre: Evaluering")
    await fill(evaluation, {"Evalueringsplan": "Spørreundersøkelse før og etter, og logg."})
    return await journey.press(evaluation, "Lagre")


async def test_welcome_question_behovsmelding_and_a_reminder_in_the_channel(
    chromium: Chromium, stack: Stack
) -> None:
    context = await chromium.context(width=1400, height=1000)
    page = await context.new_page()
    journey = Journey(page, tools.artifacts("e2e"), PlaygroundLog())
    page.on("websocket", journey.log.watch)
    try:
        await walk_through(journey, stack)
    except BaseException as error:
        await page.screenshot(path=journey.shots / "failure.png")
        error.add_note(stack.logs())
        raise
    finally:
        (journey.shots / "blocked-requests.txt").write_text("\n".join(chromium.blocked) + "\n")
        await context.close()


async def walk_through(journey: Journey, stack: Stack) -> None:
    page = journey.page
    await page.goto(stack.playground_url)

    # 1. Opening the chat installs Laget: the Playground sends installationUpdate and
    # conversationUpdate (membersAdded), and the welcome card arrives with nothing typed.
    welcome = journey.titled("Hei! Jeg er Laget")
    await welcome.wait_for(timeout=60_000)
    await journey.shot("01-welcome", welcome)

    async def installed() -> bool:
        return bool(journey.log.sent("installationUpdate"))

    await tools.wait_until(installed, timeout=10, what="the installationUpdate in the log")
    # The Azure AD object id the Playground sends for its user (e2e/playground.yml sets it).
    person = journey.log.sent("installationUpdate")[0]["from"]["aadObjectId"]

    # 2. A question, answered with a card.
    year = current_cycle_year(load_region(None), datetime.now(UTC))
    await journey.say("Hva er rammen til Fosen?")
    frame = journey.titled(f"Rammen til Fosen for {year}")
    await frame.wait_for()
    await journey.shot("02-question-frame", frame)

    # 3. A behovsmelding, completed through the card form.
    await journey.say("ny behovsmelding")
    offer = journey.titled("Ny behovsmelding")
    await offer.get_by_role("button", name="Skjema").click()
    form = journey.card("Ikke skriv personopplysninger om barn")
    await form.get_by_role("button", name="Gå videre").wait_for()
    await fill_the_form(journey, form)
    await journey.shot("03-behovsmelding-form", form)
    await form.get_by_role("button", name="Gå videre").click()
    summary = journey.titled("Se over behovsmeldingen")
    await summary.get_by_role("button", name="Send inn").wait_for()
    await journey.shot("04-behovsmelding-summary", summary)
    await summary.get_by_role("button", name="Send inn").click()
    receipt = journey.card(re.compile(r"Behovsmeldingen er sendt: BM-\d{4}-\d{4}"))
    await receipt.wait_for()
    await journey.shot("05-behovsmelding-receipt", receipt)

    # 4. The user becomes Fosen's coordinator and downloads the network's spreadsheet from
    # the status card: «Last ned regneark», then the card's link, which the browser follows.
    await stack.cli("roles", "grant", "coordinator", person, "--network", "Fosen")
    await journey.say("jeg hører til Fosen")
    await page.get_by_role("paragraph").filter(has_text="du hører til Fosen").last.wait_for()
    await journey.say("status for nettverket")
    status = journey.titled("Behovsmeldinger i Fosen")
    await status.get_by_role("button", name="Last ned regneark").click()
    offered = journey.card("Lenken virker én gang")
    opener = offered.get_by_text("Åpne regnearket", exact=True)  # an OpenUrl: a link, not a button
    await opener.wait_for()
    await journey.shot("06-export-link", offered)
    downloaded: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()

    async def keep(route: Route) -> None:
        response = await route.fetch()
        if not downloaded.done():
            downloaded.set_result(await response.body())
        await route.fulfill(response=response)

    await page.context.route("**/exports/**", keep)
    async with page.context.expect_page():
        await opener.click()
    workbook = load_workbook(io.BytesIO(await asyncio.wait_for(downloaded, 30)))
    assert workbook.active is not None and workbook.active.max_row == 2  # header + the report

    # 5. The coordinator links the team's General channel; a reminder pass posts there.
    await page.get_by_role("treeitem", name=re.compile(r" - General$")).click()
    post = page.locator(COMPOSE).first
    await post.click()
    await post.press_sequentially("@")
    mentions = page.get_by_role("listbox", name="Typeahead menu")
    await mentions.get_by_role("menuitem", name=re.compile(r"^Laget")).click()
    await post.press_sequentially(" koble denne kanalen til Fosen")
    await page.get_by_role("button", name="Post", exact=True).click()
    # (The Log Panel repeats the text in a span; the chat shows it as a paragraph.)
    linked = page.get_by_role("paragraph").filter(has_text="Denne kanalen er nå koblet til Fosen")
    await linked.wait_for()
    await journey.shot("07-channel-linked")

    sent = await stack.cli("reminders", "send", "--at", "2027-01-11T09:00")
    assert re.search(r"sendt: [1-9]", sent), sent  # to General and the coordinator's 1:1 chat
    reminder = journey.titled("Påminnelse: Beslutningsgrunnlag")
    await reminder.wait_for()
    await reminder.get_by_text("Fosen", exact=True).wait_for()
    await journey.shot("08-reminder-in-general", reminder)

    # 6. In the 1:1 chat the coordinator writes the beslutningsgrunnlag through its cards (each
    # part's form, then «Lagre») and sends it; that marks the reminders' step done for Fosen.
    await journey.conversation(re.compile(r"^Personal Chat"))
    await journey.say("beslutningsgrunnlag")
    opened = journey.titled(f"Beslutningsgrunnlag for Fosen {year}")
    await opened.get_by_text("Utkast, ikke sendt", exact=True).wait_for()
    summary = await fill_the_decision_basis(journey, opened)
    await summary.get_by_text(re.compile(r"^Alt er fylt ut\.")).wait_for()
    await journey.shot("10-beslutningsgrunnlag-summary", summary)
    confirm = await journey.press(summary, "Send inn")
    await confirm.get_by_text("Sende beslutningsgrunnlaget til samarbeidsforum?").wait_for()
    receipt = await journey.press(confirm, "Ja, send til samarbeidsforum")
    await receipt.get_by_text(f"Sendt til samarbeidsforum: BG-{year}-0001").wait_for()
    await receipt.get_by_text("Påminnelsene om beslutningsgrunnlaget stopper for Fosen.").wait_for()
    await journey.shot("11-beslutningsgrunnlag-receipt", receipt)

    # 7. The channel was told at once; its reminder card still asks until the next pass.
    await journey.conversation(re.compile(r" - General$"))
    notice = journey.titled(f"Fosen har sendt beslutningsgrunnlaget for {year}")
    await notice.wait_for()
    await journey.shot("12-beslutningsgrunnlag-notice-in-general", notice)

    # 8. The next pass updates the reminder card in place (the same message, no new post) to
    # show that the network is done, its buttons gone.
    cards_before = await page.locator(CARD).count()
    updated = await stack.cli("reminders", "send", "--at", "2027-01-11T09:05")
    assert re.search(r"kort oppdatert: [1-9]", updated), updated
    done = journey.titled("Levert: Beslutningsgrunnlag")
    await done.wait_for()
    await done.get_by_text("Nettverket er ferdig med Beslutningsgrunnlag. Takk!").wait_for()
    assert await journey.titled("Påminnelse: Beslutningsgrunnlag").count() == 0
    assert await done.get_by_role("button").count() == 0
    assert await page.locator(CARD).count() == cards_before
    await journey.shot("13-reminder-updated-to-levert", done)

    # 9. The user, now an administrator too, registers Fosen's decided frame through the card
    # in the 1:1 chat. `laget serve` runs on the real clock, and a decision dated 15.04.2027
    # would be refused as lying ahead of it («Vedtaksdatoen kan ikke være fram i tid»), so the
    # decision is dated today (Oslo). That is the only difference from a decision in April:
    # the same card, the same stored decision, the same announcement but for the date shown.
    await stack.cli("roles", "grant", "admin", person)
    await journey.conversation(re.compile(r"^Personal Chat"))
    await journey.say("registrer vedtak")
    form = journey.titled(f"Registrer vedtak for {year}")
    await form.get_by_role("button", name="Registrer vedtaket").wait_for()
    await form.get_by_role("combobox", name="Nettverk", exact=True).click()
    await page.get_by_role("option", name="Fosen", exact=True).click()
    today = oslo_today(datetime.now(UTC))
    for label, value in (
        ("Vedtatt ramme (kr)", "600 000"),
        ("Vedtaksdato (for eksempel 15.04.2027)", f"{today:%d.%m.%Y}"),
        ("Vedtakets referanse (saksnummer)", f"SF {year}/1234"),
    ):
        await form.get_by_role("textbox", name=label, exact=True).fill(value)
    await form.get_by_role("button", name="Registrer vedtaket").click()
    registered = page.get_by_role("paragraph").filter(
        has_text="Vedtaket er registrert: rammen til Fosen"
    )
    await registered.wait_for()

    # 10. The next reminder pass (a few minutes after the last, so no reminder is due)
    # announces the decision once, through the Playground's connector, in the channel linked
    # to Fosen (and the coordinator's chat): the decided frame against the estimate, and what
    # the sent beslutningsgrunnlag commits.
    await journey.conversation(re.compile(r" - General$"))
    await stack.cli("reminders", "send", "--at", "2027-01-11T09:10")
    title = f"Rammen til Fosen for {year} er vedtatt"
    announced = journey.titled(title)
    await announced.wait_for()
    await announced.get_by_text(re.compile(r"^Vedtatt ramme: kr\W600\W000 \(vedtak ")).wait_for()
    await announced.get_by_text(f"Bundet opp (BG-{year}-0001)").wait_for()
    await journey.shot("14-vedtak-in-channel", announced)
    await stack.cli("reminders", "send", "--at", "2027-01-11T09:15")  # not announced again
    assert await page.locator(CARD).filter(has=page.get_by_text(title, exact=True)).count() == 1
