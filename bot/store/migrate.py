"""Applying Alembic migrations from code (`laget db upgrade` and `laget serve`).

A server whose database is already at the newest revision does not import Alembic at all
(with Mako and Pygments it is some 10 MiB a process keeps for nothing): the revision in
`alembic_version` is compared with the newest migration file first. Revisions are numbered
in order («0001» … «0011»), so the newest is the highest file name.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bot.store.db import create_engine, ensure_sqlite_dir

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def head_revision() -> str:
    """The newest migration's revision id (its file name's number)."""
    return max(
        found.group(1)
        for path in (MIGRATIONS / "versions").iterdir()
        if (found := _REVISION_FILE.match(path.name))
    )


async def current_revision(url: str) -> str | None:
    """The revision the database at `url` is at (None: not migrated, or not reachable)."""
    ensure_sqlite_dir(url)
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            found = await connection.execute(text("SELECT version_num FROM alembic_version"))
            return found.scalar_one_or_none()
    except SQLAlchemyError:
        return None
    finally:
        await engine.dispose()


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at our migrations, independent of the working directory."""
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at `url` up to `revision` (blocking; call from a thread in async code)."""
    from alembic import command  # noqa: PLC0415  (only when there is something to apply)

    ensure_sqlite_dir(url)
    command.upgrade(alembic_config(url), revision)


async def upgrade_async(url: str, revision: str = "head") -> None:
    """`upgrade` without blocking the event loop (Alembic drives its own loop in env.py); a
    database already at the newest revision is left alone without loading Alembic."""
    if revision == "head" and await current_revision(url) == head_revision():
        return
    await asyncio.to_thread(upgrade, url, revision)
