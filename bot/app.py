"""The composition root: `build_laget(settings)` wires everything, `create_app` serves it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus

from aiohttp import web
from botbuilder.core import ConversationState, UserState
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.needs.service import NeedsService
from bot.qa.answers import SchemeAnswers
from bot.qa.service import QaService
from bot.reminders.assembly import Reminders
from bot.reminders.assembly import assemble as assemble_reminders
from bot.scheme import load_region
from bot.scheme.scheme_data import SchemeData
from bot.settings import Settings
from bot.store.audit import AuditLog
from bot.store.counts import CountsRepository
from bot.store.db import create_engine, ping
from bot.store.locks import ConversationLocks
from bot.store.migrate import upgrade_async
from bot.store.needs import NeedsReports
from bot.store.qa import QaLog
from bot.store.references import ConversationReferences
from bot.store.roles import RolesRepository
from bot.store.state import StateStore
from bot.teams.adapter import LagetAdapter
from bot.teams.handler import LagetBot
from bot.teams.notify import NetworkNotifier
from bot.teams.proactive import TeamsChannel
from bot.teams.storage import SqlStorage
from bot.understanding.knowledge import KnowledgeBase
from bot.understanding.recognizer import Recognizer
from cards.renderer import CardRenderer
from dialogs.needs.routes import NeedsFeature
from dialogs.qa.routes import QaFeature
from dialogs.reminders.routes import RemindersFeature


@dataclass(frozen=True)
class Laget:
    """The running parts of one Laget process."""

    settings: Settings
    engine: AsyncEngine
    adapter: LagetAdapter
    bot: LagetBot
    references: ConversationReferences
    scheme: SchemeData
    roles: RolesRepository
    reminders: Reminders
    locks: ConversationLocks

    async def close(self) -> None:
        """Release the database connections."""
        await self.locks.close()
        await self.engine.dispose()


def _now() -> datetime:
    return datetime.now(UTC)


async def build_laget(
    settings: Settings,
    *,
    migrate: bool = True,
    clock: Callable[[], datetime] = _now,
    recognizer: Recognizer | None = None,
) -> Laget:
    """Create storage, adapter, bot and dialogs; apply migrations first unless told not to.

    The region's data files are loaded and validated first: DataError stops the start. The
    recogniser is trained on start (about a second); tests pass one they built once.
    """
    region = load_region(settings.data_dir)
    if migrate:
        await upgrade_async(settings.database_url)
    engine = create_engine(settings.database_url)
    scheme = SchemeData(region, CountsRepository(engine))
    roles = RolesRepository(engine)
    storage = SqlStorage(StateStore(engine))
    conversation_state = ConversationState(storage)
    user_state = UserState(storage)
    references = ConversationReferences(engine)
    cards = CardRenderer()
    locks = ConversationLocks(engine)
    adapter = LagetAdapter(settings, conversation_state, locks)
    answers = SchemeAnswers(scheme, roles, clock)
    channel = TeamsChannel(adapter, settings.microsoft_app_id)
    reports = NeedsReports(engine)
    reminders = assemble_reminders(
        region=region,
        engine=engine,
        references=references,
        roles=roles,
        reports=reports,
        channel=channel,
        renderer=cards,
        clock=clock,
        cycle_year=scheme.cycle_year,
    )
    notifier = NetworkNotifier(channel, references, roles, reminders.links.conversations)
    audit = AuditLog(engine)
    needs = NeedsFeature(NeedsService(reports, scheme, roles, clock), cards, notifier, audit)
    qa = QaFeature(
        QaService(
            recognizer or Recognizer(region), KnowledgeBase(), answers, region, QaLog(engine)
        ),
        cards=cards,
        notify=notifier,
        channel=channel,
        roles=roles,
        region=region,
    )
    reminders_feature = RemindersFeature(
        reminders,
        region=region,
        roles=roles,
        references=references,
        cards=cards,
        clock=clock,
        audit=audit,
    )
    bot = LagetBot(
        conversation_state,
        user_state,
        references=references,
        cards=cards,
        qa=qa,
        needs=needs,
        reminders=reminders_feature,
    )
    return Laget(settings, engine, adapter, bot, references, scheme, roles, reminders, locks)


LAGET = web.AppKey("laget", Laget)


def create_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = _now,
    recognizer: Recognizer | None = None,
) -> web.Application:
    """The aiohttp application: POST /api/messages and GET /healthz."""
    app = web.Application(client_max_size=settings.max_body_bytes)

    async def lifecycle(app: web.Application):  # type: ignore[no-untyped-def]
        laget = app[LAGET] = await build_laget(settings, clock=clock, recognizer=recognizer)
        stop = asyncio.Event()
        worker = None
        if settings.reminder_interval > 0:
            # Reminders are sent from inside `serve`; several instances may run it at once.
            run = laget.reminders.worker.run(settings.reminder_interval, stop)
            worker = asyncio.create_task(run, name="reminders")
        yield
        stop.set()
        if worker is not None:
            await worker
        await laget.close()

    async def messages(request: web.Request) -> web.Response:
        laget = request.app[LAGET]
        return await laget.adapter.process(request, laget.bot)

    async def healthz(request: web.Request) -> web.Response:
        if await ping(request.app[LAGET].engine):
            return web.json_response({"status": "ok"})
        return web.json_response(
            {"status": "database unavailable"}, status=HTTPStatus.SERVICE_UNAVAILABLE
        )

    app.cleanup_ctx.append(lifecycle)
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    return app
