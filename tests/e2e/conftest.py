"""Fixtures of the end-to-end tests: system Chromium under Playwright, loopback only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest

from tests.e2e import tools

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext


@dataclass
class Chromium:
    """A running browser and the requests it was not allowed to make."""

    browser: Browser
    blocked: list[str] = field(default_factory=list)

    async def context(self, width: int, height: int) -> BrowserContext:
        """A fresh browser context (no shared state) that reaches 127.0.0.1 only."""
        context = await self.browser.new_context(
            viewport={"width": width, "height": height}, locale="nb-NO"
        )
        context.set_default_timeout(20_000)
        await tools.loopback_only(context, self.blocked)
        return context


@pytest.fixture
async def chromium() -> AsyncIterator[Chromium]:
    """Debian's Chromium driven by Playwright (skips, or fails under CI, when unavailable)."""
    executable = tools.chromium()
    tools.require_playwright()
    from playwright.async_api import async_playwright  # noqa: PLC0415 (optional until here)

    async with async_playwright() as playwright:
        browser = await tools.launch_chromium(playwright, executable)
        try:
            yield Chromium(browser)
        finally:
            await browser.close()
