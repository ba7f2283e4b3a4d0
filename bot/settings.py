"""Laget's settings: one typed object, read once from the environment and `.env`.

Tests build it directly (`Settings(microsoft_app_id="...")`) or pass an environment dict to
`Settings.from_environ`, so nothing here reads the process environment at import time.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/laget.db"


LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class SettingsError(Exception):
    """A setting is missing or wrong; the message names it and says how to fix it."""


class Settings(BaseSettings):
    """Everything Laget reads from its environment."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    microsoft_app_id: str = Field(default="", validation_alias=AliasChoices("MicrosoftAppId"))
    microsoft_app_password: str = Field(
        default="", validation_alias=AliasChoices("MicrosoftAppPassword"), repr=False
    )
    microsoft_app_type: Literal["MultiTenant", "SingleTenant", "UserAssignedMSI"] = Field(
        default="MultiTenant", validation_alias=AliasChoices("MicrosoftAppType")
    )
    microsoft_app_tenant_id: str = Field(
        default="", validation_alias=AliasChoices("MicrosoftAppTenantId")
    )
    database_url: str = Field(
        default=DEFAULT_DATABASE_URL, validation_alias=AliasChoices("LAGET_DATABASE_URL")
    )
    data_dir: Path | None = Field(default=None, validation_alias=AliasChoices("LAGET_DATA_DIR"))
    max_body_bytes: int = Field(
        default=256 * 1024, gt=0, validation_alias=AliasChoices("LAGET_MAX_BODY_BYTES")
    )
    allowed_tenants_text: str = Field(
        default="", validation_alias=AliasChoices("LAGET_ALLOWED_TENANTS")
    )  # comma-separated tenant ids; empty serves every tenant (local development)
    reminder_interval: float = Field(
        default=60.0, ge=0, validation_alias=AliasChoices("LAGET_REMINDER_INTERVAL")
    )  # seconds between reminder passes inside `laget serve`; 0 turns the worker off
    public_url: str = Field(
        default="http://127.0.0.1:3978",
        pattern=r"^https?://[^\s/]+(:\d+)?/?$",
        validation_alias=AliasChoices("LAGET_PUBLIC_URL"),
    )  # where people's browsers reach this server (download links); https in production
    delivery_interval: float = Field(
        default=10.0, ge=0, validation_alias=AliasChoices("LAGET_DELIVERY_INTERVAL")
    )  # seconds between delivery passes (a turn that writes a message wakes it at once)
    log_level: LogLevel = Field(default="INFO", validation_alias=AliasChoices("LAGET_LOG_LEVEL"))

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_in_any_case(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from the process environment and `.env`, or only from `environ`.

        Raises SettingsError naming the offending variable instead of a pydantic trace.
        """
        try:
            if environ is None:
                return cls()
            return cls.model_validate(dict(environ))
        except ValidationError as error:
            first = error.errors()[0]
            name = ".".join(str(part) for part in first["loc"]) or "?"
            message = first["msg"]
            if first["type"] == "literal_error":
                expected = str(first.get("ctx", {}).get("expected", "")).replace(" or ", " eller ")
                message = f"må være en av {expected}"
            raise SettingsError(f"Ugyldig innstilling {name}: {message}") from error

    @property
    def allowed_tenants(self) -> frozenset[str]:
        """The Entra ID tenants served (empty: all)."""
        return frozenset(
            t.strip().lower() for t in self.allowed_tenants_text.split(",") if t.strip()
        )

    @property
    def auth_enabled(self) -> bool:
        """Bot Framework authentication is on exactly when an app id is configured."""
        return bool(self.microsoft_app_id)

    def bot_framework_config(self) -> object:
        """The attribute bag botbuilder's ConfigurationBotFrameworkAuthentication reads."""

        class _Config:
            APP_ID = self.microsoft_app_id
            APP_PASSWORD = self.microsoft_app_password
            APP_TYPE = self.microsoft_app_type
            APP_TENANTID = self.microsoft_app_tenant_id

        return _Config()

    def check_host(self, host: str) -> None:
        """Refuse to serve without authentication anywhere but on a loopback address."""
        if self.auth_enabled or is_loopback(host):
            return
        raise SettingsError(
            f"Nekter å starte på {host} uten autentisering: MicrosoftAppId er ikke satt, så "
            "hvem som helst på nettet kunne snakket med boten. Sett MicrosoftAppId og "
            "MicrosoftAppPassword (fra Azure Bot-ressursen), eller bruk --host 127.0.0.1 "
            "for lokal utvikling."
        )


def is_loopback(host: str) -> bool:
    """True for localhost and addresses in 127.0.0.0/8 or ::1."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
