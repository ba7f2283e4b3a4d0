"""The audit trail as features see it: who did what to which subject, never its contents.

Entries name the actor (an Azure AD object id, a Teams user id, or "cli:<os user>"), the action
and its subject (a reference number, a network); `detail` holds small facts, never the contents
of a report. The database layer (`bot.store.audit`) implements `Audit`.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class AuditEntry:
    """One audited action."""

    at: datetime
    actor: str
    action: str
    subject: str
    detail: dict[str, Any]


class Audit(Protocol):
    """Append to the audit log."""

    async def record(self, action: str, *, actor: str, subject: str = "", **detail: Any) -> None:
        """Append one entry."""
        ...


def cli_actor() -> str:
    """The actor name for commands run on the server."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


# What each action is called where people read the log (`laget audit`); the key stays the
# machine name (in --json and in the database).
ACTION_NAMES = {
    "needs.submitted": "behovsmelding sendt",
    "needs.changed": "behovsmelding endret",
    "needs.withdrawn": "behovsmelding trukket",
    "needs.exported": "behovsmeldinger eksportert",
    "basis.sent": "beslutningsgrunnlag sendt",
    "basis.changed": "beslutningsgrunnlag endret etter sending",
    "decision_basis.exported": "beslutningsgrunnlag eksportert",
    "report.sent": "rapport sendt",
    "reports.exported": "rapporter eksportert",
    "vedtak.decided": "vedtak registrert",
    "channel.linked": "kanal koblet til nettverk",
    "counts.imported": "elevtall og barnetall importert",
    "export.link_made": "nedlastingslenke laget",
    "export.refused": "nedlasting nektet",
    "privacy.redacted": "fødselsnummer fjernet",
    "role.granted": "rolle gitt",
    "role.revoked": "rolle tatt bort",
}


def action_name(action: str) -> str:
    """An action as Norwegian words (an unknown one as its machine name)."""
    return ACTION_NAMES.get(action, action)
