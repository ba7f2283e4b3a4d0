"""Reminder rules as data: per step of the annual cycle, who is reminded and how many days ahead.

The rules live in `data/rules.yaml` (a `default` block plus overrides per region) and are
validated here with pydantic; `load_rules` returns the effective rules for one region and checks
that every step it names exists in that region's annual cycle.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.scheme.models import RegionData, SchemeError

DEFAULT_RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.yaml"
Audience = Literal["channels", "coordinators", "owners"]


class RulesError(SchemeError):
    """The reminder rules are invalid; the message (Norwegian) names the file and the field."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _clock_time(value: Any) -> Any:
    # YAML reads an unquoted 09:00 as the number 540 (base 60); refuse it instead of guessing.
    if not isinstance(value, str | dt.time):
        raise ValueError('skriv klokkeslettet som tekst i anførselstegn, f.eks. "09:00"')
    return value


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"ukjent tidssone «{value}»") from None
    return value


class StepRule(_Model):
    """When and to whom one step is reminded."""

    offsets: tuple[int, ...] = Field(min_length=1)
    audiences: frozenset[Audience] = Field(min_length=1)
    enabled: bool = True
    todo: str | None = Field(default=None, min_length=1)  # what must be done, in bokmål

    @field_validator("offsets")
    @classmethod
    def _valid_offsets(cls, offsets: tuple[int, ...]) -> tuple[int, ...]:
        if any(not 0 <= offset <= 366 for offset in offsets):
            raise ValueError("dager før fristen må være mellom 0 og 366")
        if len(set(offsets)) != len(offsets):
            raise ValueError("samme antall dager står mer enn én gang")
        return tuple(sorted(offsets, reverse=True))


class ReminderRules(_Model):
    """The effective rules of one region."""

    send_at: dt.time
    timezone: str
    steps: dict[str, StepRule] = {}

    _check_time = field_validator("send_at", mode="before")(_clock_time)
    _check_zone = field_validator("timezone")(_zone)

    @property
    def zone(self) -> ZoneInfo:
        """The timezone `send_at` is read in."""
        return ZoneInfo(self.timezone)

    def for_step(self, step_id: str) -> StepRule | None:
        """The step's rule, or None when the step is not reminded."""
        rule = self.steps.get(step_id)
        return rule if rule is not None and rule.enabled else None


class RegionOverride(_Model):
    """What one region changes in the default rules."""

    send_at: dt.time | None = None
    timezone: str | None = None
    steps: dict[str, StepRule] = {}

    _check_time = field_validator("send_at", mode="before")(_clock_time)


class RulesFile(_Model):
    """What `rules.yaml` holds."""

    default: ReminderRules
    regions: dict[str, RegionOverride] = {}

    def resolve(self, region_id: str) -> ReminderRules:
        """The default rules with the region's overrides applied."""
        override = self.regions.get(region_id, RegionOverride())
        return ReminderRules(
            send_at=override.send_at or self.default.send_at,
            timezone=override.timezone or self.default.timezone,
            steps={**self.default.steps, **override.steps},
        )


def load_rules(region: RegionData, path: Path | None = None) -> ReminderRules:
    """The reminder rules for `region` from `path` (None: the embedded rules.yaml).

    Raises RulesError naming the file and the offending field.
    """
    source = DEFAULT_RULES_FILE if path is None else path
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
        rules = RulesFile.model_validate(raw).resolve(region.id)
    except OSError as error:
        raise RulesError(f"{source}: kan ikke lese fila ({error.strerror})") from error
    except yaml.YAMLError as error:
        raise RulesError(f"{source}: ugyldig YAML ({error})") from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RulesError(f"{source}, felt «{where}»: {first['msg']}") from error
    known = {step.id for step in region.steps}
    for step_id in rules.steps:
        if step_id not in known:
            raise RulesError(f"{source}: «{step_id}» er ikke et steg i årshjulet for {region.name}")
    return rules
