"""The filled manifest validates against the official Teams schema of its manifestVersion.

The schemas ship in npm `@microsoft/app-manifest` (pinned in deploy/teams/schema-check/); when
its node_modules is missing, the test installs it with `npm ci` from the committed lock file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from bot.cli.teams_package import TEMPLATE_DIR, Developer, build_package

APP_ID = "3f2b8c1e-6a4d-4e7f-9b0c-1d2e3f4a5b6c"
SCHEMA_CHECK = TEMPLATE_DIR / "schema-check"
PACKAGE = SCHEMA_CHECK / "node_modules" / "@microsoft" / "app-manifest"


@pytest.fixture(scope="module")
def schemas() -> Path:
    """The Teams manifest schemas of the pinned package, installed with `npm ci` if missing."""
    if not PACKAGE.is_dir():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail(
                "npm is needed once to install the Teams manifest schemas (apt install npm)"
            )
        command = [npm, "ci", "--prefix", str(SCHEMA_CHECK), "--ignore-scripts", "--no-audit"]
        subprocess.run([*command, "--no-fund"], check=True, timeout=600)
    pinned = json.loads((SCHEMA_CHECK / "package.json").read_text(encoding="utf-8"))
    installed = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == pinned["dependencies"]["@microsoft/app-manifest"], (
        f"stale {PACKAGE}: run npm ci --prefix {SCHEMA_CHECK}"
    )
    return PACKAGE / "build" / "json-schemas" / "teams"


def _packaged_manifest(tmp_path: Path, developer: Developer | None = None) -> dict[str, Any]:
    out = build_package(APP_ID, tmp_path / "laget.zip", developer=developer)
    with zipfile.ZipFile(out) as archive:
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    return manifest


def _errors(manifest: dict[str, Any], schemas: Path) -> list[str]:
    version = manifest["manifestVersion"]
    path = schemas / f"v{version}" / "MicrosoftTeams.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8-sig"))
    Draft4Validator.check_schema(schema)
    validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(manifest)
    ]


def test_the_packaged_manifest_validates_against_the_official_schema(
    schemas: Path, tmp_path: Path
) -> None:
    manifest = _packaged_manifest(tmp_path)

    assert _errors(manifest, schemas) == []
    version = manifest["manifestVersion"]
    assert tuple(int(part) for part in version.split(".")) >= (1, 17)
    assert manifest["$schema"] == (
        f"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json"
    )


def test_the_manifest_with_the_municipalitys_links_validates_too(
    schemas: Path, tmp_path: Path
) -> None:
    developer = Developer(
        "Orkland kommune",
        "https://www.orkland.kommune.no/laget",
        "https://www.orkland.kommune.no/personvern",
        "https://www.orkland.kommune.no/vilkar",
    )
    assert _errors(_packaged_manifest(tmp_path, developer), schemas) == []


def test_the_schema_check_catches_what_teams_would_refuse(schemas: Path, tmp_path: Path) -> None:
    manifest = _packaged_manifest(tmp_path)
    manifest["bots"][0]["scopes"].append("meetings")
    manifest["accentColor"] = "teal"
    del manifest["developer"]["privacyUrl"]

    errors = _errors(manifest, schemas)

    assert any(error.startswith("bots/0/scopes/3") for error in errors), errors
    assert any(error.startswith("accentColor") for error in errors), errors
    assert any("privacyUrl" in error for error in errors), errors


def test_the_bot_is_offered_in_every_scope_with_a_command_list_each(tmp_path: Path) -> None:
    bot = _packaged_manifest(tmp_path)["bots"][0]

    assert sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    assert bot["supportsFiles"] is False
    assert sorted(scope for c in bot["commandLists"] for scope in c["scopes"]) == sorted(
        bot["scopes"]
    )
