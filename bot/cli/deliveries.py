"""`laget deliveries send|status`: messages to other people than the one in a turn.

`send` runs one delivery pass, as the worker inside `laget serve` does (for cron when
LAGET_DELIVERY_INTERVAL is 0). `status` shows each message's state, attempts and the class of
its last error (throttled, unreachable, blocked, gone, failed, unknown), never its content.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.app import build_laget
from bot.reminders.texts import pass_summary
from bot.scheme import OSLO
from bot.settings import Settings
from bot.store.deliveries import DeliveryOutbox

KINDS = {
    "needs.notice": "behovsmelding sendt",
    "qa.question": "spørsmål til koordinatorene",
    "qa.answer": "svar til den som spurte",
}


def add_commands(commands: Any) -> None:
    """Register `laget deliveries …`."""
    deliveries = commands.add_parser(
        "deliveries", help="meldinger til andre (varsler, spørsmål, svar)"
    ).add_subparsers(dest="deliveries_command", required=True)
    deliveries.add_parser("send", help="send det som venter (for cron)")
    status = deliveries.add_parser("status", help="leveringsstatus for hver melding")
    status.add_argument("--limit", type=int, default=100)
    status.add_argument("--json", action="store_true")


async def run(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Run one deliveries command."""
    laget = await build_laget(settings)
    try:
        if args.deliveries_command == "send":
            with console.status("Sender meldinger …"):
                report = await laget.deliveries.run_once(datetime.now(UTC))
            console.print(f"Meldinger: {report.get('sent', 0)} sendt.")
            details = pass_summary(dict(report))
            if details:
                console.print(details)
            return 0
        found = await DeliveryOutbox(laget.engine).recent(max(1, args.limit))
        if args.json:
            rows = [
                {
                    "id": d.id,
                    "kind": d.kind,
                    "network": d.network_id,
                    "conversation": d.conversation_id,
                    "state": d.state,
                    "attempts": d.attempts,
                    "last_error": d.last_error,
                    "created_at": d.created_at.isoformat(),
                }
                for d in found
            ]
            console.print_json(json.dumps(rows, ensure_ascii=False))
            return 0
        table = Table("nr.", "hva", "nettverk", "tilstand", "forsøk", "skrevet", "siste feil")
        for d in found:
            table.add_row(
                str(d.id),
                KINDS.get(d.kind, d.kind),
                d.network_id or "",
                d.state,
                str(d.attempts),
                f"{d.created_at.astimezone(OSLO):%Y-%m-%d %H:%M}",
                (d.last_error or "")[:80],
            )
        console.print(table if found else "Ingen meldinger er skrevet ennå.")
        return 0
    finally:
        await laget.close()
