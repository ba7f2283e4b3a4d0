"""Logs as JSON lines: conversation ids and event names, never message contents or secrets.

An error is logged by its type and its place in the code, not its message (see
`describe_error`), so no path puts what a user wrote into the log.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

_CONTEXT_FIELDS = ("conversation_id", "activity_type", "path", "status", "error_type")


class JsonFormatter(logging.Formatter):
    """One JSON object per record, with the whitelisted context fields only."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        for name in _CONTEXT_FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info and record.exc_info[1] is not None:
            entry.update(describe_error(record.exc_info[1]))
        return json.dumps(entry, ensure_ascii=False)


def describe_error(error: BaseException) -> dict[str, object]:
    """An exception by its type and where it happened, never its message: a message can carry
    what a user wrote (a value that failed to parse, a statement's parameters)."""
    frames = traceback.extract_tb(error.__traceback__)
    chain: list[str] = []
    cause: BaseException | None = error
    while cause is not None and len(chain) < 5:
        chain.append(type(cause).__name__)
        cause = cause.__cause__ or cause.__context__
    return {
        "error": " <- ".join(chain),
        "stack": [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in frames[-8:]],
    }


def configure_logging(level: str = "INFO") -> None:
    """Send all logs to stderr as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    quiet_libraries()


# Libraries that log what users wrote at DEBUG or INFO: aiosqlite logs each call with its
# arguments, SQLAlchemy each statement's parameters; aiohttp logs every request line.
_QUIET = ("aiosqlite", "sqlalchemy", "asyncpg", "aiohttp.access", "msrest", "msal", "urllib3")


def quiet_libraries() -> None:
    """Keep the libraries' logs at WARNING, whatever level Laget's own logs are at."""
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
