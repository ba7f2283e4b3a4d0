"""The composition root: `build_laget(settings)` makes every part and passes it in.

The HTTP door that serves it is `bot.teams.server.create_app`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.decision_basis.service import DecisionBasisService
from bot.deliveries.notify import NetworkNotifier
from bot.deliveries.worker import DeliveryWorker
from bot.exports.service import ExportService
from bot.needs.service import NeedsService
from bot.qa.answers import SchemeAnswers
from bot.qa.service import QaService
from bot.reminders.assembly import Reminders
from bot.reminders.assembly import assemble as assemble_reminders
from bot.reminders.sender import Sender
from bot.reporting.service import ReportService
from bot.scheme import load_region
from bot.scheme.scheme_data import SchemeData
from bot.settings import Settings
from bot.store.audit import AuditLog
from bot.store.channel_links import ChannelLinks
from bot.store.completions import Completions
from bot.store.counts import CountsRepository
from bot.store.db import create_engine
from bot.store.decision_basis import REPORT_TABLES, DecisionBases
from bot.store.deliveries import DeliveryOutbox
from bot.store.export_links import ExportLinks
from bot.store.frame_decisions import FrameDecisionsRepository
from bot.store.locks import ConversationLocks
from bot.store.migrate import upgrade_async
from bot.store.needs import NeedsReports
from bot.store.outbox import Outbox
from bot.store.qa import QaLog
from bot.store.references import ConversationReferences
from bot.store.roles import RolesRepository
from bot.store.state import StateStore
from bot.teams.adapter import LagetAdapter
from bot.teams.assembly import TeamsParts
from bot.teams.handler import LagetBot
from bot.understanding.knowledge import KnowledgeBase
from bot.understanding.recognizer import Recognizer
from bot.vedtak.service import VedtakService
from cards.renderer import CardRenderer
from dialogs.decision_basis.routes import DecisionBasisFeature
from dialogs.needs.routes import NeedsFeature
from dialogs.profile.routes import ProfileFeature
from dialogs.qa.routes import QaFeature
from dialogs.reminders.routes import RemindersFeature
from dialogs.reporting.routes import ReportingFeature
from dialogs.vedtak.routes import VedtakFeature
from dialogs.welcome.routes import WelcomeFeature


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
    deliveries: DeliveryWorker
    exports: ExportService
    vedtak: VedtakService

    async def close(self) -> None:
        """Release the database connections."""
        await self.locks.close()
        await self.engine.dispose()


def utc_now() -> datetime:
    """The real clock (tests pass their own)."""
    return datetime.now(UTC)


async def build_laget(
    settings: Settings,
    *,
    migrate: bool = True,
    clock: Callable[[], datetime] = utc_now,
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
    scheme = SchemeData(region, CountsRepository(engine), FrameDecisionsRepository(engine))
    roles = RolesRepository(engine)
    references = ConversationReferences(engine)
    cards = CardRenderer()
    locks = ConversationLocks(engine)
    teams = TeamsParts.make(settings, StateStore(engine), locks)
    completions = Completions(engine)
    bases = DecisionBases(engine)
    basis_service = DecisionBasisService(
        bases, scheme=scheme, roles=roles, needs=bases, marks=completions, clock=clock
    )
    report_service = ReportService(
        DecisionBases(engine, REPORT_TABLES),
        bases=bases,
        scheme=scheme,
        roles=roles,
        marks=completions,
        clock=clock,
    )
    answers = SchemeAnswers(
        scheme, roles, clock, commitments=basis_service.committed, reports=report_service
    )
    sender = Sender(teams.channel)  # one sender: one set of rate limits toward Teams
    reports = NeedsReports(engine)
    reminders = assemble_reminders(
        region=region,
        outbox=Outbox(engine),
        links=ChannelLinks(engine),
        completions=completions,
        references=references,
        roles=roles,
        reports=reports,
        sender=sender,
        renderer=cards,
        clock=clock,
        cycle_year=scheme.cycle_year,
    )
    deliveries = DeliveryWorker(DeliveryOutbox(engine), sender, clock)
    notifier = NetworkNotifier(
        DeliveryOutbox(engine),
        references,
        roles,
        reminders.links.conversations,
        wake=deliveries.wake,
        clock=clock,
    )
    vedtak = VedtakService(
        scheme,
        FrameDecisionsRepository(engine),
        commitments=basis_service.committed,
        notify=notifier,
        render=cards.render,
        clock=clock,
    )
    reminders.worker.add_pass("vedtak", vedtak.announce)
    audit = AuditLog(engine)
    exports = ExportService(
        ExportLinks(engine),
        reports=reports,
        roles=roles,
        region=region,
        audit=audit,
        clock=clock,
    )
    needs = NeedsFeature(
        NeedsService(reports, scheme, roles, clock),
        cards=cards,
        notify=notifier,
        audit=audit,
        profiles=teams.profiles,
        exports=exports,
        public_url=settings.public_url,
    )
    decision_basis = DecisionBasisFeature(
        basis_service,
        cards=cards,
        notify_admins=notifier.admins,
        audit=audit,
        profiles=teams.profiles,
    )
    qa = QaFeature(
        QaService(
            recognizer or Recognizer(region), KnowledgeBase(), answers, region, QaLog(engine)
        ),
        cards=cards,
        notify=notifier,
        roles=roles,
        region=region,
        profiles=teams.profiles,
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
    vedtak_feature = VedtakFeature(vedtak, roles=roles, cards=cards, audit=audit)
    reporting = ReportingFeature(report_service, cards=cards, audit=audit)
    welcome = WelcomeFeature(cards)
    features = (
        welcome,
        ProfileFeature(teams.profiles, cards),
        needs,
        decision_basis,
        vedtak_feature,
        reporting,
        reminders_feature,
        qa,
    )
    bot = teams.bot(references, welcome.welcome, [f.router() for f in features])
    return Laget(
        settings,
        engine,
        teams.adapter,
        bot,
        references,
        scheme,
        roles,
        reminders,
        locks,
        deliveries,
        exports,
        vedtak,
    )
