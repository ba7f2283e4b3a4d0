"""`laget chat`: the same bot in a terminal, cards as text, card forms completed by number."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Laget, build_laget
from bot.scheme.roles import RoleAssignment
from bot.settings import Settings
from bot.store.roles import RolesRepository
from bot.teams.chat import ChatClient, chat_object_id, repl
from tests.activities import say, texts
from tests.conftest import StartBot


@pytest.fixture
async def laget(settings: Settings) -> AsyncIterator[Laget]:
    built = await build_laget(settings)
    yield built
    await built.close()


async def test_a_card_is_completed_by_pressing_numbers(laget: Laget) -> None:
    typed = iter(["hjelp", "4", "2", "Indre Fosen", "/slutt"])
    shown: list[str] = []

    async def read(_prompt: str) -> str:
        return next(typed)

    await repl(ChatClient(laget, user="kari"), read, shown.append)

    transcript = "\n".join(shown)
    assert "[4] Fortell hvor jeg jobber" in transcript
    assert "[2] Skole" in transcript
    assert "Takk! Jeg har notert: Skole i Indre Fosen" in transcript


async def test_chat_and_http_are_the_same_bot_and_database(
    laget: Laget, start_bot: StartBot, settings: Settings
) -> None:
    chat = ChatClient(laget, user="kari")
    await chat.send(text="om meg")
    await chat.send(text="SFO")

    http = await start_bot(settings)
    replies = await say(http, "hei")
    assert "Hei! Jeg er Laget" in texts(replies)

    [reply] = await chat.send(text="Hitra")
    assert reply.text == "Takk! Jeg har notert: SFO i Hitra. Skriv «om meg» hvis du vil endre det."


def run_cli(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "LAGET_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/l.db"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli.main", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        check=False,
    )


def test_chat_say_prints_the_reply_and_a_dialog_continues_in_the_next_process(
    tmp_path: Path,
) -> None:
    first = run_cli("chat", "--say", "om meg", tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "[1] Barnehage" in first.stdout

    second = run_cli("chat", "--say", "1", tmp_path=tmp_path)
    assert "Hvilken kommune jobber du i?" in second.stdout


def test_serve_refuses_a_public_host_without_an_app_id(tmp_path: Path) -> None:
    result = run_cli("serve", "--host", "0.0.0.0", tmp_path=tmp_path, MicrosoftAppId="")

    assert result.returncode == 2
    assert "Nekter å starte på 0.0.0.0 uten autentisering" in result.stderr
    assert "MicrosoftAppId" in result.stderr


async def test_a_chat_user_granted_a_role_fills_a_form_and_enter_keeps_values(
    laget: Laget,
) -> None:
    role = RoleAssignment(
        aad_object_id=chat_object_id("kari"), role="coordinator", network_id="fosen"
    )
    await RolesRepository(laget.engine).grant(role, name="Kari")
    typed = iter(
        ["beslutningsgrunnlag", "1", "1", "3", "", "1,2", "", "1", "1", "", "", "", "", "/slutt"]
    )
    prompts: list[str] = []
    shown: list[str] = []

    async def read(prompt: str) -> str:
        prompts.append(prompt)
        return next(typed)

    await repl(ChatClient(laget, user="kari"), read, shown.append)

    transcript = "\n".join(shown)
    assert f"Azure AD-id {chat_object_id('kari')}" in transcript
    assert "Beslutningsgrunnlag for Fosen 2027" in transcript
    assert transcript.count("NTNU · Indre Fosen, Osen") == 2  # saved, then kept by Enter
    assert any("[NTNU]" in prompt for prompt in prompts)  # the value Enter keeps, shown
