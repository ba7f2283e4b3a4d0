"""Reminder rules are data, validated when loaded, with overrides per region."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.reminders.rules import RulesError, load_rules
from bot.scheme.models import RegionData


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_embedded_rules_remind_21_7_and_1_days_ahead_at_nine(region: RegionData) -> None:
    rules = load_rules(region)

    assert rules.send_at == dt.time(9, 0)
    assert rules.timezone == "Europe/Oslo"
    assert rules.steps["beslutningsgrunnlag"].offsets == (21, 7, 1)
    assert rules.for_step("innstilling") is None  # not the networks' work
    assert "owners" in rules.steps["behovsmelding"].audiences


def test_a_region_overrides_the_default(region: RegionData, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
default:
  send_at: "09:00"
  timezone: Europe/Oslo
  steps:
    beslutningsgrunnlag: {offsets: [7, 21], audiences: [channels]}
    rapportering: {offsets: [7], audiences: [channels]}
regions:
  trondelag:
    send_at: "08:30"
    steps:
      rapportering: {offsets: [3], audiences: [coordinators], enabled: false}
""",
    )

    rules = load_rules(region, path)

    assert rules.send_at == dt.time(8, 30)
    assert rules.steps["beslutningsgrunnlag"].offsets == (21, 7)  # sorted, latest last
    assert rules.for_step("rapportering") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("send_at: 9:00", "anførselstegn"),  # YAML reads 9:00 as the number 540
        ('send_at: "09:00"\n  timezone: Europe/Bergen', "ukjent tidssone"),
        (
            'send_at: "09:00"\n  steps: {vedtak: {offsets: [1, 1], audiences: [channels]}}',
            "mer enn én gang",
        ),
        ('send_at: "09:00"\n  steps: {vedtak: {offsets: [1], audiences: [alle]}}', "audiences"),
        (
            'send_at: "09:00"\n  steps: {budsjett: {offsets: [1], audiences: [channels]}}',
            "budsjett",
        ),
    ],
)
def test_invalid_rules_are_refused_with_the_field_named(
    region: RegionData, tmp_path: Path, text: str, message: str
) -> None:
    if "timezone" not in text:
        text += "\n  timezone: Europe/Oslo"
    path = write(tmp_path, f"default:\n  {text}\n")

    with pytest.raises(RulesError, match=message):
        load_rules(region, path)
