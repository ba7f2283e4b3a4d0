"""The Teams app package: what the zip holds, the ids filled in, and Norwegian errors."""

from __future__ import annotations

import argparse
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from bot.cli.teams_package import (
    TEMPLATE_DIR,
    Developer,
    PackageError,
    add_commands,
    build_package,
    fill_manifest,
    run,
)
from bot.understanding.commands import match_command, match_link
from bot.understanding.intents import Intent
from bot.understanding.recognizer import Recognizer

APP_ID = "3f2b8c1e-6a4d-4e7f-9b0c-1d2e3f4a5b6c"
BOT_ID = "8d7c6b5a-4e3f-4a1b-9c0d-e1f2a3b4c5d6"


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="laget")
    add_commands(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_the_zip_holds_the_manifest_and_icons_at_its_root_with_the_ids_filled_in(
    tmp_path: Path,
) -> None:
    out = build_package(APP_ID, tmp_path / "laget.zip", bot_id=BOT_ID, version="1.2.3")

    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        text = archive.read("manifest.json").decode("utf-8")
        assert archive.read("color.png") == (TEMPLATE_DIR / "color.png").read_bytes()
    assert "{{" not in text
    manifest = json.loads(text)
    assert manifest["id"] == APP_ID
    assert manifest["bots"][0]["botId"] == BOT_ID
    assert manifest["version"] == "1.2.3"
    assert manifest["name"]["short"] == "Laget"
    assert manifest["description"]["short"] == "Kompetanseløftet i Teams"


def test_the_bot_id_is_the_app_id_unless_given_and_the_zip_is_reproducible(tmp_path: Path) -> None:
    first = build_package(APP_ID, tmp_path / "a.zip")
    second = build_package(APP_ID, tmp_path / "sub" / "b.zip")

    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["bots"][0]["botId"] == APP_ID
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []


@pytest.mark.parametrize("bad", ["", "laget", "3f2b8c1e-6a4d-4e7f-9b0c-1d2e3f4a5b6", "{{APP_ID}}"])
def test_an_app_id_that_is_not_a_guid_is_refused_in_norwegian(tmp_path: Path, bad: str) -> None:
    with pytest.raises(PackageError, match="er ikke en gyldig app-id: den skal være en GUID"):
        build_package(bad, tmp_path / "laget.zip")
    assert not (tmp_path / "laget.zip").exists()


def test_a_bad_bot_id_version_or_url_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "laget.zip"
    with pytest.raises(PackageError, match="gyldig bot-id"):
        build_package(APP_ID, out, bot_id="28:laget")
    with pytest.raises(PackageError, match="ikke et gyldig versjonsnummer"):
        build_package(APP_ID, out, version="1.0")
    with pytest.raises(PackageError, match="--privacy-url må være en https://-adresse"):
        build_package(APP_ID, out, developer=Developer(privacy_url="http://kommune.no/personvern"))
    with pytest.raises(PackageError, match="mellom 1 og 32 tegn"):
        build_package(APP_ID, out, developer=Developer(name="x" * 33))
    assert not out.exists()


def test_the_developer_can_be_the_municipality(tmp_path: Path) -> None:
    developer = Developer("Orkland kommune", "https://orkland.kommune.no/laget", None, None)
    manifest = fill_manifest(APP_ID, developer=developer)

    assert manifest["developer"]["name"] == "Orkland kommune"
    assert manifest["developer"]["websiteUrl"] == "https://orkland.kommune.no/laget"
    assert "example.invalid" in manifest["developer"]["privacyUrl"]


def _template_copy(tmp_path: Path) -> Path:
    template = tmp_path / "template"
    shutil.copytree(TEMPLATE_DIR, template, ignore=shutil.ignore_patterns("schema-check", "*.py"))
    return template


def test_icons_of_the_wrong_size_or_without_transparency_are_refused(tmp_path: Path) -> None:
    template = _template_copy(tmp_path)
    Image.new("RGB", (96, 96), "white").save(template / "color.png")
    with pytest.raises(PackageError, match=r"color\.png er 96×96 piksler; Teams krever 192×192"):
        build_package(APP_ID, tmp_path / "laget.zip", template_dir=template)

    template = _template_copy(tmp_path / "again")
    Image.new("RGB", (32, 32), "white").save(template / "outline.png")
    with pytest.raises(PackageError, match="gjennomsiktig bakgrunn"):
        build_package(APP_ID, tmp_path / "laget.zip", template_dir=template)

    (template / "outline.png").write_text("not a png")
    with pytest.raises(PackageError, match="er ikke en PNG-fil"):
        build_package(APP_ID, tmp_path / "laget.zip", template_dir=template)


def test_a_missing_template_or_a_folder_as_output_is_explained(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="Finner ikke manifestmalen .* --template"):
        build_package(APP_ID, tmp_path / "laget.zip", template_dir=tmp_path / "nowhere")
    with pytest.raises(PackageError, match="er en mappe; oppgi et filnavn"):
        build_package(APP_ID, tmp_path)


def test_the_committed_icons_are_what_teams_asks_for() -> None:
    with Image.open(TEMPLATE_DIR / "color.png") as color:
        assert color.size == (192, 192)
        assert color.mode == "RGB"  # full colour, an opaque background
    with Image.open(TEMPLATE_DIR / "outline.png") as outline:
        assert outline.size == (32, 32)
        rgba = outline.convert("RGBA")
    pixels = [rgba.getpixel((x, y)) for x in range(32) for y in range(32)]
    assert {p[:3] for p in pixels if isinstance(p, tuple) and p[3] > 0} == {(255, 255, 255)}
    assert any(isinstance(p, tuple) and p[3] == 0 for p in pixels)  # transparent around the mark


def test_every_command_in_the_manifest_is_understood(recognizer: Recognizer) -> None:
    manifest = fill_manifest(APP_ID)
    titles = {
        command["title"]
        for command_list in manifest["bots"][0]["commandLists"]
        for command in command_list["commands"]
    }
    assert {"frister", "rammen vår", "ny behovsmelding", "påminnelser", "hjelp"} <= titles

    for title in titles:
        if match_command(title) is not None or match_link(f"{title} Fosen") is not None:
            continue
        found = recognizer.recognize(title)
        assert (found.band, found.intent is Intent.OUT_OF_SCOPE) == ("answer", False), title


def test_the_command_line_writes_the_package_and_warns_about_placeholder_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "laget.zip"
    args = _parse(["teams", "package", "--app-id", APP_ID, "--out", str(out)])

    assert run(args) == 0
    written = capsys.readouterr().out
    assert f"Teams-pakken er skrevet til {out}" in written
    assert "example.invalid" in written
    assert zipfile.is_zipfile(out)


def test_the_command_line_reports_a_bad_id_as_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _parse(["teams", "package", "--app-id", "abc", "--out", str(tmp_path / "x.zip")])

    assert run(args) == 2
    error = capsys.readouterr().err
    assert error.startswith("laget: «abc» er ikke en gyldig app-id")
    assert error.count("\n") == 1
