"""Cheap static checks of the container and cloud files (no Docker engine or Azure here)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "deploy" / "compose.yaml"
BICEP = ROOT / "deploy" / "azure" / "main.bicep"
PARAMETERS = ROOT / "deploy" / "azure" / "main.parameters.example.json"


def _instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined, comments dropped."""
    logical = re.sub(r"\\\n\s*", " ", path.read_text(encoding="utf-8"))
    lines = [line.strip() for line in logical.splitlines()]
    return [
        (word.upper(), rest.strip())
        for word, _, rest in (line.partition(" ") for line in lines if line and line[0] != "#")
    ]


def _last(instructions: list[tuple[str, str]], name: str) -> str:
    found = [arguments for word, arguments in instructions if word == name]
    assert found, f"no {name} in the Dockerfile"
    return found[-1]


def test_the_image_runs_as_a_non_root_user_with_a_health_check_on_the_served_port() -> None:
    instructions = _instructions(DOCKERFILE)

    assert _instructions(DOCKERFILE)[0] == ("FROM", "python:3.11-slim")
    user = _last(instructions, "USER").split(":")[0]
    assert user not in ("", "root", "0")
    assert any(word == "RUN" and "pip install ." in args for word, args in instructions)

    command = json.loads(_last(instructions, "CMD"))
    assert command[:2] == ["laget", "serve"]
    port = command[command.index("--port") + 1]
    assert command[command.index("--host") + 1] == "0.0.0.0"
    assert _last(instructions, "EXPOSE") == port

    healthcheck = _last(instructions, "HEALTHCHECK")
    assert f"127.0.0.1:{port}/healthz" in healthcheck
    assert "urllib.request" in healthcheck


def test_the_image_bakes_in_no_secret() -> None:
    instructions = _instructions(DOCKERFILE)
    environment = " ".join(args for word, args in instructions if word in ("ENV", "ARG"))

    for name in ("MicrosoftAppPassword", "MicrosoftAppId", "LAGET_DATABASE_URL", "PASSWORD"):
        assert name.lower() not in environment.lower()
    copied = [shlex.split(args)[0] for word, args in instructions if word in ("COPY", "ADD")]
    assert not any(source in (".", "./") or ".env" in source for source in copied), copied
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "*" in ignored  # everything is left out of the build context unless named
    assert "**/.env" in ignored


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return loaded


def test_compose_waits_for_a_healthy_postgres_16_on_a_volume() -> None:
    services = _compose()["services"]
    db = services["db"]

    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in _compose()["volumes"]
    for name in ("bot", "migrate"):
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["bot"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )


def test_compose_gives_the_bot_postgres_and_its_secrets_from_an_env_file() -> None:
    services = _compose()["services"]
    bot = services["bot"]

    assert bot["env_file"] == ".env"
    url = bot["environment"]["LAGET_DATABASE_URL"]
    assert url.startswith("postgresql+asyncpg://laget:${POSTGRES_PASSWORD")
    assert url.endswith("@db:5432/laget")
    assert "MicrosoftAppPassword" not in bot["environment"]
    assert services["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
    assert bot["ports"] == ["127.0.0.1:3978-3979:3978"]  # room for --scale bot=2
    assert "ports" not in services["db"]  # the database is reached over the compose network only


def _bicep() -> str:
    return BICEP.read_text(encoding="utf-8")


def test_the_bicep_template_declares_the_bot_app_database_and_vault() -> None:
    text = _bicep()
    for kind in (
        "Microsoft.BotService/botServices",
        "Microsoft.BotService/botServices/channels",
        "Microsoft.Web/sites",
        "Microsoft.Web/serverfarms",
        "Microsoft.DBforPostgreSQL/flexibleServers",
        "Microsoft.KeyVault/vaults",
        "Microsoft.KeyVault/vaults/secrets",
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        "Microsoft.Authorization/roleAssignments",
    ):
        assert re.search(rf"^resource \w+ '{re.escape(kind)}@[\d-]+(?:-preview)?'", text, re.M), (
            kind
        )
    assert "channelName: 'MsTeamsChannel'" in text
    assert "version: '16'" in text
    assert re.search(r"^output messagingEndpoint string = ", text, re.M)
    assert "/api/messages" in text


def test_the_bicep_template_holds_no_secret_and_the_app_reads_them_from_key_vault() -> None:
    text = _bicep()
    for name in ("botAppPassword", "postgresAdminPassword"):
        declaration = re.search(rf"@secure\(\)\n(?:@\w+\(\d+\)\n)*param {name} string\n", text)
        assert declaration, f"{name} must be a @secure() parameter without a default"
    # No quoted literal is assigned to a password property or stored as a secret's value.
    assert not re.search(r"^\s*\w*[Pp]assword(?!Auth)\w*\s*:\s*'", text, re.M)
    secrets = [
        block
        for block in re.split(r"^resource ", text, flags=re.M)
        if "'Microsoft.KeyVault/vaults/secrets@" in block.splitlines()[0]
    ]
    assert len(secrets) == 3
    for block in secrets:
        value = re.search(r"^\s*value: (.+)$", block, re.M)
        assert value, block
        assert re.fullmatch(r"\w+", value.group(1)) or "${" in value.group(1), value.group(0)
    settings = dict(re.findall(r"name: '(\w+)'\n\s*value: (.+)\n", text))
    for name in ("MicrosoftAppPassword", "LAGET_DATABASE_URL"):
        assert settings[name].startswith("'@Microsoft.KeyVault(SecretUri=${"), name
    assert "keyVaultReferenceIdentity: identity.id" in text
    assert "enableRbacAuthorization: true" in text
    assert not re.search(r"^output .*(?:[Pp]assword|[Ss]ecret|databaseUrl)", text, re.M)


def test_the_example_parameters_name_only_declared_parameters_and_no_secrets() -> None:
    parameters: dict[str, Any] = json.loads(PARAMETERS.read_text(encoding="utf-8"))["parameters"]
    declared = set(re.findall(r"^param (\w+) ", _bicep(), re.M))

    assert set(parameters) <= declared
    assert not [name for name in parameters if re.search("password|secret", name, re.I)]
    required = {name for name in declared if re.search(rf"^param {name} \w+\n", _bicep(), re.M)} - {
        "botAppPassword",
        "postgresAdminPassword",
    }
    assert required <= set(parameters)


def test_make_run_takes_another_port() -> None:
    planned = subprocess.run(
        ["make", "-n", "run", "PORT=3990"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout

    assert "serve --host 127.0.0.1 --port 3990" in planned
