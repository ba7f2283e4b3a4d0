"""The load: clients posting Teams-shaped activities with `deliveryMode: expectReplies`.

The clients run in their own process (`LoadClient`), so that they never share an event loop
or a core's time slice with the server they measure. Each scenario drives one conversation per
client, one turn after the other, and checks every reply:

- `qa`: the two questions «Hva er rammen til Fosen?» and «Kva tid er fristen for
  avgjerdsgrunnlaget?», alternately; the conversation changes every `rotate_every` turns. The
  first is bokmål and the second nynorsk, so every turn changes the user's stored language.
- `qa_nb`: the same, with a user who keeps to bokmål: «Hva er rammen til Fosen?» and «Når er
  fristen for beslutningsgrunnlaget?».
- `dialog`: the behovsmelding step by step: «ny behovsmelding», the «Steg for steg» button
  (a card submit with the payload from the reply), then the 19 answers; a new user and
  conversation for each report. Latency of the answers is kept apart (kind `dialog`).
- `contention`: one behovsmelding per conversation, `turns` turns each (start, button,
  answers), every conversation at once; every reply must ask the next question, and the
  outcome (report id, answers given) is returned for the check against the database.

Against the echo bot the same activities are posted and the echo is expected. A plan may
name more than one server (`more_urls`): client number n then posts to the n-th of them, in
turn (several Laget processes on one database).
"""

from __future__ import annotations

import asyncio
import json
import math
import multiprocessing
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Literal

import aiohttp

from bot.needs.form import FIELDS

Scenario = Literal["qa", "qa_nb", "dialog", "contention"]

# (question, what the answer card shows); never a fallback's words.
QUESTIONS = (  # bokmål, then nynorsk: the user's language changes every turn
    ("Hva er rammen til Fosen?", "Rammen til Fosen"),
    ("Kva tid er fristen for avgjerdsgrunnlaget?", "Frist: Avgjerdsgrunnlag"),
)
QUESTIONS_NB = (  # bokmål only: the user's language stays as stored
    ("Hva er rammen til Fosen?", "Rammen til Fosen"),
    ("Når er fristen for beslutningsgrunnlaget?", "Frist: Beslutningsgrunnlag"),
)
QA_QUESTIONS = {"qa": QUESTIONS, "qa_nb": QUESTIONS_NB}
START = "ny behovsmelding"
STEP_BY_STEP = "Steg for steg"
SUMMARY = "Se over behovsmeldingen"
APOLOGY = "Beklager, nå gikk noe galt"  # Laget's answer when a turn fails (bot.teams.adapter)
TENANT = "tenant-bench"
BOT = {"id": "28:laget-bench", "name": "Laget"}
SERVICE_URL = "http://127.0.0.1:9/unused"  # expectReplies: the replies come in the response
MAX_FAILURES_KEPT = 5


def answers_for(n: int) -> list[str]:
    """The 19 step-by-step answers of report number `n` (some of them tell reports apart)."""
    values = {
        "owner": f"Benkemark kommune {n}",
        "owner_type": "Kommunal",
        "municipality": "Ørland",
        "barnehager": "4",
        "skoler": "3",
        "sfo": "3",
        "ppt": "1",
        "topics": "1, 10",
        "topics_other": "nei",
        "needs": f"Vi trenger felles kompetanse på skolefravær og tidlig innsats, gruppe {n}.",
        "assessment": "Ståstedsanalyse i alle enheter høsten 2026, drøftet med ledere og ansatte.",
        "target_groups": "Lærere, barnehagelærere og PPT",
        "participants": str(100 + n),
        "plans": "Kompetanseplan for oppvekst 2025–2028",
        "includes_private": "ja",
        "uh_partner": "nord",
        "period": "2",
        "contact_name": "Kari Nordmann",
        "contact_email": "kari.nordmann@example.org",
    }
    return [values[spec.name] for spec in FIELDS]


def question_marker(step: int) -> str:
    """What the dialog's question number `step` (0-based) starts with."""
    return f"({step + 1} av {len(FIELDS)})"


def activity(
    conversation: str, user: str, *, text: str | None = None, value: Any = None
) -> dict[str, Any]:
    """A Teams-shaped personal-chat message that asks for its replies in the response."""
    body: dict[str, Any] = {
        "type": "message",
        "id": str(uuid.uuid4()),
        "channelId": "msteams",
        "serviceUrl": SERVICE_URL,
        "deliveryMode": "expectReplies",
        "from": {"id": user, "name": "Kari Nordmann", "aadObjectId": "aad-" + user},
        "recipient": BOT,
        "conversation": {"id": conversation, "conversationType": "personal", "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}},
        "locale": "nb-NO",
    }
    if text is not None:
        body["text"] = text
    if value is not None:
        body["value"] = value
    return body


def echo_of(body: dict[str, Any]) -> str:
    """What the echo bot answers to this activity."""
    said = body.get("text") or json.dumps(body.get("value"), ensure_ascii=False)
    return f"Echo: {said}"


def shown(replies: list[dict[str, Any]]) -> str:
    """Everything the replies show: texts, summaries and card contents, one string."""
    parts: list[str] = []
    for reply in replies:
        parts.extend(str(reply.get(key) or "") for key in ("text", "summary"))
        for attachment in reply.get("attachments") or []:
            parts.append(json.dumps(attachment.get("content"), ensure_ascii=False))
    return "\n".join(parts)


def button_data(replies: list[dict[str, Any]], title: str) -> dict[str, Any] | None:
    """The data of the card button with this title, if a reply has one (in the card's
    actions or in an ActionSet of its body)."""
    for reply in replies:
        for attachment in reply.get("attachments") or []:
            found = _find_button(attachment.get("content"), title)
            if found is not None:
                return found
    return None


def _find_button(node: Any, title: str) -> dict[str, Any] | None:
    if isinstance(node, list):
        for item in node:
            found = _find_button(item, title)
            if found is not None:
                return found
    elif isinstance(node, dict):
        if (
            node.get("type") == "Action.Submit"
            and node.get("title") == title
            and isinstance(node.get("data"), dict)
        ):
            data: dict[str, Any] = node["data"]
            return data
        for value in node.values():
            found = _find_button(value, title)
            if found is not None:
                return found
    return None


@dataclass(frozen=True)
class Plan:
    """One load run: a scenario, how many clients, how many turns each."""

    url: str
    scenario: Scenario
    clients: int
    turns: int  # per client
    prefix: str  # makes the run's conversation and user ids unique
    echo: bool = False  # the server is the echo bot
    rotate_every: int = 20  # qa: turns per conversation
    more_urls: tuple[str, ...] = ()  # further servers; client n posts to the (n % all)-th

    def url_of(self, client: int) -> str:
        """Where client number `client` posts."""
        urls = (self.url, *self.more_urls)
        return urls[client % len(urls)]


@dataclass(frozen=True)
class TurnOutcome:
    """What one contention conversation did: its report and the answers it gave."""

    conversation: str
    user: str
    number: int
    report: int | None
    answered: int  # answers the bot confirmed by asking the next question
    complete: bool  # every turn got the expected reply


@dataclass
class LoadResult:
    """What a load run measured and saw."""

    seconds: float = 0.0  # wall time, first post to last reply
    latencies: dict[str, list[float]] = field(default_factory=dict)  # by turn kind
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: int = 0  # no HTTP answer at all
    apologies: int = 0  # turns that failed inside the bot
    unexpected: int = 0  # 200 with a reply that is not the expected one
    failures: list[str] = field(default_factory=list)  # the first few, described
    outcomes: list[TurnOutcome] = field(default_factory=list)

    @property
    def turns(self) -> int:
        """Turns posted (answered or not)."""
        return sum(self.statuses.values()) + self.transport_errors

    @property
    def server_errors(self) -> int:
        """HTTP 5xx answers."""
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def errors(self) -> int:
        """Every turn that did not get its expected reply."""
        bad_status = sum(n for status, n in self.statuses.items() if status != 200)
        return bad_status + self.transport_errors + self.apologies + self.unexpected

    @property
    def throughput(self) -> float:
        """Turns per second over the run."""
        return self.turns / self.seconds if self.seconds else 0.0


class _Run:
    """The shared state of one run: the HTTP session and what was seen."""

    def __init__(self, plan: Plan, session: aiohttp.ClientSession) -> None:
        self.plan = plan
        self.session = session
        self.result = LoadResult()
        self._latencies: dict[str, list[float]] = defaultdict(list)

    def fail(self, description: str) -> None:
        if len(self.result.failures) < MAX_FAILURES_KEPT:
            self.result.failures.append(description[:400])

    async def turn(
        self, kind: str, body: dict[str, Any], expect: str, client: int = 0
    ) -> list[dict[str, Any]] | None:
        """Post one activity for client number `client`; the replies if they contain `expect`
        (else None, counted)."""
        if self.plan.echo:
            expect = echo_of(body)
        started = time.perf_counter()
        try:
            async with self.session.post(
                self.plan.url_of(client),
                data=json.dumps(body).encode(),
                headers={"Content-Type": "application/json"},
            ) as response:
                status = response.status
                payload = await response.read()
        except (aiohttp.ClientError, TimeoutError) as error:
            self.result.transport_errors += 1
            self.fail(f"{kind}: {error!r}")
            return None
        self._latencies[kind].append(time.perf_counter() - started)
        self.result.statuses[status] += 1
        if status != 200:
            self.fail(f"{kind}: HTTP {status}: {payload[:200]!r}")
            return None
        replies: list[dict[str, Any]] = json.loads(payload).get("activities") or []
        seen = shown(replies)
        if APOLOGY in seen:
            self.result.apologies += 1
            self.fail(f"{kind}: the turn failed in the bot (apology)")
            return None
        if expect not in seen:
            self.result.unexpected += 1
            self.fail(f"{kind}: expected {expect!r}, got {seen[:300]}")
            return None
        return replies

    def finish(self, seconds: float) -> LoadResult:
        self.result.seconds = seconds
        self.result.latencies = dict(self._latencies)
        return self.result


async def _qa_client(run: _Run, n: int) -> None:
    plan = run.plan
    questions = QA_QUESTIONS[plan.scenario]
    user = f"29:{plan.prefix}-q{n}"
    for turn in range(plan.turns):
        conversation = f"a:{plan.prefix}-q{n}-{turn // plan.rotate_every}"
        text, expect = questions[(turn + n) % len(questions)]
        await run.turn("qa", activity(conversation, user, text=text), expect, n)


async def _steps(run: _Run, conversation: str, user: str, number: int, turns: int) -> TurnOutcome:
    """One behovsmelding step by step, at most `turns` turns; what it achieved."""
    outcome = TurnOutcome(conversation, user, number, None, 0, False)
    if turns <= 0:
        return outcome
    started = await run.turn(
        "start", activity(conversation, user, text=START), STEP_BY_STEP, number
    )
    data: dict[str, Any] = {"action": "needs", "op": "steps", "report": 0, "version": 1}
    if not run.plan.echo:
        found = button_data(started or [], STEP_BY_STEP)
        if found is None:
            if started is not None:  # the reply came, but without the button
                run.result.unexpected += 1
                run.fail(f"start: no {STEP_BY_STEP!r} button in {shown(started)[:300]}")
            return outcome
        data = found
    report = int(data.get("report", 0)) or None
    outcome = TurnOutcome(conversation, user, number, report, 0, False)
    if turns == 1:
        return TurnOutcome(conversation, user, number, report, 0, True)
    asked = await run.turn(
        "press", activity(conversation, user, value=data), question_marker(0), number
    )
    if asked is None:
        return outcome
    answers = answers_for(number)[: turns - 2]
    for step, answer in enumerate(answers):
        expect = question_marker(step + 1) if step + 1 < len(FIELDS) else SUMMARY
        said = activity(conversation, user, text=answer)
        if await run.turn("dialog", said, expect, number) is None:
            return TurnOutcome(conversation, user, number, report, step, False)
    return TurnOutcome(conversation, user, number, report, len(answers), True)


async def _dialog_client(run: _Run, n: int) -> None:
    plan, left, cycle = run.plan, run.plan.turns, 0
    per_report = len(FIELDS) + 2
    while left > 0:
        name = f"{plan.prefix}-d{n}-{cycle}"
        await _steps(run, f"a:{name}", f"29:{name}", n, min(left, per_report))
        left -= per_report
        cycle += 1


async def _contention_client(run: _Run, n: int) -> None:
    name = f"{run.plan.prefix}-c{n}"
    run.result.outcomes.append(await _steps(run, f"a:{name}", f"29:{name}", n, run.plan.turns))


CLIENTS = {
    "qa": _qa_client,
    "qa_nb": _qa_client,
    "dialog": _dialog_client,
    "contention": _contention_client,
}


async def run_plan(plan: Plan) -> LoadResult:
    """Run the plan's clients at once and collect what they measured."""
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        run = _Run(plan, session)
        client = CLIENTS[plan.scenario]
        started = time.perf_counter()
        await asyncio.gather(*(client(run, n) for n in range(plan.clients)))
        return run.finish(time.perf_counter() - started)


def _client_process(pipe: Connection) -> None:
    while True:
        plan = pipe.recv()
        if plan is None:
            return
        pipe.send(asyncio.run(run_plan(plan)))


class LoadClient:
    """The load generator's own process; `run(plan)` blocks until the plan is done."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._pipe, theirs = context.Pipe()
        self._process = context.Process(target=_client_process, args=(theirs,), daemon=True)
        self._process.start()

    def run(self, plan: Plan) -> LoadResult:
        """Run one plan in the client process."""
        self._pipe.send(plan)
        result: LoadResult = self._pipe.recv()
        return result

    @property
    def pid(self) -> int:
        """The client process's id (for its CPU time)."""
        pid = self._process.pid
        if pid is None:
            raise RuntimeError("the load client has not started")
        return pid

    def close(self) -> None:
        """End the client process."""
        if self._process.is_alive():
            self._pipe.send(None)
            self._process.join(30)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.5 is the median); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(share * len(ordered))))
    return ordered[rank - 1]
