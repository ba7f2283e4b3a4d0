"""Administration commands of `laget`: the calendar, frames, data files, counts and roles.

Tables are printed with rich; `--json` gives the same facts for scripts. Every error is one
Norwegian sentence (or one line per problem) on stderr with exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import astuple
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.audit import action_name, cli_actor
from bot.decision_basis.service import DecisionBasisService
from bot.qa import texts as qa_texts
from bot.reporting.service import ReportService
from bot.scheme import (
    Allocation,
    AllocationError,
    Frame,
    Problem,
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
from bot.scheme.counts import Counts, ImportedCounts
from bot.scheme.counts_csv import parse_counts_csv
from bot.scheme.decisions import FrameDecision
from bot.scheme.formatting import format_number
from bot.scheme.money import describe_difference
from bot.scheme.privacy import contains_national_id
from bot.scheme.roles import RoleAssignment
from bot.scheme.scheme_data import SchemeData
from bot.settings import Settings
from bot.store.audit import AuditLog
from bot.store.completions import Completions
from bot.store.counts import CountsRepository
from bot.store.db import create_engine
from bot.store.decision_basis import REPORT_TABLES, DecisionBases
from bot.store.frame_decisions import FrameDecisionsRepository
from bot.store.migrate import upgrade_async
from bot.store.needs import NeedsReports
from bot.store.roles import RolesRepository
from bot.vedtak.service import DecisionError, Entry, VedtakService
from cards.views import CardView

ROLE_NAMES = {"admin": "administrator", "coordinator": "koordinator"}


class CliError(Exception):
    """A user error: the message is printed as is."""


def add_commands(commands: Any) -> None:
    """Register calendar, frame, data and roles on the `laget` parser."""
    calendar = commands.add_parser("calendar", help="årshjulet med frister")
    calendar.add_argument("--year", type=int, help="tilskuddsåret (standard: året som pågår)")
    calendar.add_argument("--json", action="store_true")

    frame = commands.add_parser(
        "frame",
        help="rammene til nettverkene; «frame decide» registrerer vedtatte rammer",
        description="Viser rammene (vedtatte og estimerte) for et tilskuddsår, og sier fra når "
        "de ikke går opp i det som fordeles. «laget frame decide» registrerer vedtatte rammer: "
        "ett nettverk med --network, --amount, --date og --reference, eller flere fra en "
        "CSV-fil med --file (kolonnene nettverk;ramme;dato;referanse, «;» eller «,», med "
        "overskriftsrad). Alt eller ingenting: er én linje feil, lagres ingenting.",
    )
    frame.add_argument(
        "network",
        nargs="?",
        metavar="NETTVERK",
        help="nettverk eller kommune (standard: alle), eller «decide» for å registrere vedtak",
    )
    frame.add_argument(
        "--year", metavar="ÅR", help="tilskuddsåret (standard: året som pågår; decide: påkrevd)"
    )
    frame.add_argument("--json", action="store_true")
    decide = frame.add_argument_group(
        "laget frame decide --year ÅR",
        "registrer vedtatte rammer; nettverkets kanal og koordinatorer får beskjed ved neste "
        "påminnelsesrunde",
    )
    decide.add_argument(
        "--network", dest="decide_network", metavar="NETTVERK", help="navn, id eller medlemskommune"
    )
    decide.add_argument(
        "--amount", dest="decide_amount", metavar="BELØP", help="i hele kroner, f.eks. «1 200 000»"
    )
    decide.add_argument(
        "--date", dest="decide_date", metavar="DATO", help="vedtaksdatoen, f.eks. 15.04.2027"
    )
    decide.add_argument(
        "--reference", dest="decide_reference", metavar="REF", help="vedtakets saksnummer"
    )
    decide.add_argument(
        "--file",
        dest="decide_file",
        type=Path,
        metavar="FIL",
        help="CSV med kolonnene nettverk;ramme;dato;referanse, én linje per nettverk",
    )

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

    reports = export.add_parser(
        "reports",
        help="rapportene for et år: regneark, CSV eller Word-dokumenter",
        description="Eksporterer sendte rapporter og utkast (merket «utkast») om et tilskuddsår, "
        "for alle nettverk og PPT-ledernettverket. De som ikke har startet, står bare i "
        "oversikten.",
    )
    reports.add_argument(
        "--year",
        metavar="ÅR",
        help="tilskuddsåret rapportene gjelder, for eksempel 2027 (standard: året som skal "
        "rapporteres neste gang)",
    )
    reports.add_argument(
        "--format",
        choices=["xlsx", "csv", "docx"],
        default="xlsx",
        help="xlsx: arket «Oversikt» og ett ark per rapport; csv: én rad per nettverk og én per "
        "tiltak; docx: ett Word-dokument per rapport (standard: xlsx)",
    )
    reports.add_argument(
        "--out",
        type=Path,
        metavar="STI",
        help="xlsx og csv: filen (standard: rapporter-ÅR.FORMAT); docx: en mappe, som lages om "
        "den mangler, med én fil per rapport, rapport-NETTVERK-ÅR.docx (standard: rapporter-ÅR)",
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
        # The frames the bot shows: imported counts and the administrators' decided frames.
        scheme = SchemeData(region, CountsRepository(engine), FrameDecisionsRepository(engine))
        audit = AuditLog(engine)
        handlers: dict[str, Callable[[], Any]] = {
            "frame": lambda: (
                _decide(engine, scheme, args, console, audit)
                if args.network == DECIDE
                else _frame(scheme, args, console)
            ),
            "data": lambda: _import(scheme, args.file, args.year, console, audit),
            "roles": lambda: _roles(RolesRepository(engine), region, args, console, audit),
            "export needs": lambda: _export(NeedsReports(engine), scheme, args, console, audit),
            "export decision-basis": lambda: _export_decision_basis(
                engine, scheme, args, console, audit
            ),
            "export reports": lambda: _export_reports(engine, scheme, args, console, audit),
            "audit": lambda: _audit_list(audit, args, console),
        }
        command = f"export {args.export_command}" if args.command == "export" else args.command
        result: int = await handlers[command]()
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


def _frame_status(frame: Frame) -> str:
    """«estimert», «vedtatt», or «vedtatt 15. april 2027 (SF 2027/1234)» for a vedtak entered by
    an administrator (or dated in the data file)."""
    if frame.decided is None:
        return "estimert"
    if frame.decided_on is None:
        return "vedtatt"
    if not frame.decision_reference:
        return f"vedtatt {format_date(frame.decided_on)}"
    return qa_texts.STATUS_DECIDED_ON.get("nb").format(
        date=format_date(frame.decided_on), reference=frame.decision_reference
    )


def _shown_as_example(frame: Frame) -> bool:
    """Example data, unless an administrator entered the vedtak (that is never example data)."""
    return frame.example_data and not frame.entered_vedtak


async def _frame(scheme: SchemeData, args: argparse.Namespace, console: Console) -> int:
    _refuse_decide_options(args)
    region = scheme.region
    year = _year_arg(args.year, scheme)
    try:
        allocation, imported = await scheme.allocation(year)
    except AllocationError as error:
        raise CliError(f"Rammene for {year} kan ikke vises: {error}") from error
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
        console.print_json(json.dumps(_frame_json(allocation, frames, imported)))
        return 0
    starred = any(_shown_as_example(f) for f in frames)
    title = f"Rammer for {year} ({region.name})"
    table = Table(title=title + (" – EKSEMPELDATA" if starred else ""))
    rows = [
        (
            f.network_name + (" *" if _shown_as_example(f) else ""),
            format_number(f.elevtall),
            format_number(f.barnetall),
            format_money(f.amount),
            _frame_status(f),
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
        f"{format_money(allocation.koordinering)}.",
        soft_wrap=True,
    )
    for note in _frame_notes(allocation, frames, imported):
        console.print(note, highlight=False, soft_wrap=True)
    difference = describe_difference(allocation)
    if difference:  # the whole county's frames, also when one network is shown
        console.print(difference, style="bold", highlight=False, soft_wrap=True)
    return 0


def _frame_json(
    allocation: Allocation, frames: list[Frame], imported: ImportedCounts | None
) -> dict[str, Any]:
    body = allocation.model_dump(mode="json", exclude={"frames"})
    return body | {
        "fixed_posts": allocation.fixed_posts,
        "pool": allocation.pool,
        "difference": allocation.difference,
        "difference_note": describe_difference(allocation),
        "sum": sum(f.amount for f in allocation.frames)
        + allocation.fellestiltak
        + allocation.fixed_posts,
        "counts_imported_from": imported.source if imported else None,
        "frames": [
            f.model_dump(mode="json")
            | {
                "status": f.status,
                "status_text": _frame_status(f),
                "example_data": _shown_as_example(f),
            }
            for f in frames
        ],
    }


def _frame_notes(
    allocation: Allocation, frames: list[Frame], imported: ImportedCounts | None
) -> list[str]:
    notes = []
    if any(_shown_as_example(f) for f in frames):
        notes.append("* eksempeldata: tallene er ikke ekte, og skal byttes ut av en administrator.")
    if allocation.example_data and any(f.entered_vedtak for f in frames):
        notes.append(
            "Vedtatte rammer med dato er lagt inn av en administrator og er ikke eksempeldata; "
            "totalbeløpet og tallene i beregningen er det."
        )
    if imported:
        notes.append(f"Elevtall og barnetall importert fra {imported.source}.")
    return notes


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
    try:
        before: dict[str, int] = {
            f.network_id: f.amount for f in (await scheme.allocation(year))[0].frames
        }
    except AllocationError:
        before = {}
    await scheme.store_counts(year, stored, path.name)
    await audit.record(
        "counts.imported",
        actor=cli_actor(),
        subject=str(year),
        file=path.name,
        networks=list(counts),
    )
    try:
        allocation, imported = await scheme.allocation(year)
    except AllocationError as error:
        raise CliError(f"Tallene er lagret, men rammene kan ikke regnes ut: {error}") from error
    console.print(f"Importerte tall for {len(counts)} nettverk for {year} fra {path.name}.")
    # Frames are shares of one pool: new counts for one network move every network's frame.
    changed = [f for f in allocation.frames if before.get(f.network_id) != f.amount]
    if changed:
        console.print(f"Rammer som ble endret ({len(changed)}):", soft_wrap=True)
        for frame in changed:
            old = before.get(frame.network_id)
            was = f"{format_money(old)} → " if old is not None else ""
            console.print(
                f"  {frame.network_name}: {was}{format_money(frame.amount)}", soft_wrap=True
            )
    else:
        console.print("Ingen rammer ble endret.")
    from_file = [
        network.name
        for network in region.networks
        if imported is None or network.id not in imported.counts
    ]
    if from_file:
        label = " (eksempeldata)" if region.years[year].example_data else ""
        console.print(
            f"Bruker fortsatt tallene i {year}.yaml{label}: {', '.join(from_file)}.",
            soft_wrap=True,
        )
    return 0


# laget frame decide

DECIDE = "decide"
# The fields of a decision: the option that gives it, and the column of the CSV file.
DECIDE_OPTIONS = {
    "network": "--network",
    "amount": "--amount",
    "decided_on": "--date",
    "reference": "--reference",
}
DECISION_COLUMNS = {
    "nettverk": "network",
    "ramme": "amount",
    "dato": "decided_on",
    "referanse": "reference",
}
COLUMN_OF = {field: column for column, field in DECISION_COLUMNS.items()}
MAX_DECISIONS_BYTES = 1_000_000  # a county's decisions are a few hundred bytes
_NOTHING_STORED = "Ingenting ble registrert."


def _decide_values(args: argparse.Namespace) -> dict[str, str]:
    """The single-decision options given on the command line, by field."""
    given = {
        "network": args.decide_network,
        "amount": args.decide_amount,
        "decided_on": args.decide_date,
        "reference": args.decide_reference,
    }
    return {field: value for field, value in given.items() if value is not None}


def _refuse_decide_options(args: argparse.Namespace) -> None:
    """`laget frame` shows frames: the options of `frame decide` alone are a mistake."""
    given = [DECIDE_OPTIONS[field] for field in _decide_values(args)]
    if args.decide_file is not None:
        given.append("--file")
    if given:
        raise CliError(
            f"{', '.join(given)} hører til «laget frame decide». Skriv for eksempel: laget frame "
            "decide --year 2027 --network Fosen --amount 1200000 --date 15.04.2027 --reference "
            "2027/1234"
        )


def _vedtak_service(scheme: SchemeData, engine: AsyncEngine) -> VedtakService:
    """The vedtak service as `bot.app` builds it, without the announcement (the reminder pass
    announces what is stored here)."""
    bases = DecisionBases(engine)
    basis = DecisionBasisService(
        bases,
        scheme=scheme,
        roles=RolesRepository(engine),
        needs=bases,
        marks=Completions(engine),
        clock=_now,
    )
    return VedtakService(
        scheme,
        FrameDecisionsRepository(engine),
        commitments=basis.committed,
        notify=_announced_by_the_reminder_pass,
        render=_not_rendered,
        clock=_now,
    )


async def _announced_by_the_reminder_pass(
    _network_id: str, _card: dict[str, Any], _kind: str
) -> int:
    raise RuntimeError("laget frame decide stores decisions; the reminder pass announces them")


def _not_rendered(_view: CardView) -> dict[str, Any]:
    raise RuntimeError("laget frame decide renders no cards")


def _read_decision(
    service: VedtakService, entry: Entry, year: int, region: RegionData
) -> FrameDecision:
    """One decision, or DecisionError naming the field, with what was typed (never a national
    identity number)."""
    typed = dict(zip(DECIDE_OPTIONS, astuple(entry), strict=True))
    for field, value in typed.items():
        if contains_national_id(value):
            message = "Ser ut til å inneholde et fødselsnummer, og det skal ikke stå her."
            raise DecisionError(message, field)
    try:
        return service.read(entry, year, cli_actor())
    except DecisionError as error:
        value = " ".join(typed.get(error.field, "").split())
        shown = value if len(value) <= 40 else value[:40] + "…"
        if error.field == "network" and shown:
            message = (
                f"Kjenner ikke «{shown}» i {region.name}. Skriv nettverkets navn eller id, eller "
                "en kommune i det."
            )
        elif error.field == "network":
            message = "Feltet er tomt. Skriv nettverkets navn eller id, eller en kommune i det."
        else:
            message = f"{error} " + (f"Du skrev «{shown}»." if shown else "Feltet er tomt.")
        raise DecisionError(message, error.field) from None


async def _decide(
    engine: AsyncEngine,
    scheme: SchemeData,
    args: argparse.Namespace,
    console: Console,
    audit: AuditLog,
) -> int:
    region = scheme.region
    if args.year is None:
        raise CliError(
            f"Skriv hvilket tilskuddsår vedtaket gjelder, for eksempel --year 2027. "
            f"{_NOTHING_STORED}"
        )
    year = _year_arg(args.year, scheme)
    if year not in region.years:
        known = ", ".join(str(y) for y in sorted(region.years))
        raise CliError(
            f"Det finnes ingen datafil for {year} ({year}.yaml), så ingen ramme kan vedtas for "
            f"det året (år med data: {known}). {_NOTHING_STORED}"
        )
    service = _vedtak_service(scheme, engine)
    decisions, source = _decisions_given(args, year, service, region)
    with console.status(f"Registrerer {len(decisions)} vedtak for {year} …"):
        before = await scheme.decisions.for_year(region.id, year)
        allocation, _ = await scheme.allocation(year)
        estimates = {frame.network_id: frame.estimated for frame in allocation.frames}
        await service.decide(decisions)  # all or nothing
        for decision in decisions:
            replaced = before.get(decision.network_id)
            await audit.record(
                "vedtak.decided",
                actor=cli_actor(),
                subject=decision.reference,
                network=decision.network_id,
                amount=decision.amount,
                year=decision.year,
                decided_on=decision.decided_on.isoformat(),
                source=source,
                replaced=replaced.reference if replaced else None,
            )
        allocation, _ = await scheme.allocation(year)
    console.print(f"Registrerte {len(decisions)} vedtak for {year} fra {source}:", soft_wrap=True)
    for decision in decisions:
        line = _decided_line(decision, region, estimates, before.get(decision.network_id))
        console.print(line, highlight=False, soft_wrap=True)
    difference = describe_difference(allocation)
    if difference:
        console.print(difference, style="bold", highlight=False, soft_wrap=True)
    whose = (
        "Nettverkets kanal og koordinatorer får"
        if len(decisions) == 1
        else "Nettverkenes kanaler og koordinatorer får"
    )
    console.print(
        f"{whose} beskjed ved neste påminnelsesrunde (i «laget serve», eller med «laget "
        "reminders send»).",
        soft_wrap=True,
    )
    return 0


def _decisions_given(
    args: argparse.Namespace, year: int, service: VedtakService, region: RegionData
) -> tuple[list[FrameDecision], str]:
    """The decisions of --file, or the one of --network/--amount/--date/--reference, with where
    they came from; CliError when something is wrong (nothing is stored then)."""
    values = _decide_values(args)
    if args.decide_file is not None:
        if values:
            options = ", ".join(DECIDE_OPTIONS[field] for field in values)
            raise CliError(
                f"Bruk enten --file eller {', '.join(DECIDE_OPTIONS.values())}, ikke begge "
                f"(du ga --file og {options}). {_NOTHING_STORED}"
            )
        path: Path = args.decide_file
        return _read_decisions_file(path, year, service, region), path.name
    missing = [option for field, option in DECIDE_OPTIONS.items() if field not in values]
    if missing:
        raise CliError(
            f"Mangler {', '.join(missing)}. Ett vedtak trenger --network, --amount, --date og "
            f"--reference (flere vedtak: --file). {_NOTHING_STORED}"
        )
    entry = Entry(*(values[field] for field in DECIDE_OPTIONS))
    try:
        return [_read_decision(service, entry, year, region)], "kommandolinjen"
    except DecisionError as error:
        option = DECIDE_OPTIONS.get(error.field, "--year")
        raise CliError(f"{option}: {error} {_NOTHING_STORED}") from None


def _decided_line(
    decision: FrameDecision,
    region: RegionData,
    estimates: dict[str, int],
    replaced: FrameDecision | None,
) -> str:
    """«  Fosen: vedtatt ramme kr … (vedtak 15. april 2027, SF 2027/1234); estimatet var …»"""
    line = (
        f"  {region.network(decision.network_id).name}: vedtatt ramme "
        f"{format_money(decision.amount)} (vedtak {format_date(decision.decided_on)}, "
        f"{decision.reference})"
    )
    estimate = estimates.get(decision.network_id)
    if estimate is not None:
        line += f"; estimatet var {format_money(estimate)}"
        change = decision.amount - estimate
        if change:
            line += f" ({'+' if change > 0 else '−'}{format_money(abs(change))})"
    if replaced is not None:
        line += (
            f"; erstatter vedtaket {format_date(replaced.decided_on)} ({replaced.reference}) "
            f"på {format_money(replaced.amount)}"
        )
    return line + "."


def _read_decisions_file(
    path: Path, year: int, service: VedtakService, region: RegionData
) -> list[FrameDecision]:
    """Every decision of the file, or CliError naming every bad line and field."""
    text = _decisions_text(path)
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=";" if ";" in first else ",")
    try:
        header = next(reader, [])
    except csv.Error:
        header = []
    columns = _decision_columns(path, header)
    problems: list[Problem] = []
    decisions: list[FrameDecision] = []
    seen: dict[str, int] = {}  # network id -> line
    for number, row in _csv_lines(reader, path, problems):
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(row) > len(header):
            message = f"linjen har {len(row)} felt, men overskriften har {len(header)}"
            problems.append(Problem(path, number, None, message))
            continue
        cells = {field: row[index] if index < len(row) else "" for index, field in columns.items()}
        entry = Entry(*(cells[field] for field in DECIDE_OPTIONS))
        try:
            decision = _read_decision(service, entry, year, region)
        except DecisionError as error:
            problems.append(Problem(path, number, COLUMN_OF.get(error.field), str(error)))
            continue
        if decision.network_id in seen:
            name = region.network(decision.network_id).name
            message = f"«{name}» står også på linje {seen[decision.network_id]}"
            problems.append(Problem(path, number, "nettverk", message))
            continue
        seen[decision.network_id] = number
        decisions.append(decision)
    if problems:
        raise CliError(_decision_problems(problems))
    if not decisions:
        raise CliError(f"{path}: filen har ingen vedtak, bare overskriften. {_NOTHING_STORED}")
    return decisions


def _decision_columns(path: Path, header: list[str]) -> dict[int, str]:
    """The header row: each known column's position and field; CliError for an unknown,
    repeated or missing column."""
    problems: list[Problem] = []
    columns: dict[int, str] = {}  # position -> field
    for index, name in enumerate(header):
        key = name.strip().casefold()
        shown = key if len(key) <= 40 else key[:40] + "…"
        if key in DECISION_COLUMNS and DECISION_COLUMNS[key] in columns.values():
            problems.append(Problem(path, 1, shown, "kolonnen står mer enn én gang"))
        elif key in DECISION_COLUMNS:
            columns[index] = DECISION_COLUMNS[key]
        elif key:
            problems.append(Problem(path, 1, shown, "ukjent kolonne"))
    absent = [column for column, field in DECISION_COLUMNS.items() if field not in columns.values()]
    if absent:
        message = f"mangler kolonne: {', '.join(absent)} (ventet nettverk;ramme;dato;referanse)"
        problems.append(Problem(path, 1, None, message))
    if problems:
        raise CliError(_decision_problems(problems))
    return columns


def _decision_problems(problems: list[Problem]) -> str:
    return f"{_NOTHING_STORED} Rett opp dette og prøv igjen:\n" + "\n".join(
        f"  {problem}" for problem in problems
    )


def _decisions_text(path: Path) -> str:
    """The file's text (UTF-8, with or without BOM) with \\n line endings, or CliError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{path}: filen finnes ikke. {_NOTHING_STORED}") from None
    except IsADirectoryError:
        raise CliError(f"{path}: er en mappe, ikke en CSV-fil. {_NOTHING_STORED}") from None
    except OSError as error:
        problem = Problem(path, None, None, f"kan ikke lese filen ({error.strerror})")
        raise CliError(f"{problem}. {_NOTHING_STORED}") from None
    if len(raw) > MAX_DECISIONS_BYTES:
        problem = Problem(path, None, None, f"filen er større enn {MAX_DECISIONS_BYTES} byte")
        raise CliError(f"{problem}. {_NOTHING_STORED}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = Problem(path, line, None, "filen må være lagret som UTF-8")
        raise CliError(f"{problem}. {_NOTHING_STORED}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problem = Problem(path, line, None, "filen inneholder NUL-tegn (er det en CSV-fil?)")
        raise CliError(f"{problem}. {_NOTHING_STORED}")
    return text


def _csv_lines(reader: Any, path: Path, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """The data lines with the number of the line each starts on; a line the csv module
    cannot read is a problem."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            problems.append(Problem(path, start, None, "linjen kan ikke leses som CSV"))
            continue
        yield start, row


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
    # Imported here: openpyxl is for this command only, and `laget serve` never loads it.
    from bot.needs.export import write_csv, write_xlsx  # noqa: PLC0415

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
        out = _out_path(args, f"beslutningsgrunnlag-{year}")
        if args.format == "docx":
            written = export.write_docx_files(out, data)
        else:
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


def _out_path(args: argparse.Namespace, stem: str) -> Path:
    """--out, or `stem` (a folder for docx, else stem.FORMAT); CliError if it is the wrong kind
    (checked before anything is written)."""
    out: Path = args.out or Path(stem if args.format == "docx" else f"{stem}.{args.format}")
    if args.format == "docx" and out.exists() and not out.is_dir():
        raise CliError(f"{out} er en fil. Med --format docx er --out en mappe.")
    if args.format != "docx" and out.is_dir():
        raise CliError(f"{out} er en mappe. Med --format {args.format} er --out en fil.")
    return out


async def _export_reports(
    engine: AsyncEngine,
    scheme: SchemeData,
    args: argparse.Namespace,
    console: Console,
    audit: AuditLog,
) -> int:
    # Imported here: python-docx is for this command only, and `laget serve` never loads it.
    from bot.reporting import export  # noqa: PLC0415

    service = ReportService(
        DecisionBases(engine, REPORT_TABLES),
        bases=DecisionBases(engine),
        scheme=scheme,
        roles=RolesRepository(engine),
        marks=Completions(engine),
        clock=_now,
    )
    year = service.year() if args.year is None else _year_arg(args.year, scheme)
    with console.status(f"Henter rapportene om {year} …") as status:
        data = await export.gather(service, year, oslo_today(_now()))
        documents = data.documents
        if not documents:
            message = f"Ingen har startet på rapporten om {year} ennå."
            if data.deadline is not None:
                message += f" Fristen er {format_date(data.deadline)}."
            raise CliError(message + " Ingenting ble skrevet.")
        status.update(f"Skriver {args.format} …")
        out = _out_path(args, f"rapporter-{year}")
        if args.format == "docx":
            written = export.write_docx_files(out, data)
        else:
            if args.format == "csv":
                export.write_csv(out, data)
            else:
                export.write_xlsx(out, data)
            written = [out]
    states = [entry.state for entry in documents]
    sent = sum(1 for state in states if state in ("sent", "sent_late"))
    drafts = len(states) - sent
    await audit.record(
        "reports.exported",
        actor=cli_actor(),
        subject=str(year),
        year=year,
        format=args.format,
        parties=[entry.party_id for entry in documents],
        sent=sent,
        drafts=drafts,
        file=str(out),
    )
    waiting = len(data.entries) - len(documents)
    counted = f"{sent} sendt, {drafts} utkast"
    if waiting:
        counted += f"; {waiting} har ikke startet"
    if args.format == "docx":
        noun = "Word-dokument" if len(written) == 1 else "Word-dokumenter"
        console.print(
            f"Skrev {len(written)} {noun} om {year} til {out}/ ({counted}):", soft_wrap=True
        )
        for path in written:
            console.print(f"  {path.name}")
    else:
        noun = "rapport" if len(documents) == 1 else "rapporter"
        console.print(
            f"Skrev rapportene om {year} til {out}: {len(documents)} {noun} ({counted}).",
            soft_wrap=True,
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
        table.add_row(f"{e.at:%Y-%m-%d %H:%M}", e.actor, action_name(e.action), e.subject, details)
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
