"""Download links for a network's spreadsheet: what they are and where they are kept.

A link is `/exports/<token>`: 32 random bytes, shown once to the person who asked for it,
usable once, for `LINK_LIFETIME`. Only the SHA-256 of the token is stored, so reading the
database gives no working link; the file is made when the link is used, so nothing is kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

LINK_LIFETIME = timedelta(minutes=10)
Use = Literal["ok", "unknown", "used", "expired"]


def token_hash(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class ExportLink:
    """One link: whose data, made by whom, until when."""

    network_id: str
    year: int
    created_by: str
    expires_at: datetime
    used_at: datetime | None


class ExportLinkStore(Protocol):
    """Where links are kept (the store implements it)."""

    async def create(
        self, digest: str, network_id: str, year: int, created_by: str, now: datetime
    ) -> ExportLink:
        """Keep a new link, valid for LINK_LIFETIME from `now`."""
        ...

    async def use(self, digest: str, now: datetime) -> tuple[Use, ExportLink | None]:
        """Use a link once (atomically: two requests at once get it once)."""
        ...
