"""The beslutningsgrunnlag in Teams: commands, typed tiltak operations and card buttons.

«beslutningsgrunnlag» (a coordinator's own network), «beslutningsgrunnlag for Fosen» (an
administrator's way in), «beslutningsgrunnlag for alle nettverk» (samarbeidsforum's overview),
«legg til tiltak», «endre tiltak 2», «fjern tiltak 2», and every `BasisPayload` button. What is
decided about a document is decided by `DecisionBasisService`; this module only talks. Every
button's document id is checked against the person pressing it (`DecisionBasisService.get`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogContext

from bot.audit import Audit
from bot.decision_basis import texts as t
from bot.decision_basis import views
from bot.decision_basis.form import FIELD_BY_NAME, measure, measures
from bot.decision_basis.model import Editor, Status, StoredBasis, WriteOutcome
from bot.decision_basis.service import DecisionBasisService, StaleBasis
from bot.teams.messages import card_message
from bot.teams.profiles import Profiles
from bot.teams.routing import Router
from bot.teams.turn_language import language
from bot.understanding.commands import Command, match_basis_for, match_measure_op
from cards.payloads import BasisPayload
from cards.renderer import CardRenderer
from cards.views import CardView
from dialogs.decision_basis.dialog import DecisionBasisDialog, editor_of

log = logging.getLogger(__name__)

# (card, kind, skip, network) -> how many conversations it was queued for
NotifyAdmins = Callable[..., Awaitable[int]]


class DecisionBasisFeature:
    """Beslutningsgrunnlag commands and buttons."""

    def __init__(
        self,
        service: DecisionBasisService,
        *,
        cards: CardRenderer,
        notify_admins: NotifyAdmins,
        audit: Audit,
        profiles: Profiles,
    ) -> None:
        self._service = service
        self._cards = cards
        self._notify_admins = notify_admins
        self._audit = audit
        self._profiles = profiles

    def router(self) -> Router:
        """Its commands, typed tiltak operations, buttons and the step-by-step dialog."""
        return Router(
            commands={
                Command.DECISION_BASIS: self.open_own,
                Command.DECISION_BASIS_OVERVIEW: self.overview,
                Command.ADD_MEASURE: self.add_measure_typed,
            },
            payloads={BasisPayload: self.on_payload},
            phrases=[(match_basis_for, self.open_named), (match_measure_op, self.measure_typed)],
            dialogs=[DecisionBasisDialog(self._service, self.show_summary, self.tell_changed)],
        )

    # Ways in

    async def _own_network(self, turn_context: TurnContext) -> str | None:
        aad = turn_context.activity.from_property.aad_object_id
        own = await self._service.own_network(aad)
        if own is not None:
            return own
        told = (await self._profiles.get(turn_context)).network_id
        return told if told and await self._service.may_edit(aad, told) else None

    async def open_own(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        """«beslutningsgrunnlag»: the coordinator's own network's document."""
        lang = language(turn_context)
        aad = turn_context.activity.from_property.aad_object_id
        network_id = await self._own_network(turn_context)
        if network_id is None:
            admin = await self._service.is_admin(aad)
            await turn_context.send_activity((t.WHICH_NETWORK if admin else t.REFUSED).get(lang))
            return
        await self._open(turn_context, network_id)

    async def open_named(self, turn_context: TurnContext, _dc: DialogContext, name: str) -> None:
        """«beslutningsgrunnlag for Fosen»."""
        lang = language(turn_context)
        network_id = self._service.find_network(name)
        if network_id is None:
            await turn_context.send_activity(t.NO_SUCH_NETWORK.get(lang).format(name=name))
            return
        await self._open(turn_context, network_id)

    async def _open(self, turn_context: TurnContext, network_id: str) -> None:
        lang = language(turn_context)
        editor = editor_of(turn_context)
        if not await self._service.may_edit(editor.aad_id, network_id):
            await turn_context.send_activity(t.REFUSED.get(lang))
            return
        basis = await self._service.open(network_id, editor)
        profile = await self._profiles.get(turn_context)
        if profile.basis_network != network_id:
            await self._profiles.set(
                turn_context, profile.model_copy(update={"basis_network": network_id})
            )
        await self.show_summary(turn_context, basis)

    async def overview(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        """«beslutningsgrunnlag for alle nettverk», for administrators."""
        lang = language(turn_context)
        if not await self._service.is_admin(turn_context.activity.from_property.aad_object_id):
            await turn_context.send_activity(t.OVERVIEW_REFUSED.get(lang))
            return
        year = self._service.year()
        rows = await self._service.overview(year)
        totals = await self._service.topic_totals(year)
        await self._send(turn_context, views.overview_card(rows, totals, year, lang))

    async def _typed_basis(self, turn_context: TurnContext) -> StoredBasis | None:
        """The document a typed «legg til tiltak» or «endre tiltak 2» is about: the one the
        person opened last, else their own network's."""
        lang = language(turn_context)
        aad = turn_context.activity.from_property.aad_object_id
        last = (await self._profiles.get(turn_context)).basis_network
        opened = last if last and await self._service.may_edit(aad, last) else None
        network_id = opened or await self._own_network(turn_context)
        if network_id is None:
            await turn_context.send_activity(t.REFUSED.get(lang))
            return None
        return await self._service.open(network_id, editor_of(turn_context))

    async def add_measure_typed(self, turn_context: TurnContext, _dc: DialogContext) -> None:
        """«legg til tiltak» outside the step-by-step dialog: a new tiltak's card."""
        basis = await self._typed_basis(turn_context)
        if basis is not None:
            await self._add_measure(turn_context, basis)

    async def measure_typed(self, turn_context: TurnContext, _dc: DialogContext, op: str) -> None:
        """«endre tiltak 2» (its card) or «fjern tiltak 2» (asks first)."""
        lang = language(turn_context)
        basis = await self._typed_basis(turn_context)
        if basis is None:
            return
        kind, _, number_text = op.partition(":")
        found = measures(basis.document)
        number = int(number_text)
        if not found:
            await turn_context.send_activity(t.NO_MEASURE_YET.get(lang))
            return
        if not 1 <= number <= len(found):
            text = t.NO_SUCH_MEASURE.get(lang).format(number=number, count=len(found))
            await turn_context.send_activity(text)
            return
        measure_id = int(found[number - 1]["id"])
        if kind == "remove":
            await self._send(turn_context, views.remove_card(basis, measure_id, lang))
        else:
            await self._part(turn_context, basis, "measure", measure_id)

    # Buttons

    async def on_payload(
        self, turn_context: TurnContext, dc: DialogContext, payload: BasisPayload
    ) -> None:
        """A beslutningsgrunnlag button (or a card form's «Lagre»)."""
        lang = language(turn_context)
        editor = editor_of(turn_context)
        basis = await self._service.get(payload.basis, editor.aad_id)
        if basis is None:
            await turn_context.send_activity(t.NOT_FOUND.get(lang))
            return
        await dc.cancel_all_dialogs()
        op = payload.op
        if op == "steps":
            await dc.begin_dialog(DecisionBasisDialog.__name__, {"basis": basis.id})
        elif op == "summary":
            await self.show_summary(turn_context, basis)
        elif op == "form":
            await self._part(turn_context, basis, payload.part or "header", payload.measure)
        elif op == "save":
            await self._save(turn_context, basis, payload)
        elif op == "add_measure":
            await self._add_measure(turn_context, basis)
        elif op == "remove_measure":
            await self._send(turn_context, views.remove_card(basis, payload.measure, lang))
        elif op == "confirm_remove":
            await self._remove(turn_context, basis, payload.measure)
        elif op == "confirm_send":
            await self._confirm_send(turn_context, basis, payload.version)
        else:
            await self._send_basis(turn_context, basis, payload.version)

    async def show_summary(self, turn_context: TurnContext, basis: StoredBasis) -> None:
        """The whole document at a glance, with its budget and what it covers."""
        lang = language(turn_context)
        card = views.summary_card(
            basis,
            await self._service.budget(basis),
            await self._service.coverage(basis),
            name=self._service.network_name(basis.network_id),
            lang=lang,
            due=self._service.deadline(basis),
            example_grouping=self._service.grouping_is_example(basis.network_id),
        )
        await self._send(turn_context, card)

    async def _part(
        self,
        turn_context: TurnContext,
        basis: StoredBasis,
        part: Any,
        measure_id: int = 0,
        **kwargs: Any,
    ) -> None:
        lang = language(turn_context)
        if part == "measure" and measure(basis.document, measure_id) is None:
            await turn_context.send_activity(t.NOT_FOUND.get(lang))
            return
        card = views.part_form(
            basis,
            part,
            await self._service.budget(basis),
            name=self._service.network_name(basis.network_id),
            lang=lang,
            members=self._service.members(basis.network_id),
            measure_id=measure_id or None,
            **kwargs,
        )
        await self._send(turn_context, card)

    async def _save(
        self, turn_context: TurnContext, basis: StoredBasis, payload: BasisPayload
    ) -> None:
        lang = language(turn_context)
        part = payload.part or "header"
        values = payload.inputs()
        try:
            saved = await self._service.save_part(
                basis,
                part,
                values,
                editor_of(turn_context),
                lang=lang,
                base_version=payload.version,
                measure_id=payload.measure or None,
            )
        except StaleBasis:
            fresh = await self._service.store.get(basis.id) or basis
            await turn_context.send_activity(t.STALE.get(lang).format(version=fresh.version))
            await self.show_summary(turn_context, fresh)
            return
        notes = views.merge_notes(saved, FIELD_BY_NAME, lang)
        if saved.errors or saved.conflicts:
            shown = {name: values[name] for name in saved.errors if name in values}
            await self._part(
                turn_context,
                saved.basis,
                part,
                payload.measure,
                errors=saved.errors,
                warnings=saved.warnings,
                values=shown,
                notes=notes,
            )
            return
        for note in notes:
            await turn_context.send_activity(note)
        for warning in saved.warnings.values():
            await turn_context.send_activity(warning)
        await self._after_change(turn_context, saved.basis)

    async def _after_change(self, turn_context: TurnContext, basis: StoredBasis) -> None:
        """A sent document changed: the administrators are told what; else the summary."""
        lang = language(turn_context)
        if basis.status is not Status.SENT:
            await self.show_summary(turn_context, basis)
            return
        await self.tell_changed(turn_context, basis)
        text = t.CHANGE_SAVED.get(lang).format(version=basis.version, reference=basis.reference)
        await turn_context.send_activity(text)
        await self.show_summary(turn_context, basis)

    async def tell_changed(
        self, turn_context: TurnContext, basis: StoredBasis, since: int | None = None
    ) -> None:
        """A sent document was changed (by a card, or by the steps since version `since`):
        audited, and the administrators told what changed."""
        editor = editor_of(turn_context)
        lines = await self._service.changes(basis, "nb", since=since)
        name = self._service.network_name(basis.network_id)
        await self._audit.record(
            "basis.changed",
            actor=editor.aad_id or editor.id,
            subject=basis.reference or "",
            version=basis.version,
        )
        try:
            card = self._cards.render(views.changed_card(basis, name, editor.name, lines))
            await self._notify_admins(card, "basis.changed", skip=editor.aad_id)
        except Exception:  # the change is saved; a failed notice must not undo that
            log.exception("decision basis change notice failed")

    async def _add_measure(self, turn_context: TurnContext, basis: StoredBasis) -> None:
        try:
            fresh, measure_id = await self._service.add_measure(basis, editor_of(turn_context))
        except StaleBasis:
            await turn_context.send_activity(t.BUSY.get(language(turn_context)))
            return
        await self._part(turn_context, fresh, "measure", measure_id)

    async def _remove(self, turn_context: TurnContext, basis: StoredBasis, measure_id: int) -> None:
        lang = language(turn_context)
        try:
            fresh = await self._service.remove_measure(basis, measure_id, editor_of(turn_context))
        except StaleBasis:
            fresh = None
        if fresh is None:
            await turn_context.send_activity(t.NOT_FOUND.get(lang))
            return
        await turn_context.send_activity(t.REMOVED.get(lang))
        await self._after_change(turn_context, fresh)

    async def _confirm_send(
        self, turn_context: TurnContext, basis: StoredBasis, version: int
    ) -> None:
        lang = language(turn_context)
        if basis.status is Status.SENT:
            await turn_context.send_activity(
                t.ALREADY_SENT.get(lang).format(reference=basis.reference)
            )
            return
        if version != basis.version:
            await turn_context.send_activity(t.STALE.get(lang).format(version=basis.version))
            await self.show_summary(turn_context, basis)
            return
        budget = await self._service.budget(basis)
        if budget.over:  # refused at once rather than after «Ja»
            await self._send_basis(turn_context, basis, version)
            return
        await self._send(turn_context, views.confirm_card(basis, budget, lang))

    async def _send_basis(
        self, turn_context: TurnContext, basis: StoredBasis, version: int
    ) -> None:
        lang = language(turn_context)
        editor = editor_of(turn_context)
        sending = await self._service.send(basis.id, version, editor)
        sent = sending.basis
        if sending.outcome is WriteOutcome.ALREADY and sent is not None:
            text = t.ALREADY_SENT.get(lang).format(reference=sent.reference)
            await turn_context.send_activity(text)
        elif sending.outcome is WriteOutcome.DONE and sent is not None:
            await self._sent(turn_context, sent, editor)
        elif sent is not None and sending.over:
            budget = await self._service.budget(sent)
            await self._send(turn_context, views.over_card(sent, sending, budget, lang))
        elif sent is not None and sending.missing:
            await turn_context.send_activity(t.INCOMPLETE.get(lang))
            await self.show_summary(turn_context, sent)
        elif sent is not None:
            await turn_context.send_activity(t.STALE.get(lang).format(version=sent.version))
            await self.show_summary(turn_context, sent)
        else:
            await turn_context.send_activity(t.NOT_FOUND.get(lang))

    async def _sent(self, turn_context: TurnContext, sent: StoredBasis, editor: Editor) -> None:
        lang = language(turn_context)
        budget = await self._service.budget(sent)
        name = self._service.network_name(sent.network_id)
        await self._audit.record(
            "basis.sent",
            actor=editor.aad_id or editor.id,
            subject=sent.reference or "",
            network=sent.network_id,
            late=sent.late,
        )
        reached = 0
        due = self._service.deadline(sent)
        try:
            card = self._cards.render(views.notice_card(sent, budget, name, due))
            reached = await self._notify_admins(
                card, "basis.sent", skip=editor.aad_id, network_id=sent.network_id
            )
        except Exception:  # the document is sent; a failed notice must not undo that
            log.exception("decision basis notice failed")
        receipt = views.receipt_card(sent, budget, name=name, reached=reached, lang=lang, due=due)
        await self._send(turn_context, receipt)

    async def _send(self, turn_context: TurnContext, view: CardView) -> None:
        await turn_context.send_activity(card_message(self._cards, view))
