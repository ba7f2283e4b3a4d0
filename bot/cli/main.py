"""The `laget` command: serve, chat, and database administration."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from aiohttp import web
from rich.console import Console

from bot.app import build_laget
from bot.cli import admin, deliveries, privacy, qa, reminders, teams_package
from bot.logs import configure_logging
from bot.scheme import SchemeError, load_region
from bot.settings import Settings, SettingsError
from bot.store.migrate import upgrade_async
from bot.teams.chat import ChatClient, read_stdin, render_reply, repl
from bot.teams.server import create_app


def _write(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _fail(message: str) -> int:
    sys.stderr.write(f"laget: {message}\n")
    return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="laget", description="Laget, Teams-boten.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="start boten (HTTP, Bot Framework)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=3978)

    chat = commands.add_parser("chat", help="snakk med boten i terminalen")
    chat.add_argument("--say", help="send én melding, skriv svaret og avslutt")
    chat.add_argument("--user", default="terminal", help="hvem du er i samtalen")
    chat.add_argument(
        "--aad",
        help="Azure AD-objekt-id du opptrer med (standard: en fast id for --user, vist ved start)",
    )

    admin.add_commands(commands)
    reminders.add_commands(commands)
    qa.add_commands(commands)
    privacy.add_commands(commands)
    deliveries.add_commands(commands)
    teams_package.add_commands(commands)
    # Listed here for --help; its own options are parsed by bot.bench (see main).
    commands.add_parser(
        "bench", help="mål fart og skala mot en ren ekkobot (skriver docs/benchmarks.md)"
    )

    db = commands.add_parser("db", help="databasen")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="kjør migreringer")
    return parser


def _serve(settings: Settings, host: str, port: int) -> int:
    try:
        settings.check_host(host)
    except SettingsError as error:
        return _fail(str(error))
    configure_logging(settings.log_level)
    web.run_app(create_app(settings), host=host, port=port, print=None)
    return 0


async def _chat(settings: Settings, user: str, say: str | None, aad: str | None = None) -> int:
    # The terminal is a local client: it talks to the bot in-process, so no token applies.
    laget = await build_laget(settings.model_copy(update={"microsoft_app_id": ""}))
    try:
        client = ChatClient(laget, user=user, aad=aad)
        if say is not None:
            for reply in await client.send(text=say):
                _write(render_reply(reply))
        else:
            await repl(client, read_stdin, _write)
    finally:
        await laget.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `laget` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["bench"]:
        from bot.bench.suite import main as bench  # noqa: PLC0415  (a developer tool)

        return bench(argv[1:], prog="laget bench")
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_environ()
    except SettingsError as error:
        return _fail(str(error))
    try:
        return _dispatch(args, settings)
    except (admin.CliError, reminders.ReminderCliError, SchemeError) as error:
        # Bad data files stop the bot at start; the message names file, line and field.
        return _fail(str(error))


async def _chat_command(args: argparse.Namespace, settings: Settings, _console: Console) -> int:
    return await _chat(settings, args.user, args.say, args.aad)


async def _eval_command(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    return qa.run_eval(load_region(settings.data_dir), console, args.cases)


async def _db_command(_args: argparse.Namespace, settings: Settings, _console: Console) -> int:
    await upgrade_async(settings.database_url)
    _write(f"Databasen er oppdatert ({settings.database_url.split('://')[0]}).")
    return 0


Command = Callable[[argparse.Namespace, Settings, Console], Coroutine[Any, Any, int]]
# Every command but `serve`, which runs its own event loop (aiohttp's run_app).
COMMANDS: dict[str, Command] = {
    "chat": _chat_command,
    "db": _db_command,
    "eval": _eval_command,
    "model": qa.run_model,
    "qa": qa.run_misses,
    "privacy": privacy.run,
    "deliveries": deliveries.run,
    "reminders": reminders.run,
    **dict.fromkeys(("audit", "calendar", "frame", "data", "roles", "export"), admin.run),
}


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "serve":
        load_region(settings.data_dir)  # validate the data before opening the door
        return _serve(settings, args.host, args.port)
    if args.command == "teams":
        return teams_package.run(args)  # pure: no settings, no database
    configure_logging("WARNING")
    return asyncio.run(COMMANDS[args.command](args, settings, Console()))


if __name__ == "__main__":
    sys.exit(main())
