"""The house's rules are import contracts (`[tool.importlinter]` in pyproject.toml, run by
`lint-imports` in `make test`). This test keeps them whole: a new module of bot/ must fall
under the contract that keeps Bot Framework out, unless it is one of the three packages allowed
to speak it."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path
from typing import Any

import bot

ROOT = Path(__file__).resolve().parents[1]
SPEAKS_BOT_FRAMEWORK = {"bot.teams", "bot.cli", "bot.bench"}


def _contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_every_module_of_bot_is_kept_from_bot_framework_or_allowed_to_speak_it() -> None:
    channel = next(c for c in _contracts() if "botbuilder" in c["forbidden_modules"])
    covered = set(channel["source_modules"])
    modules = {f"bot.{m.name}" for m in pkgutil.iter_modules(bot.__path__)}

    assert modules - covered - SPEAKS_BOT_FRAMEWORK == set()
    assert {"botbuilder", "botframework", "aiohttp", "msrest"} <= set(channel["forbidden_modules"])


def test_every_feature_is_kept_from_the_store() -> None:
    store = next(c for c in _contracts() if c["forbidden_modules"] == ["bot.store"])
    features = {"bot.needs", "bot.qa", "bot.reminders", "bot.profile", "dialogs", "cards"}

    assert features <= set(store["source_modules"])
