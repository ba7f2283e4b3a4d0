"""The report (rapportering) in Teams: «rapport» (a coordinator's own network), «rapport for
Fosen» or «rapport for PPT-ledernettverket» (administrators), «rapporter for alle nettverk»
(administrators), and every `ReportPayload` button. Decisions are `ReportService`'s; every
button's report id is checked against the person pressing it."""

from __future__ import annotations

from typing import Any

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogContext

from bot.audit import Audit
from bot.decision_basis.form import measure
from bot.decision_basis.model import Status, StoredBasis, WriteOutcome
from bot.decision_basis.service import StaleBasis
from bot.decision_basis.views import merge_notes
from bot.reporting import texts as t
from bot.reporting import views
from bot.reporting.form import FIELD_BY_NAME, PPT_PARTY
from bot.reporting.service import ReportService
from bot.teams.messages import card_message
from bot.teams.routing import Router
from bot.teams.turn_language import language
from bot.understanding.commands import Command, match_report_for
from cards.payloads import ReportPayload
from cards.renderer import CardRenderer
from cards.views import CardView
from dialogs.decision_basis.dialog import editor_of
from dialogs.reporting.dialog import ReportDialog


class ReportingFeature:
    """Report commands and buttons."""

    def __init__(self, service: ReportService, *, cards: CardRenderer, audit: Audit) -> None:
        self._service = service
        self._cards = cards
        self._audit = audit

    def router(self) -> Router:
        """Its commands, the named way in, and its buttons."""
        return Router(
            commands={Command.REPORT: self.open_own, Command.REPORTS_OVERVIEW: self.overview},
            payloads={ReportPayload: self.on_payload},
            phrases=[(match_report_for, self.open_named)],
            dialogs=[ReportDialog(self._service, self.show_summary)],
        )

    async def open_own(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        """«rapport»: the coordinator's own network's report on the year due next."""
        lang = language(turn_context)
        aad = turn_context.activity.from_property.aad_object_id
        network_id = await self._service.own_network(aad)
        if network_id is None:
            admin = await self._service.is_admin(aad)
            await turn_context.send_activity((t.WHICH if admin else t.REFUSED).get(lang))
            return
        await self._open(turn_context, network_id)

    async def open_named(self, turn_context: TurnContext, _dc: DialogContext, name: str) -> None:
        """«rapport for Fosen», «rapport for PPT-ledernettverket»."""
        party = self._service.find_party(name)
        if party is None:
            await turn_context.send_activity(
                t.NO_SUCH.get(language(turn_context)).format(name=name)
            )
            return
        await self._open(turn_context, party)

    async def _open(self, turn_context: TurnContext, party: str) -> None:
        editor = editor_of(turn_context)
        if not await self._service.may_edit(editor.aad_id, party):
            await turn_context.send_activity(t.REFUSED.get(language(turn_context)))
            return
        await self.show_summary(turn_context, await self._service.open(party, editor))

    async def overview(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        """«rapporter for alle nettverk», for administrators."""
        lang = language(turn_context)
        if not await self._service.is_admin(turn_context.activity.from_property.aad_object_id):
            await turn_context.send_activity(t.OVERVIEW_REFUSED.get(lang))
            return
        year = self._service.year()
        rows = [(name, report) for _, name, report in await self._service.overview(year)]
        card = views.overview_card(rows, year, self._service.deadline(year), lang)
        await self._send(turn_context, card)

    async def on_payload(
        self, turn_context: TurnContext, dc: DialogContext, payload: ReportPayload
    ) -> None:
        """A report button (or a form's «Lagre»)."""
        lang = language(turn_context)
        editor = editor_of(turn_context)
        report = await self._service.get(payload.report, editor.aad_id)
        if report is None:
            await turn_context.send_activity(t.NOT_FOUND.get(lang))
            return
        await dc.cancel_all_dialogs()
        if payload.op == "summary":
            await self.show_summary(turn_context, report)
        elif payload.op == "steps":
            await dc.begin_dialog(ReportDialog.__name__, {"report": report.id})
        elif payload.op == "form":
            await self._form(turn_context, report, payload.part or "conditions", payload.measure)
        elif payload.op == "save":
            await self._save(turn_context, report, payload)
        elif payload.op == "add_measure":
            try:
                fresh, measure_id = await self._service.add_measure(report, editor)
            except StaleBasis:
                fresh = await self._service.store.get(report.id) or report
                await turn_context.send_activity(t.STALE.get(lang).format(version=fresh.version))
                return
            await self._form(turn_context, fresh, "measure", measure_id)
        elif payload.op == "confirm_send":
            await self._confirm(turn_context, report, payload.version)
        else:
            await self._send_report(turn_context, report, payload.version)

    async def show_summary(self, turn_context: TurnContext, report: StoredBasis) -> None:
        """The report at a glance."""
        card = views.summary_card(
            report,
            await self._service.sums(report),
            name=self._service.party_name(report.network_id),
            lang=language(turn_context),
            due=self._service.deadline(report.year),
        )
        await self._send(turn_context, card)

    async def _form(
        self, turn_context: TurnContext, report: StoredBasis, part: Any, measure_id: int, **kw: Any
    ) -> None:
        lang = language(turn_context)
        if part == "measure" and measure(report.document, measure_id) is None:
            await turn_context.send_activity(t.NOT_FOUND.get(lang))
            return
        card = views.part_form(
            report,
            part,
            name=self._service.party_name(report.network_id),
            lang=lang,
            measure_id=measure_id,
            **kw,
        )
        await self._send(turn_context, card)

    async def _save(
        self, turn_context: TurnContext, report: StoredBasis, payload: ReportPayload
    ) -> None:
        lang = language(turn_context)
        part = payload.part or "conditions"
        values = payload.inputs()
        try:
            saved = await self._service.save_part(
                report,
                part,
                values,
                editor_of(turn_context),
                lang=lang,
                base_version=payload.version,
                measure_id=payload.measure or None,
            )
        except StaleBasis:
            fresh = await self._service.store.get(report.id) or report
            await turn_context.send_activity(t.STALE.get(lang).format(version=fresh.version))
            await self.show_summary(turn_context, fresh)
            return
        for note in merge_notes(saved, FIELD_BY_NAME, lang):  # someone saved meanwhile
            await turn_context.send_activity(note)
        if saved.errors or saved.conflicts:
            shown = {name: values[name] for name in saved.errors if name in values}
            await self._form(
                turn_context,
                saved.basis,
                part,
                payload.measure,
                errors=saved.errors,
                warnings=saved.warnings,
                values=shown,
            )
            return
        for warning in saved.warnings.values():
            await turn_context.send_activity(warning)
        await self.show_summary(turn_context, saved.basis)

    async def _confirm(self, turn_context: TurnContext, report: StoredBasis, version: int) -> None:
        lang = language(turn_context)
        if report.status is Status.SENT:
            text = t.ALREADY_SENT.get(lang).format(reference=report.reference)
            await turn_context.send_activity(text)
            return
        if version != report.version:
            await turn_context.send_activity(t.STALE.get(lang).format(version=report.version))
            await self.show_summary(turn_context, report)
            return
        sums = await self._service.sums(report)
        await self._send(turn_context, views.confirm_card(report, sums, lang))

    async def _send_report(
        self, turn_context: TurnContext, report: StoredBasis, version: int
    ) -> None:
        lang = language(turn_context)
        editor = editor_of(turn_context)
        sending = await self._service.send(report.id, version, editor)
        sent = sending.report
        if sending.outcome is WriteOutcome.ALREADY and sent is not None:
            await turn_context.send_activity(
                t.ALREADY_SENT.get(lang).format(reference=sent.reference)
            )
        elif sending.outcome is WriteOutcome.DONE and sent is not None:
            await self._audit.record(
                "report.sent",
                actor=editor.aad_id or editor.id,
                subject=sent.reference or "",
                network=sent.network_id,
                late=sent.late,
            )
            receipt = views.receipt_card(
                sent,
                await self._service.sums(sent),
                name=self._service.party_name(sent.network_id),
                lang=lang,
                due=self._service.deadline(sent.year),
                party_is_network=sent.network_id != PPT_PARTY,
            )
            await self._send(turn_context, receipt)
        elif sent is not None and sending.missing:
            await turn_context.send_activity(t.INCOMPLETE.get(lang))
            await self.show_summary(turn_context, sent)
        elif sent is not None:
            await turn_context.send_activity(t.STALE.get(lang).format(version=sent.version))
            await self.show_summary(turn_context, sent)
        else:
            await turn_context.send_activity(t.NOT_FOUND.get(lang))

    async def _send(self, turn_context: TurnContext, view: CardView) -> None:
        await turn_context.send_activity(card_message(self._cards, view))
