"""The behovsmelding in Teams: commands and card buttons, turned into service calls and cards.

The Teams handler routes here: «ny behovsmelding», «fortsett behovsmeldingen», «mine
behovsmeldinger», «status for nettverket», and every `NeedsPayload` button. Everything
decided about a report is decided by `NeedsService`; this module only talks.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogContext
from pydantic import BaseModel

from bot import needs_views as views
from bot.messages import card_message
from bot.needs_service import NeedsService, StaleCard
from bot.profile import UserProfile
from bot.ratelimit import TOO_OFTEN, UserRateLimit
from bot.store.audit import AuditLog
from bot.store.needs import Outcome, Status, StoredReport
from cards.payloads import NeedsPayload, needs
from cards.renderer import CardRenderer
from cards.views import MAX_CHOICES, Button, ChoiceCard
from dialogs.needs_report import NeedsReportDialog, author_of

log = logging.getLogger(__name__)

Notify = Callable[[str, dict[str, Any]], Awaitable[int]]  # (network id, card) -> reached

NOT_FOUND = "Fant ikke den behovsmeldingen blant dine. Skriv «mine behovsmeldinger» for å se dem."
STALE = (
    "Dette kortet er utdatert: behovsmeldingen er endret siden. Skriv «mine behovsmeldinger» "
    "for å se den nyeste versjonen."
)


class NeedsFeature:
    """Behovsmelding commands and buttons."""

    def __init__(
        self, service: NeedsService, cards: CardRenderer, notify: Notify, audit: AuditLog
    ) -> None:
        self._service = service
        self._cards = cards
        self._notify = notify
        self._audit = audit
        self._new_drafts = UserRateLimit(limit=20, window=3600)

    def dialog(self) -> NeedsReportDialog:
        """The step-by-step dialog, wired to show the summary when all is answered."""
        return NeedsReportDialog(self._service, self._cards, self.show_summary)

    async def start(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        author = author_of(turn_context)
        if not self._new_drafts.allow(author.id):
            await turn_context.send_activity(TOO_OFTEN)
            return
        report = await self._service.start(author)
        choice = ChoiceCard(
            title="Ny behovsmelding",
            text="Vil du fylle ut alt i ett skjema, eller svare på ett spørsmål av gangen?",
            choices=[
                Button(title="Skjema", data=needs("form", report.id, report.version)),
                Button(title="Steg for steg", data=needs("steps", report.id, report.version)),
            ],
        )
        await self._send(turn_context, "choice", choice)

    async def resume(self, turn_context: TurnContext, dc: DialogContext) -> None:
        drafts = await self._service.drafts(author_of(turn_context))
        if not drafts:
            await turn_context.send_activity(
                "Du har ingen påbegynt behovsmelding. Skriv «ny behovsmelding» for å starte."
            )
            return
        if len(drafts) == 1:
            await dc.begin_dialog(NeedsReportDialog.__name__, {"report": drafts[0].id})
            return
        text = "Du har flere påbegynte behovsmeldinger."
        if len(drafts) > MAX_CHOICES:  # newest change first: the ones left out are the oldest
            text = (
                f"Du har {len(drafts)} påbegynte behovsmeldinger. "
                f"Her er de {MAX_CHOICES} du endret sist."
            )
        choice = ChoiceCard(
            title="Hvilket utkast vil du fortsette?",
            text=text,
            choices=[
                Button(title=d.owner or f"Utkast {d.id}", data=needs("steps", d.id, d.version))
                for d in drafts[:MAX_CHOICES]
            ],
        )
        await self._send(turn_context, "choice", choice)

    async def mine(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        reports = await self._service.reports.for_author(author_of(turn_context).id)
        if not reports:
            await turn_context.send_activity(
                "Du har ingen behovsmeldinger ennå. Skriv «ny behovsmelding»."
            )
            return
        await self._send(turn_context, "facts", views.mine_card(reports))

    async def status(self, turn_context: TurnContext, profile: UserProfile) -> None:
        sender = turn_context.activity.from_property
        network_id = profile.network_id
        if network_id is None or not await self._service.may_see_network(
            sender.aad_object_id, network_id
        ):
            await turn_context.send_activity(
                "Status for nettverket er for koordinatorene i nettverket og administratorer. "
                "Er du koordinator, skriv først «jeg hører til <nettverket>»."
            )
            return
        await self._send(
            turn_context, "facts", views.status_card(await self._service.network_status(network_id))
        )

    async def on_payload(
        self, turn_context: TurnContext, dc: DialogContext, payload: NeedsPayload
    ) -> None:
        """A behovsmelding button (or a card form's submit)."""
        author = author_of(turn_context)
        report = await self._service.own(payload.report, author)
        if report is None:
            await turn_context.send_activity(NOT_FOUND)
            return
        await dc.cancel_all_dialogs()
        if payload.op == "submit":
            await self._submit(turn_context, report, payload.version)
            return
        if payload.op in ("confirm_withdraw", "withdraw"):
            await self._withdraw(turn_context, report, payload)
            return
        if report.status is Status.WITHDRAWN:
            await turn_context.send_activity("Denne behovsmeldingen er trukket tilbake.")
            return
        if report.status is Status.SUBMITTED and self._service.past_deadline(report):
            await turn_context.send_activity(
                f"Fristen har gått ut, så {report.reference} kan ikke endres lenger. "
                "Kontakt koordinatoren i nettverket hvis noe må rettes."
            )
            return
        if payload.op == "steps":
            await dc.begin_dialog(NeedsReportDialog.__name__, {"report": report.id})
        elif payload.op in ("form", "edit"):
            await self._form(turn_context, report)
        elif payload.version != report.version:
            await turn_context.send_activity(STALE)
        else:
            await self._save(turn_context, report, payload.inputs())

    async def show_summary(self, turn_context: TurnContext, report: StoredReport) -> None:
        """The summary to confirm (or the form again if something is missing)."""
        errors = self._service.incomplete(report)
        if errors:
            await self._form(turn_context, report, errors=errors)
            return
        due, late = self._service.deadline(report), self._service.past_deadline(report)
        await self._send(turn_context, "facts", views.summary_card(report, {}, due=due, late=late))

    async def _form(self, turn_context: TurnContext, report: StoredReport, **kwargs: Any) -> None:
        due, late = self._service.deadline(report), self._service.past_deadline(report)
        await self._send(
            turn_context, "form", views.form_card(report, due=due, late=late, **kwargs)
        )

    async def _save(
        self, turn_context: TurnContext, report: StoredReport, values: dict[str, str]
    ) -> None:
        try:
            saved = await self._service.save_answers(report, values, author_of(turn_context))
        except StaleCard:
            await turn_context.send_activity(STALE)
            return
        errors = saved.errors or self._service.incomplete(saved.report)
        if errors:
            shown = {name: values[name] for name in saved.errors if name in values}
            await self._form(
                turn_context, saved.report, errors=errors, warnings=saved.warnings, values=shown
            )
            return
        if saved.report.status is Status.SUBMITTED:
            await self._audit.record(
                "needs.changed",
                actor=_actor(turn_context),
                subject=saved.report.reference or "",
                version=saved.report.version,
            )
            await turn_context.send_activity(
                f"Endringen i {saved.report.reference} er lagret. Eldre versjoner er tatt vare på."
            )
            return
        due, late = self._service.deadline(saved.report), self._service.past_deadline(saved.report)
        await self._send(
            turn_context,
            "facts",
            views.summary_card(saved.report, saved.warnings, due=due, late=late),
        )

    async def _submit(self, turn_context: TurnContext, report: StoredReport, version: int) -> None:
        outcome, sent, errors = await self._service.submit(
            report.id, version, author_of(turn_context)
        )
        if errors:
            await self._form(turn_context, report, errors=errors)
        elif outcome is Outcome.ALREADY and sent is not None:
            await turn_context.send_activity(
                f"Denne behovsmeldingen er allerede sendt ({sent.reference}), og bare én gang."
            )
        elif outcome is Outcome.DONE and sent is not None:
            network = self._service.network_name(sent.network_id)
            await self._audit.record(
                "needs.submitted",
                actor=_actor(turn_context),
                subject=sent.reference or "",
                network=sent.network_id,
                late=sent.late,
            )
            if sent.late:
                await turn_context.send_activity(
                    "Merk: fristen har gått ut, så meldingen er merket som sendt etter fristen."
                )
            reached = 0
            if sent.network_id is not None:
                card = self._cards.render("facts", views.notification_card(sent, network))
                try:
                    reached = await self._notify(sent.network_id, card)
                except Exception:  # the report is sent; a failed notice must not undo that
                    log.exception(
                        "coordinator notification failed",
                        extra={"conversation_id": turn_context.activity.conversation.id},
                    )
            await self._send(turn_context, "facts", views.receipt_card(sent, network, reached))
        else:
            await turn_context.send_activity(STALE)

    async def _withdraw(
        self, turn_context: TurnContext, report: StoredReport, payload: NeedsPayload
    ) -> None:
        if report.status is not Status.SUBMITTED:
            await turn_context.send_activity("Bare sendte behovsmeldinger kan trekkes tilbake.")
            return
        if payload.op == "withdraw":
            choice = ChoiceCard(
                title=f"Trekke tilbake {report.reference}?",
                text="Meldingen blir tatt vare på, men regnes ikke lenger som sendt.",
                choices=[
                    Button(
                        title="Ja, trekk tilbake",
                        data=needs("confirm_withdraw", report.id, report.version),
                    )
                ],
            )
            await self._send(turn_context, "choice", choice)
            return
        outcome = await self._service.reports.withdraw(
            report.id, payload.version, author=author_of(turn_context)
        )
        if outcome is Outcome.DONE:
            await self._audit.record(
                "needs.withdrawn", actor=_actor(turn_context), subject=report.reference or ""
            )
            await turn_context.send_activity(f"{report.reference} er trukket tilbake.")
        else:
            await turn_context.send_activity(STALE)

    async def _send(self, turn_context: TurnContext, template: str, view: BaseModel) -> None:
        await turn_context.send_activity(card_message(self._cards, template, view))


def _actor(turn_context: TurnContext) -> str:
    """Who acted, for the audit log: the Azure AD object id when Teams sends one."""
    sender = turn_context.activity.from_property
    return str(sender.aad_object_id or sender.id)
