"""Dates shown to people are Oslo dates: a report sent at 00:30 on 2 February in Oslo (23:30
UTC the day before) says «2. februar» on the receipt and in the spreadsheet."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from bot.needs import export
from bot.settings import Settings
from bot.store import needs as stored_needs
from cards.markdown import unescape
from tests.activities import Client, texts
from tests.needs.test_needs_report import ANSWERS, button, open_form, press, stored

LATE_EVENING_UTC = datetime(2027, 2, 1, 23, 30, tzinfo=UTC)  # 00:30 on 2 February in Oslo


class _Clock(datetime):
    @classmethod
    def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
        return LATE_EVENING_UTC


async def test_the_receipt_and_the_spreadsheet_show_the_oslo_date(
    bot: Client, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stored_needs, "datetime", _Clock)
    form = await open_form(bot)
    summary = await press(bot, button(form, "Gå videre"), **ANSWERS)

    receipt = texts(await press(bot, button(summary, "Send inn")))

    assert "2. februar 2027" in unescape(receipt)  # the card escapes «2.» (a list in Teams)
    buffer = io.BytesIO()
    export.write_xlsx(buffer, await stored(settings), "Fosen 2027")
    sheet = load_workbook(buffer).active
    assert sheet is not None
    assert sheet.cell(row=2, column=2).value == datetime(2027, 2, 2)  # noqa: DTZ001  (Excel has no zones)
