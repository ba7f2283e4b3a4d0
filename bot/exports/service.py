"""Exports from Teams: a link for those allowed, a spreadsheet made when the link is used.

Every step is audited: a link made (by whom, for which network), a download, and a refused
request with its reason (no right to the network, an unknown, used or expired link).
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.audit import Audit
from bot.exports.model import ExportLinkStore, Use, token_hash
from bot.needs.model import ReportStore
from bot.scheme.models import RegionData
from bot.scheme.roles import Permission, RoleDirectory, allowed

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Download:
    """What a link gave: the file, or why not."""

    use: Use
    body: bytes = b""
    filename: str = ""


class ExportService:
    """Links to a network's sent behovsmeldinger as a spreadsheet."""

    def __init__(
        self,
        links: ExportLinkStore,
        *,
        reports: ReportStore,
        roles: RoleDirectory,
        region: RegionData,
        audit: Audit,
        clock: Callable[[], datetime],
    ) -> None:
        self._links = links
        self._reports = reports
        self._roles = roles
        self._region = region
        self._audit = audit
        self._clock = clock

    async def may_export(self, aad_object_id: str | None, network_id: str) -> bool:
        """The network's coordinators and administrators may."""
        person = await self._roles.person(aad_object_id)
        return person is not None and allowed(person, Permission.VIEW_NETWORK_REPORTS, network_id)

    async def offer(self, aad_object_id: str | None, network_id: str, year: int) -> str | None:
        """A new link's token for someone allowed to export the network, else None."""
        actor = aad_object_id or "unknown"
        if network_id not in self._region.network_ids or not await self.may_export(
            aad_object_id, network_id
        ):
            await self._audit.record("export.refused", actor=actor, subject=network_id, why="role")
            return None
        token = secrets.token_urlsafe(32)
        await self._links.create(token_hash(token), network_id, year, actor, self._clock())
        await self._audit.record("export.link_made", actor=actor, subject=network_id, year=year)
        return token

    async def download(self, token: str) -> Download:
        """The spreadsheet a link stands for, once; every use is audited."""
        use, link = await self._links.use(token_hash(token[:200]), self._clock())
        if link is None or use != "ok":
            subject = link.network_id if link else ""
            actor = link.created_by if link else "link:unknown"
            await self._audit.record("export.refused", actor=actor, subject=subject, why=use)
            return Download(use)
        found = await self._reports.for_network(link.network_id, link.year)
        name = self._region.network(link.network_id).name
        buffer = io.BytesIO()
        # openpyxl (and lxml) only when a spreadsheet is made: the server need not load them.
        from bot.needs.export import write_xlsx  # noqa: PLC0415

        rows = write_xlsx(buffer, found, f"{name} {link.year}")
        await self._audit.record(
            "needs.exported",
            actor=link.created_by,
            subject=link.network_id,
            year=link.year,
            rows=rows,
            via="link",
        )
        return Download(
            "ok", buffer.getvalue(), f"behovsmeldinger-{link.network_id}-{link.year}.xlsx"
        )
