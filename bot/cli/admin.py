"""Administration commands of `laget`: the calendar, frames, data files, counts and roles.

Tables are printed with rich; `--json` gives the same facts for scripts. Every error is one
Norwegian sentence (or one line per problem) on stderr with exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.audit import cli_actor
from bot.decision_basis.service import DecisionBasisService
from bot.needs.export import write_csv, write_xlsx
from bot.scheme import (
    AllocationError,
    RegionData,
    check_data_dir,
    current_cycle_year,
    cycle_deadlines,
    days_left,
    format_date,
    format_money,
    load_region,
    oslo_today,
)
from bot.scheme.counts import Counts
from bot.scheme.counts_csv import parse_counts_csv
from bot.scheme.formatting import format_number
from bot.scheme.roles import RoleAssignment
from bot.scheme.scheme_data import SchemeData
from bot.settings import Settings
from bot.store.audit import AuditLog
from bot.store.completions import Completions
from bot.store.counts import CountsRepository
from bot.store.db import create_engine
from bot.store.decision_basis import DecisionBases
from bot.store.migrate import upgrade_async
from bot.store.needs import NeedsReports
from bot.store.roles import RolesRepository

ROLE_NAMES = {"admin": "administrator", "coordinator": "koordinator"}


class CliError(Exception):
    """A user error: the message is printed as is."""


def add_commands(commands: Any) -> None:
    """Register calendar, frame, data and roles on the `laget` parser."""
    calendar = commands.add_parser("calendar", help="årshjulet med frister")
    calendar.add_argument("--year", type=int, help="tilskuddsåret (standard: året som pågår)")
    calendar.add_argument("--json", action="store_true")

    frame = commands.add_parser("frame", help="rammene til nettverkene")
    frame.add_argument("network", nargs="?", help="nettverk eller kommune (standard: alle)")
    frame.add_argument("--year", type=int)
    frame.add_argument("--json", action="store_true")

    data = commands.add_parser("data", help="datafiler og tall").add_subparsers(
        dest="data_command", required=True
    )
    counts = data.add_parser("import-counts", help="importer elevtall og barnetall fra CSV")
    counts.add_argument("file", type=Path)
    counts.add_argument("--year", type=int, required=True)
    check = data.add_parser("check", help="kontroller en mappe med datafiler")
    check.add_argument("dir", type=Path)

    export = commands.add_parser("export", help="eksporter").add_subparsers(
        dest="export_command", required=True
    )
    needs = export.add_parser("needs", help="behovsmeldingene i et nettverk, som regneark")
    needs.add_argument("--network", required=True, help="nettverk eller kommune")
    needs.add_argument("--year", type=int)
    needs.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    needs.add_argument(
        "--out", type=Path, help="filen (standard: behovsmeldinger-NETTVERK-ÅR.FORMAT)"
    )
    basis = export.add_parser(
        "decision-basis",
        help="beslutningsgrunnlagene for et år: regneark, CSV eller Word-dokumenter",
        description="Eksporterer sendte beslutningsgrunnlag og utkast (merket «utkast») for et "
        "tilskuddsår. Nettverk som ikke har startet, står bare i oversikten.",
    )
    basis.add_argument(
        "--year", metavar="ÅR", help="tilskuddsåret, for eksempel 2027 (standard: året som pågår)"
    )
    basis.add_argument(
        "--format",
        choices=["xlsx", "csv", "docx"],
        default="xlsx",
        help="xlsx: arket «Oversikt» og ett ark per nettverk med dokument; csv: én rad per "
        "nettverk og én per tiltak; docx: ett Word-dokument per nettverk (standard: xlsx)",
    )
    basis.add_argument(
        "--out",
        type=Path,
        metavar="STI",
        help="xlsx og csv: filen (standard: beslutningsgrunnlag-ÅR.FORMAT); docx: en mappe, som "
        "lages om den mangler, med én fil per nettverk, beslutningsgrunnlag-NETTVERK-ÅR.docx "
        "(standard: beslutningsgrunnlag-ÅR)",
    )

    audit = commands.add_parser("audit", help="revisjonslogg: hvem gjorde hva, og når")
    audit.add_argument("--limit", type=int, default=100)
    audit.add_argument("--json", action="store_true")

    roles = commands.add_parser("roles", help="administratorer og koordinatorer").add_subparsers(
        dest="roles_command", required=True
    )
    for name, text in (("grant", "gi en rolle"), ("revoke", "ta bort en rolle")):
        sub = roles.add_parser(name, help=text)
        sub.add_argument("role", choices=["admin", "coordinator"])
        sub.add_argument("aad_object_id", help="Azure AD-objekt-id (GUID)")
        sub.add_argument("--network", help="nettverket (for koordinator)")
        if name == "grant":
            sub.add_argument("--name", default="")
            sub.add_argument("--email", default="")
    roles.add_parser("list", help="vis alle roller")


async def run(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Run one administration command; CliError and data errors become messages."""
    if args.command == "data" and args.data_command == "check":
        return _check(args.dir, console)
    region = load_region(settings.data_dir)
    if args.command == "calendar":
        _calendar(region, args.year, args.json, console)
        return 0
    await upgrade_async(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        scheme = SchemeData(region, CountsRepository(engine))
        audit = AuditLog(engine)
        handlers: dict[str, Callable[[], Any]] = {
            "frame": lambda: _frame(scheme, args, console),
            "data": lambda: _import(scheme, args.file, args.year, console, audit),
            "roles": lambda: _roles(RolesRepository(engine), region, args, console, audit),
            "export": lambda: (
                _export_decision_basis(engine, scheme, args, console, audit)
                if args.export_command == "decision-basis"
                else _export(NeedsReports(engine), scheme, args, console, audit)
            ),
            "audit": lambda: _audit_list(audit, args, console),
        }
        result: int = await handlers[args.command]()
        return result
    finally:
        await engine.dispose()


def _now() -> datetime:
    return datetime.now(UTC)


def _left(days: object) -> str:
    """Days left as the table shows them: a count, «i dag», «passert», or nothing."""
    if not isinstance(days, int):
        return ""
    return "passert" if days < 0 else "i dag" if days == 0 else str(days)


def _calendar(region: RegionData, year: int | None, as_json: bool, console: Console) -> None:
    now = _now()
    cycle = year or current_cycle_year(region, now)
    deadlines = cycle_deadlines(region, cycle)
    rows = [
        {
            "step": d.step.id,
            "number": d.step.number,
            "name": d.step.name.nb,
            "from": d.step.from_actor.nb,
            "to": d.step.to_actor.nb,
            "due": d.due.isoformat() if d.due else None,
            "recommended": d.recommended.isoformat() if d.recommended else None,
            "days_left": days_left(d, now),
            "weekend": d.on_weekend,
            "holiday": d.holiday.nb if d.holiday else None,
        }
        for d in deadlines
    ]
    if as_json:
        console.print_json(json.dumps({"region": region.id, "year": cycle, "steps": rows}))
        return
    table = Table(title=f"Årshjulet for {cycle} ({region.name})")
    for column in ("#", "Steg", "Fra → til", "Frist", "Dager igjen"):
        table.add_column(column, overflow="fold")
    for d, row in zip(deadlines, rows, strict=True):
        if d.due is not None:
            due = format_date(d.due)
        elif d.recommended is not None:
            due = f"settes lokalt (anbefalt {format_date(d.recommended)})"
        else:
            due = "settes lokalt"
        left = _left(row["days_left"])
        table.add_row(str(d.step.number), d.step.name.nb, f"{row['from']} → {row['to']}", due, left)
    console.print(table)


async def _frame(scheme: SchemeData, args: argparse.Namespace, console: Console) -> int:
    region = scheme.region
    year = args.year or scheme.cycle_year(_now())
    allocation, imported = await scheme.allocation(year)
    frames = allocation.frames
    if args.network:
        network = region.find_network(args.network)
        if network is None:
            names = ", ".join(n.name for n in region.networks)
            raise CliError(
                f"Finner ikke «{args.network}» i {region.name}. Nettverkene er: {names}."
            )
        frames = [allocation.frame(network.id)]
    if args.json:
        body = allocation.model_dump(mode="json", exclude={"frames"})
        body |= {
            "fixed_posts": allocation.fixed_posts,
            "pool": allocation.pool,
            "difference": allocation.difference,
            "sum": sum(f.amount for f in allocation.frames)
            + allocation.fellestiltak
            + allocation.fixed_posts,
            "counts_imported_from": imported.source if imported else None,
            "frames": [f.model_dump(mode="json") | {"status": f.status} for f in frames],
        }
        console.print_json(json.dumps(body))
        return 0
    title = f"Rammer for {year} ({region.name})"
    if allocation.example_data:
        title += " – EKSEMPELDATA"
    table = Table(title=title)
    rows = [
        (
            f.network_name + (" *" if f.example_data else ""),
            format_number(f.elevtall),
            format_number(f.barnetall),
            format_money(f.amount),
            "vedtatt" if f.status == "decided" else "estimert",
            format_money(f.koordinering),
        )
        for f in frames
    ]
    columns = ("Nettverk", "Elevtall", "Barnetall", "Ramme", "Status", "Koordinering")
    for index, column in enumerate(columns):
        if column in ("Nettverk", "Status"):  # words: these wrap when the terminal is narrow
            table.add_column(column, justify="left", overflow="fold")
        else:  # numbers and amounts are never cut
            widest = max([len(column), *(len(row[index]) for row in rows)])
            table.add_column(column, justify="right", no_wrap=True, min_width=widest)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print(
        f"Totalt {format_money(allocation.total)}: fellestiltak "
        f"{format_money(allocation.fellestiltak)}, møtevirksomhet "
        f"{format_money(allocation.moetevirksomhet)}, PPT-ledernettverket "
        f"{format_money(allocation.ppt_ledernettverket)}, koordinering "
        f"{format_money(allocation.koordinering)}."
    )
    if allocation.example_data:
        console.print(
            "* eksempeldata: tallene er ikke ekte, og skal byttes ut av en administrator."
        )
    if imported:
        console.print(f"Elevtall og barnetall importert fra {imported.source}.")
    return 0


async def _import(
    scheme: SchemeData, path: Path, year: int, console: Console, audit: AuditLog
) -> int:
    region = scheme.region
    if year not in region.years:
        raise CliError(f"Det finnes ingen datafil for {year} ({year}.yaml); legg den til først.")
    counts, problems = parse_counts_csv(path, region)
    if problems:
        raise CliError(
            "Ingenting ble importert. Rett opp dette og prøv igjen:\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    if not counts:
        raise CliError(f"{path}: filen har ingen tall. Ingenting ble importert.")
    stored = {k: Counts(v.elevtall, v.barnetall) for k, v in counts.items()}
    await scheme.store_counts(year, stored, path.name)
    await audit.record(
        "counts.imported",
        actor=cli_actor(),
        subject=str(year),
        file=path.name,
        networks=list(counts),
    )
    try:
        allocation, _ = await scheme.allocation(year)
    except AllocationError as error:
        raise CliError(f"Tallene er lagret, men rammene kan ikke regnes ut: {error}") from error
    console.print(f"Importerte tall for {len(counts)} nettverk for {year} fra {path.name}:")
    for network_id in counts:
        frame = allocation.frame(network_id)
        console.print(f"  {frame.network_name}: ny ramme {format_money(frame.amount)}")
    return 0


async def _export(
    reports: NeedsReports,
    scheme: SchemeData,
    args: argparse.Namespace,
    console: Console,
    audit: AuditLog,
) -> int:
    network = scheme.region.find_network(args.network)
    if network is None:
        raise CliError(f"Finner ikke «{args.network}» i {scheme.region.name}.")
    year = args.year or scheme.cycle_year(_now())
    out = args.out or Path(f"behovsmeldinger-{network.id}-{year}.{args.format}")
    found = await reports.for_network(network.id, year)
    if args.format == "csv":
        count = write_csv(out, found)
    else:
        count = write_xlsx(out, found, f"{network.name} {year}")
    await audit.record(
        "needs.exported",
        actor=cli_actor(),
        subject=network.id,
        year=year,
        rows=count,
        file=str(out),
    )
    noun = "behovsmelding" if count == 1 else "behovsmeldinger"
    console.print(f"Skrev {count} {noun} fra {network.name} for {year} til {out}.")
    return 0


def _year_arg(text: str | None, scheme: SchemeData) -> int:
    """The --year given (four digits), or the grant year under way."""
    if text is None:
        return scheme.cycle_year(_now())
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise CliError(
            f"«{text}» er ikke et gyldig år. Skriv året med fire sifre, for eksempel --year 2027."
        )
    return int(text)


async def _export_decision_basis(
    engine: AsyncEngine,
    scheme: SchemeData,
    args: argparse.Namespace,
    console: Console,
    audit: AuditLog,
) -> int:
    # Imported here: python-docx is for this command only, and `laget serve` never loads it.
    from bot.decision_basis import export  # noqa: PLC0415

    year = _year_arg(args.year, scheme)
    bases = DecisionBases(engine)
    service = DecisionBasisService(
        bases,
        scheme=scheme,
        roles=RolesRepository(engine),
        needs=bases,
        marks=Completions(engine),
        clock=_now,
    )
    with console.status(f"Henter beslutningsgrunnlagene for {year} …") as status:
        data = await export.gather(service, year, oslo_today(_now()))
        documents = data.documents
        if not documents:
            message = f"Ingen nettverk har startet på beslutningsgrunnlaget for {year} ennå."
            if year not in scheme.region.years:
                known = ", ".join(str(y) for y in sorted(scheme.region.years))
                message += f" Det finnes heller ingen datafil for {year} (år med data: {known})."
            raise CliError(message + " Ingenting ble skrevet.")
        status.update(f"Skriver {args.format} …")
        out: Path = args.out or Path(
            f"beslutningsgrunnlag-{year}" + ("" if args.format == "docx" else f".{args.format}")
        )
        if args.format == "docx":
            if out.exists() and not out.is_dir():
                raise CliError(f"{out} er en fil. Med --format docx er --out en mappe.")
            written = export.write_docx_files(out, data)
        else:
            if out.is_dir():
                raise CliError(f"{out} er en mappe. Med --format {args.format} er --out en fil.")
            if args.format == "csv":
                export.write_csv(out, data)
            else:
                export.write_xlsx(out, data)
            written = [out]
    states = [entry.row.state for entry in documents]
    sent = sum(1 for state in states if state in ("sent", "sent_late"))
    drafts = len(states) - sent
    await audit.record(
        "decision_basis.exported",
        actor=cli_actor(),
        subject=str(year),
        year=year,
        format=args.format,
        networks=[entry.row.network_id for entry in documents],
        sent=sent,
        drafts=drafts,
        file=str(out),
    )
    waiting = len(data.entries) - len(documents)
    counted = f"{sent} sendt, {drafts} utkast"
    if waiting:
        counted += f"; {waiting} nettverk har ikke startet"
    if args.format == "docx":
        noun = "Word-dokument" if len(written) == 1 else "Word-dokumenter"
        console.print(f"Skrev {len(written)} {noun} for {year} til {out}/ ({counted}):")
        for path in written:
            console.print(f"  {path.name}")
    else:
        console.print(
            f"Skrev beslutningsgrunnlagene for {year} til {out}: {len(documents)} nettverk "
            f"({counted})."
        )
    return 0


async def _audit_list(audit: AuditLog, args: argparse.Namespace, console: Console) -> int:
    entries = await audit.entries(limit=args.limit)
    if args.json:
        rows = [
            {"at": e.at.isoformat(), "actor": e.actor, "action": e.action, "subject": e.subject}
            | {"detail": e.detail}
            for e in entries
        ]
        console.print_json(json.dumps({"entries": rows}))
        return 0
    table = Table(title="Revisjonslogg")
    for column in ("Tid", "Hvem", "Hva", "Gjelder", "Detaljer"):
        table.add_column(column, overflow="fold")
    for e in entries:
        details = ", ".join(f"{k}={v}" for k, v in e.detail.items())
        table.add_row(f"{e.at:%Y-%m-%d %H:%M}", e.actor, e.action, e.subject, details)
    console.print(table if entries else "Revisjonsloggen er tom.")
    return 0


def _check(directory: Path, console: Console) -> int:
    problems = check_data_dir(directory)
    if problems:
        raise CliError("\n".join(problems))
    console.print(f"{directory}: datafilene er i orden.")
    return 0


async def _roles(
    roles: RolesRepository,
    region: RegionData,
    args: argparse.Namespace,
    console: Console,
    audit: AuditLog,
) -> int:
    if args.roles_command == "list":
        table = Table(title="Roller")
        for column in ("Rolle", "Nettverk", "Navn", "E-post", "Azure AD-objekt-id"):
            table.add_column(column, overflow="fold")
        for stored in await roles.all():
            a = stored.assignment
            network_name = region.network(a.network_id).name if a.network_id else ""
            table.add_row(
                ROLE_NAMES[a.role], network_name, stored.name, stored.email, a.aad_object_id
            )
        console.print(table)
        return 0
    network_id = None
    if args.role == "coordinator":
        network = region.find_network(args.network or "")
        if network is None:
            raise CliError("En koordinator må ha --network med et kjent nettverk eller en kommune.")
        network_id = network.id
    try:
        assignment = RoleAssignment(
            aad_object_id=args.aad_object_id, role=args.role, network_id=network_id
        )
    except ValueError as error:
        raise CliError(f"«{args.aad_object_id}» er ikke en gyldig Azure AD-objekt-id.") from error
    if args.roles_command == "grant":
        await roles.grant(assignment, name=args.name, email=args.email)
        await audit.record(
            "role.granted",
            actor=cli_actor(),
            subject=assignment.aad_object_id,
            role=assignment.role,
            network=assignment.network_id,
        )
        who = args.name or assignment.aad_object_id
        console.print(f"Rollen {ROLE_NAMES[args.role]} er gitt til {who}.")
        return 0
    if not await roles.revoke(assignment):
        raise CliError("Personen hadde ikke den rollen; ingenting er endret.")
    await audit.record(
        "role.revoked",
        actor=cli_actor(),
        subject=assignment.aad_object_id,
        role=assignment.role,
        network=assignment.network_id,
    )
    console.print(f"Rollen {ROLE_NAMES[args.role]} er tatt bort.")
    return 0
