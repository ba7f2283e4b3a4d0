"""The behovsmelding in Teams: commands and card buttons, turned into service calls and cards.

The Teams handler routes here: «ny behovsmelding», «fortsett behovsmeldingen», «mine
behovsmeldinger», «status for nettverket», and every `NeedsPayload` button. Everything
decided about a report is decided by `NeedsService`; this module only talks, in the turn's
language (bokmål or nynorsk).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogContext

from bot.audit import Audit
from bot.exports.service import ExportService
from bot.needs import texts as t
from bot.needs import views
from bot.needs.model import Status, StoredReport, WriteOutcome
from bot.needs.service import NeedsService, StaleCard
from bot.ratelimit import TOO_OFTEN, UserRateLimit
from bot.teams.conversations import conversation_type
from bot.teams.messages import card_message
from bot.teams.profiles import Profiles
from bot.teams.routing import Router
from bot.teams.turn_language import language
from bot.understanding.commands import Command, match_status_for, match_way
from cards.payloads import ExportPayload, NeedsPayload, needs
from cards.renderer import CardRenderer
from cards.views import MAX_CHOICES, Button, CardView, ChoiceCard, FactsCard, shorten
from dialogs.needs.dialog import NeedsReportDialog, author_of, hand_over

log = logging.getLogger(__name__)

Notify = Callable[[str, dict[str, Any], str], Awaitable[int]]  # (network, card, kind) -> queued


class NeedsFeature:
    """Behovsmelding commands and buttons."""

    def __init__(
        self,
        service: NeedsService,
        *,
        cards: CardRenderer,
        notify: Notify,
        audit: Audit,
        profiles: Profiles,
        exports: ExportService,
        public_url: str,
    ) -> None:
        self._service = service
        self._exports = exports
        self._public_url = public_url.rstrip("/")
        self._profiles = profiles
        self._cards = cards
        self._notify = notify
        self._audit = audit
        self._new_drafts = UserRateLimit(limit=20, window=3600)

    def router(self) -> Router:
        """Its commands, its buttons and the step-by-step dialog (which ends in the summary)."""
        return Router(
            commands={
                Command.NEW_NEEDS: self.start,
                Command.RESUME_NEEDS: self.resume,
                Command.MY_NEEDS: self.mine,
                Command.NETWORK_STATUS: self.status,
            },
            payloads={NeedsPayload: self.on_payload, ExportPayload: self.export},
            phrases=[(match_way, self.choose_way), (match_status_for, self.status_for)],
            dialogs=[NeedsReportDialog(self._service, self._cards, self.show_summary)],
        )

    async def start(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        lang = language(turn_context)
        author = author_of(turn_context)
        if not self._new_drafts.allow(author.id):
            await turn_context.send_activity(TOO_OFTEN.get(lang))
            return
        report = await self._service.start(author)
        choice = ChoiceCard(
            title=t.NEW_TITLE.get(lang),
            text=t.FORM_OR_STEPS.get(lang),
            choices=[
                Button(title=t.FORM.get(lang), data=needs("form", report.id, report.version)),
                Button(title=t.STEPS.get(lang), data=needs("steps", report.id, report.version)),
            ],
        )
        await self._send(turn_context, choice)

    async def status_for(self, turn_context: TurnContext, _dc: DialogContext, name: str) -> None:
        """«status for Gauldal»: a named network's status, for its coordinators and admins."""
        lang = language(turn_context)
        network_id = self._service.find_network(name)
        if network_id is None:
            await turn_context.send_activity(t.NO_SUCH_NETWORK.get(lang).format(name=name))
            return
        await self._show_status(turn_context, network_id)

    async def choose_way(self, turn_context: TurnContext, dc: DialogContext, way: str) -> None:
        """«steg for steg» or «skjema» typed instead of pressed: the newest draft, that way."""
        drafts = await self._service.drafts(author_of(turn_context))
        if not drafts:
            await turn_context.send_activity(t.NO_DRAFT.get(language(turn_context)))
            return
        if way == "steps":
            hand_over(turn_context, drafts[0])
            await dc.begin_dialog(NeedsReportDialog.__name__, {"report": drafts[0].id})
        else:
            await self._form(turn_context, drafts[0])

    async def resume(self, turn_context: TurnContext, dc: DialogContext) -> None:
        lang = language(turn_context)
        drafts = await self._service.drafts(author_of(turn_context))
        if not drafts:
            await turn_context.send_activity(t.NO_DRAFT.get(lang))
            return
        if len(drafts) == 1:
            hand_over(turn_context, drafts[0])
            await dc.begin_dialog(NeedsReportDialog.__name__, {"report": drafts[0].id})
            return
        text = t.SEVERAL_DRAFTS.get(lang)
        if len(drafts) > MAX_CHOICES:  # newest change first: the ones left out are the oldest
            text = t.MANY_DRAFTS.get(lang).format(count=len(drafts), shown=MAX_CHOICES)
        choice = ChoiceCard(
            title=t.WHICH_DRAFT.get(lang),
            text=text,
            choices=[
                Button(
                    title=t.DRAFT_OF_OWNER.get(lang).format(owner=shorten(d.owner), id=d.id)
                    if d.owner
                    else t.DRAFT_NAMED.get(lang).format(id=d.id),
                    data=needs("steps", d.id, d.version),
                )
                for d in drafts[:MAX_CHOICES]
            ],
        )
        await self._send(turn_context, choice)

    async def mine(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        lang = language(turn_context)
        reports = await self._service.reports.for_author(author_of(turn_context).id)
        if not reports:
            await turn_context.send_activity(t.NONE_YET.get(lang))
            return
        await self._send(turn_context, views.mine_card(reports, lang))

    async def status(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        lang = language(turn_context)
        sender = turn_context.activity.from_property
        told = (await self._profiles.get(turn_context)).network_id
        network_id = await self._service.status_network(sender.aad_object_id, told)
        if network_id is None and await self._service.has_role(sender.aad_object_id):
            await turn_context.send_activity(t.WHICH_STATUS.get(lang))
            return
        await self._show_status(turn_context, network_id)

    async def _show_status(self, turn_context: TurnContext, network_id: str | None) -> None:
        """A network's status card, for its coordinators and administrators only."""
        lang = language(turn_context)
        aad = turn_context.activity.from_property.aad_object_id
        if network_id is None or not await self._service.may_see_network(aad, network_id):
            await turn_context.send_activity(t.STATUS_REFUSED.get(lang))
            return
        status = await self._service.network_status(network_id)
        await self._send(turn_context, views.status_card(status, lang))

    async def export(
        self, turn_context: TurnContext, _dc: DialogContext, payload: ExportPayload
    ) -> None:
        """«Last ned regneark»: a single-use link, in the presser's own chat only."""
        lang = language(turn_context)
        activity = turn_context.activity
        if conversation_type(activity) != "personal":
            await turn_context.send_activity(t.DOWNLOAD_IN_CHAT.get(lang))
            return
        aad = activity.from_property.aad_object_id
        token = await self._exports.offer(aad, payload.network, payload.year)
        if token is None:
            await turn_context.send_activity(t.DOWNLOAD_REFUSED.get(lang))
            return
        name = self._service.network_name(payload.network)
        card = FactsCard(
            title=t.DOWNLOAD_TITLE.get(lang).format(name=name, year=payload.year),
            headline=t.DOWNLOAD_READY.get(lang),
            buttons=[
                Button(title=t.OPEN_DOWNLOAD.get(lang), url=f"{self._public_url}/exports/{token}")
            ],
        )
        await self._send(turn_context, card)

    async def on_payload(
        self, turn_context: TurnContext, dc: DialogContext, payload: NeedsPayload
    ) -> None:
        """A behovsmelding button (or a card form's submit)."""
        lang = language(turn_context)
        author = author_of(turn_context)
        report = await self._service.own(payload.report, author)
        if report is None:
            await turn_context.send_activity(t.NOT_FOUND.get(lang))
            return
        await dc.cancel_all_dialogs()
        if payload.op == "submit":
            await self._submit(turn_context, report, payload.version)
            return
        if payload.op in ("confirm_withdraw", "withdraw"):
            await self._withdraw(turn_context, report, payload)
            return
        if report.status is Status.WITHDRAWN:
            await turn_context.send_activity(t.WITHDRAWN.get(lang))
            return
        if report.status is Status.SUBMITTED and self._service.past_deadline(report):
            text = t.TOO_LATE_TO_CHANGE.get(lang).format(reference=report.reference)
            await turn_context.send_activity(text)
            return
        if payload.op == "steps":
            hand_over(turn_context, report)
            await dc.begin_dialog(NeedsReportDialog.__name__, {"report": report.id})
        elif payload.op in ("form", "edit"):
            await self._form(turn_context, report)
        elif payload.version != report.version:
            await turn_context.send_activity(t.STALE.get(lang))
        else:
            await self._save(turn_context, report, payload.inputs())

    async def show_summary(self, turn_context: TurnContext, report: StoredReport) -> None:
        """The summary to confirm (or the form again if something is missing)."""
        lang = language(turn_context)
        errors = self._service.incomplete(report, lang)
        if errors:
            await self._form(turn_context, report, errors=errors)
            return
        due, late = self._service.deadline(report), self._service.past_deadline(report)
        summary = views.summary_card(report, {}, lang, due=due, late=late)
        await self._send(turn_context, summary)

    async def _form(self, turn_context: TurnContext, report: StoredReport, **kwargs: Any) -> None:
        lang = language(turn_context)
        due, late = self._service.deadline(report), self._service.past_deadline(report)
        await self._send(turn_context, views.form_card(report, lang, due=due, late=late, **kwargs))

    async def _save(
        self, turn_context: TurnContext, report: StoredReport, values: dict[str, str]
    ) -> None:
        lang = language(turn_context)
        try:
            saved = await self._service.save_answers(
                report, values, author_of(turn_context), lang=lang
            )
        except StaleCard:
            await turn_context.send_activity(t.STALE.get(lang))
            return
        errors = saved.errors or self._service.incomplete(saved.report, lang)
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
            text = t.CHANGE_SAVED.get(lang).format(reference=saved.report.reference)
            await turn_context.send_activity(text)
            return
        due, late = self._service.deadline(saved.report), self._service.past_deadline(saved.report)
        await self._send(
            turn_context,
            views.summary_card(saved.report, saved.warnings, lang, due=due, late=late),
        )

    async def _submit(self, turn_context: TurnContext, report: StoredReport, version: int) -> None:
        lang = language(turn_context)
        outcome, sent, errors = await self._service.submit(
            report.id, version, author_of(turn_context), lang
        )
        if errors:
            await self._form(turn_context, report, errors=errors)
        elif outcome is WriteOutcome.ALREADY and sent is not None:
            await turn_context.send_activity(
                t.ALREADY_SENT.get(lang).format(reference=sent.reference)
            )
        elif outcome is WriteOutcome.DONE and sent is not None:
            network = self._service.network_name(sent.network_id)
            await self._audit.record(
                "needs.submitted",
                actor=_actor(turn_context),
                subject=sent.reference or "",
                network=sent.network_id,
                late=sent.late,
            )
            if sent.late:
                await turn_context.send_activity(t.LATE_NOTE.get(lang))
            reached = 0
            if sent.network_id is not None:
                try:
                    card = self._cards.render(views.notification_card(sent, network))
                    reached = await self._notify(sent.network_id, card, "needs.notice")
                except Exception:  # the report is sent; a failed notice must not undo that
                    log.exception(
                        "coordinator notification failed",
                        extra={"conversation_id": turn_context.activity.conversation.id},
                    )
            receipt = views.receipt_card(sent, network, reached, lang)
            await self._send(turn_context, receipt)
        else:
            await turn_context.send_activity(t.STALE.get(lang))

    async def _withdraw(
        self, turn_context: TurnContext, report: StoredReport, payload: NeedsPayload
    ) -> None:
        lang = language(turn_context)
        if report.status is not Status.SUBMITTED:
            await turn_context.send_activity(t.ONLY_SENT.get(lang))
            return
        if payload.op == "withdraw":
            choice = ChoiceCard(
                title=t.WITHDRAW_TITLE.get(lang).format(reference=report.reference),
                text=t.WITHDRAW_TEXT.get(lang),
                choices=[
                    Button(
                        title=t.WITHDRAW_YES.get(lang),
                        data=needs("confirm_withdraw", report.id, report.version),
                    )
                ],
            )
            await self._send(turn_context, choice)
            return
        outcome = await self._service.reports.withdraw(
            report.id, payload.version, author=author_of(turn_context)
        )
        if outcome is WriteOutcome.DONE:
            await self._audit.record(
                "needs.withdrawn", actor=_actor(turn_context), subject=report.reference or ""
            )
            text = t.WITHDRAWN_NAMED.get(lang).format(reference=report.reference)
            await turn_context.send_activity(text)
        else:
            await turn_context.send_activity(t.STALE.get(lang))

    async def _send(self, turn_context: TurnContext, view: CardView) -> None:
        await turn_context.send_activity(card_message(self._cards, view))


def _actor(turn_context: TurnContext) -> str:
    """Who acted, for the audit log: the Azure AD object id when Teams sends one."""
    sender = turn_context.activity.from_property
    return str(sender.aad_object_id or sender.id)
