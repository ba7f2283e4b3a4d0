"""`laget privacy scan [--redact]`: national identity numbers already stored, found and removed.

It prints where each one stands (table, row, column), never the text. With `--redact` each
is replaced by «[fjernet]» and the redaction is audited. Exit code 1 when numbers were found
and left in place, so a scheduled check can alert.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.audit import cli_actor
from bot.settings import Settings
from bot.store.audit import AuditLog
from bot.store.db import create_engine
from bot.store.migrate import upgrade_async
from bot.store.privacy_scan import Finding, redact, scan


def add_commands(commands: Any) -> None:
    """Register `privacy scan` on the `laget` parser."""
    privacy = commands.add_parser("privacy", help="personvern").add_subparsers(
        dest="privacy_command", required=True
    )
    found = privacy.add_parser("scan", help="finn fødselsnummer som alt er lagret")
    found.add_argument("--redact", action="store_true", help="erstatt dem med «[fjernet]»")


async def run(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Scan every stored text; redact what was found when asked to."""
    await upgrade_async(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        with console.status("Leter gjennom lagret tekst …"):
            findings = [finding async for finding in scan(engine)]
        if not findings:
            console.print("Fant ingen fødselsnummer i lagret tekst.")
            return 0
        console.print(_table(findings))
        if not args.redact:
            console.print(
                f"Fant {len(findings)} felt med noe som ser ut som et fødselsnummer. "
                "Kjør med --redact for å fjerne dem."
            )
            return 1
        audit = AuditLog(engine)
        removed = 0
        for finding in findings:
            if await redact(engine, finding):
                removed += 1
                await audit.record(
                    "privacy.redacted",
                    actor=cli_actor(),
                    subject=f"{finding.table}:{finding.row}",
                    column=finding.column,
                )
        console.print(f"Fjernet fødselsnummer fra {removed} felt. Hver fjerning er logget.")
        return 0
    finally:
        await engine.dispose()


def _table(findings: list[Finding]) -> Table:
    table = Table("tabell", "rad", "kolonne", title="Lagret tekst med fødselsnummer")
    for finding in findings:
        table.add_row(finding.table, finding.row, finding.column)
    return table
