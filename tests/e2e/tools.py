"""What the end-to-end tests need from outside Python: Chromium, Node, the pinned npm packages.

`make e2e` installs them (Debian's chromium with apt, `npm ci --prefix e2e`). A test that lacks
one skips with the reason, except under `CI=true`, where it must run and a missing tool fails.
Nothing here downloads anything: Playwright drives the system Chromium, never its own build.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext, Playwright, Route, WebSocketRoute

ROOT = Path(__file__).resolve().parents[2]
E2E = ROOT / "e2e"
NODE_MODULES = E2E / "node_modules"
PLAYGROUND_CLI = NODE_MODULES / "@microsoft" / "m365agentsplayground" / "cli.js"
PLAYGROUND_CONFIG = E2E / "playground.yml"
ADAPTIVECARDS = NODE_MODULES / "adaptivecards" / "dist" / "adaptivecards.min.js"
DESIGNER = NODE_MODULES / "adaptivecards-designer"
TEAMS_HOST_CONFIG = DESIGNER / "lib" / "hostConfigs" / "microsoft-teams-light.json"
MARKDOWN_IT = NODE_MODULES / "markdown-it" / "dist" / "markdown-it.min.js"
ARTIFACTS = ROOT / "artifacts"
TEMPLATES_DIR = ROOT / "cards" / "templates"

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces beside the request routing below: no host name resolves but loopback.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
LOOPBACK = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")
INSTALL_HINT = "run `make e2e`, which installs it"


def unavailable(reason: str) -> NoReturn:
    """Skip for want of a tool; under CI=true the end-to-end tests must run, so fail."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"end-to-end tests must run in CI, but {reason}", pytrace=False)
    pytest.skip(reason)


def chromium() -> str:
    """Debian's Chromium (LAGET_E2E_CHROMIUM overrides the path)."""
    override = os.environ.get("LAGET_E2E_CHROMIUM")
    candidates = [override] if override else [*CHROMIUM_CANDIDATES, shutil.which("chromium")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    unavailable(f"Chromium is not installed ({INSTALL_HINT} with `apt-get install -y chromium`)")


def node() -> str:
    """The Node.js executable."""
    found = shutil.which("node")
    if found is None:
        unavailable("Node.js (`node`) is not installed; the Agents Playground needs it")
    return found


def npm_file(path: Path) -> Path:
    """A file of the pinned npm packages in e2e/node_modules."""
    if not path.is_file():
        unavailable(
            f"{path.relative_to(ROOT)} is missing ({INSTALL_HINT} with `npm ci --prefix e2e`)"
        )
    return path


def require_playwright() -> None:
    """The Playwright package for Python (a dev dependency)."""
    try:
        import playwright.async_api  # noqa: F401, PLC0415
    except ImportError:
        unavailable("the Python package `playwright` is not installed (pip install -e '.[dev]')")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def artifacts(folder: str) -> Path:
    """artifacts/<folder>, emptied of the PNGs an earlier run left there."""
    path = ARTIFACTS / folder
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("*.png"):
        old.unlink()
    return path


async def wait_until(
    condition: Callable[[], Awaitable[bool]], *, timeout: float, what: str, poll: float = 0.1
) -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds, saying what was awaited."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await condition():
        if loop.time() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(poll)


async def port_open(port: int) -> bool:
    """Whether something accepts connections on 127.0.0.1:port."""
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    writer.close()
    await writer.wait_closed()
    return True


@dataclass
class Service:
    """A process started for a test, with its output in a log file."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path

    def tail(self, lines: int = 40) -> str:
        """The end of its output, for a failure message."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return f"--- {self.name} ({self.log}) ---\n" + "\n".join(text.splitlines()[-lines:])

    def check_running(self) -> None:
        """Fail with its output if it has exited."""
        code = self.process.poll()
        if code is not None:
            raise RuntimeError(f"{self.name} exited with {code}\n{self.tail()}")

    def stop(self) -> None:
        """Terminate it (kill it if it will not stop)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_service(
    name: str, command: list[str], *, env: Mapping[str, str], cwd: Path, log: Path
) -> Service:
    """Start `command` with its stdout and stderr in `log`."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return Service(name, process, log)


async def run(command: list[str], *, env: Mapping[str, str], cwd: Path, timeout: float = 60) -> str:
    """Run a command to completion; its output, or an AssertionError with it if it failed."""
    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout)
    text = output.decode(errors="replace")
    assert process.returncode == 0, f"{' '.join(command)} exited with {process.returncode}:\n{text}"
    return text


async def launch_chromium(playwright: Playwright, executable: str) -> Browser:
    """Headless system Chromium with no network but loopback."""
    return await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


async def loopback_only(context: BrowserContext, blocked: list[str]) -> None:
    """Abort every request and WebSocket that is not to 127.0.0.1 (noted in `blocked`)."""

    async def route(found: Route) -> None:
        url = found.request.url
        if url.startswith(LOOPBACK):
            await found.fallback()
        else:
            blocked.append(url)
            await found.abort("blockedbyclient")

    async def route_socket(socket_route: WebSocketRoute) -> None:
        if socket_route.url.startswith(LOOPBACK):
            socket_route.connect_to_server()
        else:
            blocked.append(socket_route.url)
            await socket_route.close()

    await context.route("**/*", route)
    await context.route_web_socket("**/*", route_socket)


def environment(**overrides: str) -> dict[str, str]:
    """This process's environment with `overrides`, for a child process."""
    env = dict(os.environ)
    env.update(overrides)
    return env
