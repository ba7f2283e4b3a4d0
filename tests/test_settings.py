"""Settings: one typed object with the standard Bot Framework names."""

from __future__ import annotations

import pytest

from bot.settings import DEFAULT_DATABASE_URL, Settings, SettingsError, is_loopback


def test_standard_names_are_read() -> None:
    settings = Settings.from_environ(
        {
            "MicrosoftAppId": "app",
            "MicrosoftAppPassword": "pw",
            "MicrosoftAppType": "SingleTenant",
            "MicrosoftAppTenantId": "tenant",
            "LAGET_DATABASE_URL": "postgresql+asyncpg://db/laget",
        }
    )

    assert settings.auth_enabled
    assert settings.microsoft_app_type == "SingleTenant"
    assert settings.database_url == "postgresql+asyncpg://db/laget"
    assert "pw" not in repr(settings)


def test_defaults_are_local_and_unauthenticated() -> None:
    settings = Settings.from_environ({})

    assert not settings.auth_enabled
    assert settings.database_url == DEFAULT_DATABASE_URL


def test_a_wrong_value_names_the_setting() -> None:
    with pytest.raises(SettingsError, match="MicrosoftAppType"):
        Settings.from_environ({"MicrosoftAppType": "Everyone"})


def test_only_loopback_may_run_without_authentication() -> None:
    open_settings = Settings.from_environ({})
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert is_loopback(host)
        open_settings.check_host(host)
    for host in ("0.0.0.0", "10.0.0.5", "laget.example.no"):
        with pytest.raises(SettingsError, match="MicrosoftAppId"):
            open_settings.check_host(host)
    Settings.from_environ({"MicrosoftAppId": "app"}).check_host("0.0.0.0")


def test_an_unknown_log_level_stops_the_start_with_its_name() -> None:
    assert Settings.from_environ({"LAGET_LOG_LEVEL": "debug"}).log_level == "DEBUG"
    with pytest.raises(SettingsError, match="LAGET_LOG_LEVEL"):
        Settings.from_environ({"LAGET_LOG_LEVEL": "LOUD"})
