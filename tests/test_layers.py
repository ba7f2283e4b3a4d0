"""The domain core stays free of the channel: the Bot Framework SDK is archived, and a move to
the Microsoft 365 Agents SDK must not reach the scheme, the language logic, the answers, the
reminder planning, the form's services or the cards."""

from __future__ import annotations

import subprocess
import sys

CORE = (
    "bot.scheme",
    "bot.understanding.recognizer",
    "bot.qa.answers",
    "bot.needs.service",
    "bot.reminders.planning",
    "bot.reminders.rules",
    "bot.reminders.worker",
    "cards.renderer",
    "cards.views",
)
CHANNEL = ("botbuilder", "botframework", "aiohttp", "msrest")


def test_the_domain_core_imports_no_channel_code() -> None:
    program = (
        "import importlib, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({CHANNEL!r})))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout.strip()

    assert found == "[]"
