"""`laget reminders plan|send|status`: the reminder engine from the command line (and cron).

`send` runs one pass, exactly what the worker inside `laget serve` does, so a cron job and
several servers may run it at the same time: each reminder still goes out at most once.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.app import Laget, build_laget
from bot.reminders.planning import plan
from bot.reminders.texts import pass_summary
from bot.scheme import OSLO
from bot.settings import Settings
from bot.store.reminder_tables import STATES


class ReminderCliError(Exception):
    """A user error: the message is printed as is."""


def add_commands(commands: Any) -> None:
    """Register `laget reminders …`."""
    reminders = commands.add_parser("reminders", help="påminnelser om frister").add_subparsers(
        dest="reminders_command", required=True
    )
    planned = reminders.add_parser("plan", help="hva som ville blitt sendt (prøvekjøring)")
    planned.add_argument("--at", help="tidspunkt, ISO 8601 (standard: nå; uten sone: Oslo-tid)")
    planned.add_argument("--json", action="store_true")
    send = reminders.add_parser("send", help="send påminnelsene som er forfalt (for cron)")
    send.add_argument("--at", help="tidspunkt, ISO 8601 (standard: nå)")
    status = reminders.add_parser("status", help="leveringsstatus for hver påminnelse")
    status.add_argument("--json", action="store_true")


def parse_moment(text: str | None) -> datetime:
    """An ISO moment; without a zone it is read as Oslo time."""
    if text is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise ReminderCliError(
            f"«{text}» er ikke et tidspunkt (bruk for eksempel 2027-01-11T09:00)."
        ) from error
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=OSLO)


async def run(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Run one reminders command."""
    moment = parse_moment(getattr(args, "at", None))
    laget = await build_laget(settings, clock=lambda: moment)
    try:
        if args.reminders_command == "plan":
            return await _plan(laget, moment, args.json, console)
        if args.reminders_command == "send":
            # A pass can take a while (Teams' rate limits, Retry-After): show that it works.
            with console.status("Sender påminnelser …"):
                report = await laget.reminders.worker.run_once(moment)
                # Notices the pass queued (a vedtak) go out now, within the same rate limits.
                await laget.deliveries.run_once(moment)
            sent = report.get("sent", 0)
            console.print(f"Påminnelser {moment.astimezone(OSLO):%Y-%m-%d %H:%M}: {sent} sendt.")
            details = pass_summary(dict(report))
            if details:
                console.print(details)
            return 0
        return await _status(laget, args.json, console)
    finally:
        await laget.close()


async def _plan(laget: Laget, moment: datetime, as_json: bool, console: Console) -> int:
    parts = laget.reminders
    year = moment.astimezone(OSLO).year
    progress = await parts.progress.progress(range(year - 1, year + 3))
    due = plan(laget.scheme.region, parts.rules, await parts.targets.targets(), progress, moment)
    rows = [
        {
            "key": r.key,
            "step": r.step_id,
            "network": r.target.network_id,
            "target": r.target.kind,
            "conversation": r.target.conversation_id,
            "deadline": r.deadline.isoformat(),
            "offset_days": r.offset_days,
        }
        for r in due
    ]
    if as_json:
        console.print_json(json.dumps({"at": moment.isoformat(), "due": rows}))
        return 0
    table = Table(title=f"Påminnelser som er forfalt {moment.astimezone(OSLO):%Y-%m-%d %H:%M}")
    for column in ("Steg", "Nettverk", "Mottaker", "Frist", "Dager før"):
        table.add_column(column, overflow="fold")
    for r in due:
        table.add_row(
            r.step_id,
            r.target.network_id,
            r.target.kind,
            r.deadline.isoformat(),
            str(r.offset_days),
        )
    console.print(table if due else "Ingen påminnelser er forfalt på dette tidspunktet.")
    return 0


async def _status(laget: Laget, as_json: bool, console: Console) -> int:
    found = await laget.reminders.outbox.in_states(list(STATES), limit=1000)
    rows = [
        {
            "key": r.key,
            "state": r.state,
            "attempts": r.attempts,
            "last_error": r.last_error,
            "activity_id": r.activity_id,
            "due_at": r.due_at.isoformat(),
            "sent_at": r.sent_at.isoformat() if r.sent_at else None,
        }
        for r in found
    ]
    if as_json:
        console.print_json(json.dumps({"reminders": rows}))
        return 0
    table = Table(title="Påminnelser")
    for column in ("Påminnelse", "Status", "Forsøk", "Siste feil"):
        table.add_column(column, overflow="fold")
    for r in found:
        table.add_row(r.key, r.state, str(r.attempts), r.last_error or "")
    console.print(table if found else "Ingen påminnelser er skrevet ennå.")
    return 0
