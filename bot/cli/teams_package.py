"""The Teams app package: `deploy/teams/manifest.json` with the ids filled in, and two icons.

`laget teams package --app-id GUID --out laget.zip` writes the zip an administrator uploads in
Teams admin center (or with «Last opp en egendefinert app»). The manifest and icons are read from
a template folder, by default `deploy/teams/` in the checkout this module belongs to. Pure: no
botbuilder, no network, no image library (PNG sizes are read from the file header).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import struct
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "deploy" / "teams"
MANIFEST = "manifest.json"
ICON_SIZES = {"color": (192, 192), "outline": (32, 32)}
PLACEHOLDER_HOST = "example.invalid"

_GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_SEMVER = re.compile(r"^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ALPHA_COLOUR_TYPES = (4, 6)  # greyscale + alpha, RGB + alpha
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # a fixed time: the same input gives the same zip, byte for byte


class PackageError(Exception):
    """The package cannot be built; the message is a Norwegian one-liner for the administrator."""


@dataclass(frozen=True)
class Developer:
    """Who publishes the app in this organisation; None keeps the template's value."""

    name: str | None = None
    website_url: str | None = None
    privacy_url: str | None = None
    terms_of_use_url: str | None = None


def build_package(
    app_id: str,
    out: Path,
    *,
    bot_id: str | None = None,
    version: str | None = None,
    developer: Developer | None = None,
    template_dir: Path = TEMPLATE_DIR,
) -> Path:
    """Write the Teams app package to `out` and return its path.

    `app_id` is the Teams app's id; the bot's id (the Azure Bot's Microsoft App ID) is the same
    unless `bot_id` is given. Raises PackageError when an id, the version, a URL or an icon is
    wrong; nothing is written then.
    """
    manifest = fill_manifest(
        app_id, bot_id=bot_id, version=version, developer=developer, template_dir=template_dir
    )
    return write_package(manifest, out, template_dir=template_dir)


def write_package(
    manifest: dict[str, Any], out: Path, *, template_dir: Path = TEMPLATE_DIR
) -> Path:
    """Zip a filled manifest with its icons (checked for size) from `template_dir` into `out`."""
    files = {MANIFEST: (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()}
    for kind, (width, height) in ICON_SIZES.items():
        name = str(manifest["icons"][kind])
        files[name] = _icon(template_dir, name, width, height, transparent=kind == "outline")
    return _write_zip(out, files)


def fill_manifest(
    app_id: str,
    *,
    bot_id: str | None = None,
    version: str | None = None,
    developer: Developer | None = None,
    template_dir: Path = TEMPLATE_DIR,
) -> dict[str, Any]:
    """The template manifest with the ids, version and developer filled in and checked."""
    app_id = _guid(app_id, "app-id")
    bot_id = _guid(bot_id, "bot-id") if bot_id is not None else app_id
    path = template_dir / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PackageError(
            f"Finner ikke manifestmalen {path} ({error.strerror}). Kjør kommandoen fra en "
            "utsjekk av Laget, eller oppgi malmappen med --template."
        ) from error
    text = text.replace("{{APP_ID}}", app_id).replace("{{BOT_ID}}", bot_id)
    try:
        manifest: dict[str, Any] = json.loads(text)
    except json.JSONDecodeError as error:
        raise PackageError(f"{path}, linje {error.lineno}: ugyldig JSON ({error.msg}).") from error
    if version is not None:
        manifest["version"] = version
    if not _SEMVER.match(str(manifest.get("version", ""))):
        raise PackageError(
            f"«{manifest.get('version')}» er ikke et gyldig versjonsnummer for Teams: bruk tre "
            "tall med punktum mellom, for eksempel 1.0.1, og øk det for hver ny opplasting."
        )
    _apply_developer(manifest, developer or Developer())
    left = sorted(set(re.findall(r"\{\{[^}]*\}\}", json.dumps(manifest, ensure_ascii=False))))
    if left:
        raise PackageError(
            f"Manifestmalen har plassholdere som ikke ble fylt ut: {', '.join(left)}."
        )
    return manifest


def placeholder_urls(manifest: dict[str, Any]) -> list[str]:
    """The developer links that still point at the template's placeholder host."""
    developer: dict[str, Any] = manifest.get("developer", {})
    return [
        key for key, value in developer.items() if PLACEHOLDER_HOST in str(value) and "Url" in key
    ]


def _guid(value: str, option: str) -> str:
    value = value.strip()
    if not _GUID.match(value):
        raise PackageError(
            f"«{value}» er ikke en gyldig {option}: den skal være en GUID som "
            "00000000-0000-0000-0000-000000000000 (Application (client) ID fra Entra ID)."
        )
    return value


def _apply_developer(manifest: dict[str, Any], developer: Developer) -> None:
    section: dict[str, Any] = manifest.setdefault("developer", {})
    if developer.name is not None:
        if not developer.name.strip() or len(developer.name) > 32:
            raise PackageError("Utviklernavnet må ha mellom 1 og 32 tegn (Teams' grense).")
        section["name"] = developer.name.strip()
    urls = {
        "websiteUrl": ("--website-url", developer.website_url),
        "privacyUrl": ("--privacy-url", developer.privacy_url),
        "termsOfUseUrl": ("--terms-url", developer.terms_of_use_url),
    }
    for key, (option, url) in urls.items():
        if url is None:
            continue
        if not url.startswith("https://") or len(url) > 2048 or " " in url:
            raise PackageError(f"{option} må være en https://-adresse (fikk «{url}»).")
        section[key] = url


def _icon(template_dir: Path, name: str, width: int, height: int, *, transparent: bool) -> bytes:
    if Path(name).name != name:
        raise PackageError(f"Ikonet «{name}» må ligge ved siden av manifestet, uten mappe.")
    path = template_dir / name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PackageError(f"Finner ikke ikonet {path} ({error.strerror}).") from error
    found_width, found_height, colour_type = png_header(data, path)
    if (found_width, found_height) != (width, height):
        raise PackageError(
            f"{path} er {found_width}×{found_height} piksler; Teams krever {width}×{height}."
        )
    if transparent and colour_type not in _ALPHA_COLOUR_TYPES and b"tRNS" not in data:
        raise PackageError(f"{path} må ha gjennomsiktig bakgrunn (PNG med alfakanal).")
    return data


def png_header(data: bytes, path: Path) -> tuple[int, int, int]:
    """Width, height and colour type from a PNG's IHDR chunk (which must come first)."""
    if len(data) < 26 or data[:8] != _PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise PackageError(f"{path} er ikke en PNG-fil.")
    width, height = struct.unpack(">II", data[16:24])
    return width, height, data[25]


def _write_zip(out: Path, files: dict[str, bytes]) -> Path:
    if out.is_dir():
        raise PackageError(
            f"{out} er en mappe; oppgi et filnavn, for eksempel {out / 'laget.zip'}."
        )
    temporary = out.with_name(f".{out.name}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, data)
        os.replace(temporary, out)  # never leave a half-written package behind
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise PackageError(f"Kunne ikke skrive {out} ({error.strerror}).") from error
    return out


def add_commands(commands: Any) -> None:
    """Register `laget teams package`."""
    teams = commands.add_parser("teams", help="Teams-appen").add_subparsers(
        dest="teams_command", required=True
    )
    package = teams.add_parser("package", help="lag app-pakken (zip) som lastes opp i Teams")
    package.add_argument(
        "--app-id", required=True, help="appens id (GUID), som regel MicrosoftAppId"
    )
    package.add_argument("--bot-id", help="botens MicrosoftAppId, hvis den er en annen enn app-id")
    package.add_argument("--out", type=Path, default=Path("laget.zip"), help="filen som skrives")
    package.add_argument("--app-version", help="appens versjon, f.eks. 1.0.1 (øk ved hver endring)")
    package.add_argument("--developer-name", help="utgiveren, f.eks. kommunens navn (maks 32 tegn)")
    package.add_argument("--website-url", help="https-adresse til nettsiden om Laget")
    package.add_argument("--privacy-url", help="https-adresse til personvernerklæringen")
    package.add_argument("--terms-url", help="https-adresse til bruksvilkårene")
    package.add_argument("--template", type=Path, default=TEMPLATE_DIR, help="malmappen")


def run(args: argparse.Namespace) -> int:
    """Run `laget teams package`; errors become one line on stderr and exit code 2."""
    developer = Developer(args.developer_name, args.website_url, args.privacy_url, args.terms_url)
    try:
        manifest = fill_manifest(
            args.app_id,
            bot_id=args.bot_id,
            version=args.app_version,
            developer=developer,
            template_dir=args.template,
        )
        out = write_package(manifest, args.out, template_dir=args.template)
    except PackageError as error:
        sys.stderr.write(f"laget: {error}\n")
        return 2
    sys.stdout.write(
        f"Teams-pakken er skrevet til {out} (app-id {manifest['id']}, "
        f"bot-id {manifest['bots'][0]['botId']}, versjon {manifest['version']}).\n"
    )
    if placeholder_urls(manifest):
        sys.stdout.write(
            f"Merk: utviklerlenkene peker fortsatt til {PLACEHOLDER_HOST}. Oppgi egne adresser "
            "med --website-url, --privacy-url og --terms-url før appen gjøres tilgjengelig.\n"
        )
    return 0
