"""Putting the reminder engine together from the stores it is given (by the composition root).

No Bot Framework here: the `Sender` (over the Teams channel) is passed in. The behovsmelding
feeds the planner: a network's owners count as done with the behovsmelding step once they
have sent one, and the people drafting one are the owners' contacts for owner reminders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.needs.model import ReportStore, Status
from bot.reminders.card import ReminderCards
from bot.reminders.model import CompletionStore, ConversationDirectory, LinkStore, ReminderOutbox
from bot.reminders.progress import StoredProgress
from bot.reminders.rules import ReminderRules, load_rules
from bot.reminders.sender import Sender
from bot.reminders.targets import OwnerContact, StoredTargets
from bot.reminders.worker import ReminderWorker
from bot.scheme import RegionData
from bot.scheme.roles import RoleDirectory
from cards.renderer import CardRenderer


@dataclass(frozen=True)
class Reminders:
    """The reminder engine's parts, for the worker, the Teams commands and the CLI."""

    rules: ReminderRules
    outbox: ReminderOutbox
    links: LinkStore
    completions: CompletionStore
    targets: StoredTargets
    progress: StoredProgress
    cards: ReminderCards
    worker: ReminderWorker


def assemble(
    *,
    region: RegionData,
    outbox: ReminderOutbox,
    links: LinkStore,
    completions: CompletionStore,
    references: ConversationDirectory,
    roles: RoleDirectory,
    reports: ReportStore,
    sender: Sender,
    renderer: CardRenderer,
    clock: Callable[[], datetime],
    cycle_year: Callable[[datetime], int],
) -> Reminders:
    """Every part, wired to the stores and the channel the composition root passes in."""
    rules = load_rules(region)

    async def submitted_owners(network_id: str, cycle_year: int) -> list[str]:
        found = await reports.for_network(network_id, cycle_year)
        return [
            str(r.answers.get("municipality", "")) for r in found if r.status is Status.SUBMITTED
        ]

    async def owner_contacts() -> list[OwnerContact]:
        found = await reports.in_year(cycle_year(clock()))
        return [
            OwnerContact(
                r.network_id, str(r.answers["municipality"]), r.author_aad_id, r.author_name
            )
            for r in found
            if r.network_id and r.author_aad_id and r.answers.get("municipality")
        ]

    cards = ReminderCards(region, rules, renderer)
    targets = StoredTargets(region, references, roles, links, owner_contacts=owner_contacts)
    progress = StoredProgress(region, completions, submitted_owners=submitted_owners)
    worker = ReminderWorker(
        region=region,
        rules=rules,
        targets=targets,
        progress=progress,
        references=targets,
        outbox=outbox,
        sender=sender,
        cards=cards,
        clock=clock,
    )
    return Reminders(rules, outbox, links, completions, targets, progress, cards, worker)
