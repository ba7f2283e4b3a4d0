"""Answers about deadlines and frames, built from the scheme's data, in bokmål or nynorsk.

No Bot Framework here: an answer is a `Reply` (a text, maybe a card view-model, maybe a network
to remember) that the channel layer turns into a message. Every date and amount comes from the
data through the domain core; nothing here types a date or an amount into a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.profile.model import UserProfile
from bot.qa import texts as t
from bot.qa.answer_parts import (
    due_text,
    fallback,
    frame_facts,
    frame_headline,
    frame_warning,
    left_headline,
    municipality,
)
from bot.scheme import (
    AllocationError,
    Lang,
    Network,
    cycle_deadlines,
    deadline_for,
    describe_deadline,
    example_data_note,
    format_date,
    format_days_left,
    format_money,
    next_deadline,
    oslo_today,
)
from bot.scheme.counts import ImportedCounts
from bot.scheme.money import Commitment, Frame, Spending, describe_difference
from bot.scheme.roles import Permission, RoleDirectory, allowed
from bot.scheme.scheme_data import SchemeData
from bot.understanding.questions import Question, Topic
from cards.markdown import verbatim
from cards.views import Bar, BarsCard, Button, CardView, Fact, FactsCard


@dataclass(frozen=True)
class Reply:
    """What to say: a text (always, also the card's fallback), maybe a card, maybe a memory."""

    text: str
    card: CardView | None = None
    remember_network: str | None = None


@dataclass(frozen=True)
class Asker:
    """Who asks: their Azure AD object id (for roles) and what they told the bot."""

    aad_object_id: str | None
    profile: UserProfile


# What a network's beslutningsgrunnlag commits of a year's frame (None: nothing started).
Commitments = Callable[[str, int], Awaitable[Commitment | None]]


class ReportFacts(Protocol):
    """What the reports know (the reporting feature's service implements it)."""

    def year(self) -> int:
        """The grant year whose report is due next."""
        ...

    def deadline(self, year: int) -> date | None:
        """When the report on `year` is due."""
        ...

    async def spending(self, network_id: str) -> Spending | None:
        """What the network's report on that year says was used (None: not started)."""
        ...


async def _nothing_committed(_network_id: str, _year: int) -> Commitment | None:
    return None


class SchemeAnswers:
    """Answers scheme questions from the data, the imported counts, the asker's roles and
    what the beslutningsgrunnlag commits."""

    def __init__(
        self,
        data: SchemeData,
        roles: RoleDirectory,
        clock: Callable[[], datetime],
        *,
        commitments: Commitments = _nothing_committed,
        reports: ReportFacts | None = None,
    ) -> None:
        self._data = data
        self._roles = roles
        self._clock = clock
        self._commitments = commitments
        self._reports = reports

    async def answer(self, question: Question, asker: Asker) -> Reply:
        """The reply to an interpreted question."""
        lang: Lang = "nn" if question.lang == "nn" else "nb"
        if question.topic is Topic.SET_NETWORK and question.network is not None:
            text = t.REMEMBERED.get(lang).format(name=question.network.name)
            if question.network.example_data:  # which municipalities it has is example data
                text += " " + t.EXAMPLE_GROUPING.get(lang)
            return Reply(text, remember_network=question.network.id)
        if question.topic is Topic.MEMBERSHIP:
            return self._membership(question, lang)
        by_topic = {
            Topic.COORDINATORS: self._people,
            Topic.MEMBERS: self._people,
            Topic.COUNTY: self._county,
            Topic.AMOUNTS: self._amounts,
            Topic.FRAME: self._frame,
            Topic.FRAME_LEFT: self._frame,
            Topic.FRAME_DECIDED: self._frame,
            Topic.SPENT: self._spent,
            Topic.REPORT_CONTENTS: self._report_contents,
            Topic.CALENDAR: self._calendar,
        }
        return await by_topic.get(question.topic, self._deadline)(question, asker, lang)

    async def _people(self, question: Question, asker: Asker, lang: Lang) -> Reply:
        """Who coordinates a network, or which municipalities are in it."""
        network, _ = await self._network(question, asker)
        if network is None:
            return self._unknown_network(question.place, lang)
        if question.topic is Topic.MEMBERS:
            return self._members(network, lang)
        return await self._coordinators(network, lang)

    def _membership(self, question: Question, lang: Lang) -> Reply:
        """Which network a place belongs to (a former municipality answered for today's)."""
        network = question.network
        if network is None:
            return self._unknown_network(question.place, lang)
        place = question.place or network.name
        today = self._data.region.today_name(place)
        shown = f"{place} (i dag {today})" if today else place
        lines = [t.MEMBER_OF.get(lang).format(place=shown, name=network.name)]
        if network.example_data:
            lines.append(t.EXAMPLE_GROUPING.get(lang))
        return Reply(" ".join(lines))

    async def _amounts(self, question: Question, _asker: Asker, lang: Lang) -> Reply:
        """The year's total, the fellestiltak share and the grunntilskudd, as amounts."""
        region = self._data.region
        year = question.year or self._data.cycle_year(self._clock())
        data = region.years.get(year)
        if data is None:
            return Reply(t.NO_YEAR.get(lang).format(year=year))
        card = FactsCard(
            title=t.AMOUNTS_TITLE.get(lang).format(year=year),
            headline=t.AMOUNTS_HEADLINE.get(lang).format(
                total=format_money(data.total), region=region.name, networks=len(region.networks)
            ),
            facts=[
                Fact(title=t.TOTAL.get(lang), value=format_money(data.total)),
                Fact(title=t.JOINT.get(lang), value=format_money(data.fellestiltak)),
                Fact(
                    title=t.BASE_EACH.get(lang),
                    value=format_money(data.grunntilskudd),
                ),
            ],
            warning=example_data_note(lang) if data.example_data else None,
            source=t.SOURCE.get(lang).format(source=region.source),
        )
        return Reply(fallback(card), card)

    def _members(self, network: Network, lang: Lang) -> Reply:
        """The municipalities of a network."""
        members = join_names(network.members)
        lines = [t.MEMBERS.get(lang).format(name=network.name, members=members)]
        if network.example_data:
            lines.append(t.EXAMPLE_GROUPING.get(lang))
        return Reply(" ".join(lines))

    async def _coordinators(self, network: Network, lang: Lang) -> Reply:
        """Who coordinates a network, by the names the roles were given with."""
        names = [
            verbatim(stored.name)  # typed by an administrator, read by others: shown as typed
            for stored in await self._roles.all()
            if stored.assignment.network_id == network.id and stored.name
        ]
        if not names:
            return Reply(t.NO_COORDINATOR_KNOWN.get(lang).format(name=network.name))
        template = t.COORDINATOR_IS if len(names) == 1 else t.COORDINATORS_ARE
        return Reply(template.get(lang).format(name=network.name, names=join_names(names)))

    # Frames

    async def _frame(self, question: Question, asker: Asker, lang: Lang) -> Reply:
        network, place = await self._network(question, asker)
        if network is None:
            return self._unknown_network(question.place, lang)
        year, asked = self._frame_year(question)
        try:
            allocation, imported = await self._data.allocation(year)
        except AllocationError:
            return Reply(t.NO_YEAR.get(lang).format(year=year))
        frame = allocation.frame(network.id)
        notes = (
            [] if place is None else [t.MEMBER_OF.get(lang).format(place=place, name=network.name)]
        )
        if asked != year:  # after June: the money being used is last vedtak's
            notes.insert(0, t.SPENDING_YEAR.get(lang).format(asked=asked, shown=year))
        notes += self._imported_note(imported, network.id, lang)
        committed = await self._commitments(network.id, year)
        headline = frame_headline(frame, lang)
        if question.topic is Topic.FRAME_LEFT:
            headline = left_headline(frame, committed, lang)
        elif question.topic is Topic.FRAME_DECIDED:
            headline = self._decided_headline(frame, network.name, year, lang)
        difference = describe_difference(allocation, lang)
        if difference:
            notes.append(difference)
        card = FactsCard(
            title=t.FRAME_TITLE.get(lang).format(name=network.name, year=year),
            headline=headline,
            warning=frame_warning(frame, lang),
            facts=frame_facts(frame, lang, committed),
            notes=notes,
            source=self._frame_source(allocation.example_data, lang),
            buttons=[Button(title=t.SEE_CALENDAR.get(lang), text="frister")],
        )
        return Reply(fallback(card), card)

    def fill_dates(self, text: str, lang: Lang) -> str:
        """A knowledge text with its deadlines filled in: the texts name them as
        «{frist:beslutningsgrunnlag}» and hold no dates themselves (dates are data)."""
        now = self._clock()

        def due(match: re.Match[str]) -> str:
            found = deadline_for(self._data.region, match.group(1), after=now)
            return format_date(found.due, lang) if found.due else t.SET_LOCALLY.get(lang)

        return _DATE_SLOT.sub(due, text)

    def _frame_year(self, question: Question) -> tuple[int, int]:
        """The year to show a frame for, and the year asked about. Asked for no year, between
        the cycle's end (15 June) and the next year's data, it is the year whose money is
        being used: the latest year with data before the cycle year."""
        cycle = self._data.cycle_year(self._clock())
        if question.year is not None:
            return question.year, question.year
        years = self._data.region.years
        if cycle in years:
            return cycle, cycle
        earlier = [y for y in years if y < cycle]
        return (max(earlier), cycle) if earlier else (cycle, cycle)

    def _decided_headline(self, frame: Frame, name: str, year: int, lang: Lang) -> str:
        """«Ja. Rammen … er vedtatt …» or «Nei, ikke ennå …» with the vedtak's date."""
        amount = format_money(frame.amount)
        if frame.entered_vedtak and frame.decided_on is not None:
            return t.IS_DECIDED.get(lang).format(
                name=name,
                year=year,
                amount=amount,
                date=format_date(frame.decided_on, lang),
                reference=frame.decision_reference,
            )
        if frame.decided is not None:
            return t.IS_DECIDED_FILE.get(lang).format(name=name, year=year, amount=amount)
        vedtak = [d for d in cycle_deadlines(self._data.region, year) if d.step.id == "vedtak"]
        due = format_date(vedtak[0].due, lang) if vedtak and vedtak[0].due else "–"
        return t.NOT_DECIDED.get(lang).format(name=name, year=year, amount=amount, date=due)

    async def _spent(self, question: Question, asker: Asker, lang: Lang) -> Reply:
        """What the network's report says was used, against what was committed."""
        network, _ = await self._network(question, asker)
        if network is None:
            return self._unknown_network(question.place, lang)
        if self._reports is None:
            return Reply(t.NO_YEAR.get(lang).format(year=self._data.cycle_year(self._clock())))
        year = self._reports.year()
        spending = await self._reports.spending(network.id)
        due = self._reports.deadline(year)
        due_text = format_date(due, lang) if due else "–"
        if spending is None:
            text = t.SPENT_NONE.get(lang).format(name=network.name, year=year, date=due_text)
            return Reply(text)
        source = (
            t.SPENT_SENT.get(lang).format(reference=spending.reference)
            if spending.sent
            else t.SPENT_DRAFT.get(lang)
        )
        card = FactsCard(
            title=t.SPENT_TITLE.get(lang).format(name=network.name, year=year),
            headline=t.SPENT_HEADLINE.get(lang).format(
                used=format_money(spending.used),
                committed=format_money(spending.committed),
                source=source,
            ),
            facts=[
                Fact(
                    title=t.SPENT_KIND.get(lang).format(label=t.KIND_LABELS[kind].get(lang)),
                    value=f"{format_money(used)} / {format_money(bound)}",
                )
                for kind, (used, bound) in spending.by_kind.items()
                if kind in t.KIND_LABELS
            ],
        )
        return Reply(fallback(card), card)

    async def _report_contents(self, _question: Question, _asker: Asker, lang: Lang) -> Reply:
        """What the report holds, honestly: no source lists it; Laget's form asks for this."""
        due = None
        if self._reports is not None:
            due = self._reports.deadline(self._reports.year())
        card = FactsCard(
            title=t.REPORT_CONTENTS_TITLE.get(lang),
            headline=t.REPORT_CONTENTS.get(lang).format(
                date=format_date(due, lang) if due else "15. juni"
            ),
        )
        return Reply(fallback(card), card)

    async def _county(self, question: Question, asker: Asker, lang: Lang) -> Reply:
        example = self._data.region.networks[0].name
        person = await self._roles.person(asker.aad_object_id)
        if person is None or not allowed(person, Permission.VIEW_COUNTY):
            return Reply(t.COUNTY_REFUSED.get(lang).format(example=example))
        year = question.year or self._data.cycle_year(self._clock())
        try:
            allocation, imported = await self._data.allocation(year)
        except AllocationError:
            return Reply(t.NO_YEAR.get(lang).format(year=year))
        largest = max(frame.amount for frame in allocation.frames) or 1
        bars = [
            Bar(
                label=frame.network_name,
                value=format_money(frame.amount),
                percent=round(100 * frame.amount / largest),
            )
            for frame in sorted(allocation.frames, key=lambda f: -f.amount)
        ]
        total = sum(frame.amount for frame in allocation.frames)
        card = BarsCard(
            title=t.COUNTY_TITLE.get(lang).format(year=year),
            headline=t.COUNTY_HEADLINE.get(lang).format(count=len(bars), total=format_money(total)),
            bars=bars,
            warning=example_data_note(lang) if allocation.example_data else None,
            notes=[
                *self._imported_note(imported, None, lang),
                *filter(None, [describe_difference(allocation, lang)]),
            ],
            source=self._frame_source(allocation.example_data, lang),
        )
        return Reply(fallback(card), card)

    def _frame_source(self, example: bool, lang: Lang) -> str:
        """What comes from the plan (the rule) and what does not (the numbers)."""
        template = t.FRAME_SOURCE_EXAMPLE if example else t.FRAME_SOURCE
        return template.get(lang).format(source=self._data.region.source)

    # Deadlines

    async def _deadline(self, question: Question, asker: Asker, lang: Lang) -> Reply:
        now = self._clock()
        network, _ = await self._network(question, asker)
        network_id = network.id if network else None
        region = self._data.region
        if question.topic is Topic.NEXT_DEADLINE:
            found = next_deadline(region, now, network_id=network_id, own_only=True)
            if found is None:
                return Reply(t.NO_NEXT.get(lang))
            title = t.NEXT_TITLE.get(lang).format(step=found.step.name.get(lang))
        else:
            found = deadline_for(region, question.step_id or "", after=now, network_id=network_id)
            title = t.DEADLINE_TITLE.get(lang).format(step=found.step.name.get(lang))
        today = oslo_today(now)
        notes = []
        if question.topic is Topic.NEXT_DEADLINE and found.due is not None:
            notes = self._recommended_before(found.due, today, network_id, lang)
            notes += self._bodies_before(found.due, now, lang)
        elif found.step.by_bodies:
            actor = found.step.from_actor.get(lang)
            notes = [t.BODIES_OWN.get(lang).format(actor=actor)]
        card = FactsCard(
            title=title,
            headline=describe_deadline(found, today, lang),
            notes=notes,
            facts=[
                Fact(title=t.FROM.get(lang), value=found.step.from_actor.get(lang)),
                Fact(title=t.TO.get(lang), value=found.step.to_actor.get(lang)),
                Fact(title=t.DUE.get(lang), value=due_text(found, today, lang)),
            ],
            source=t.SOURCE.get(lang).format(source=region.source),
            buttons=[Button(title=t.SEE_CALENDAR.get(lang), text="frister")],
        )
        return Reply(fallback(card), card)

    def _bodies_before(self, due: date, now: datetime, lang: Lang) -> list[str]:
        """Samarbeidsforum's and Statsforvalteren's dates before the asker's next deadline,
        said as theirs."""
        notes = []
        for step in self._data.region.steps:
            if not step.by_bodies:
                continue
            theirs = deadline_for(self._data.region, step.id, after=now)
            if theirs.due is None or theirs.due >= due:
                continue
            actor = step.from_actor.get(lang)
            notes.append(
                t.BODIES_BEFORE.get(lang).format(
                    step=step.short.get(lang).capitalize(),
                    actor=actor,
                    to=step.to_actor.get(lang),
                    date=format_date(theirs.due, lang),
                )
            )
        return notes

    def _recommended_before(
        self, due: date, today: date, network_id: str | None, lang: Lang
    ) -> list[str]:
        """Recommended dates (no deadline) that come before the next deadline, said as such."""
        year = self._data.cycle_year(self._clock())
        return [
            t.RECOMMENDED_FIRST.get(lang).format(
                step=d.step.short.get(lang),
                date=format_date(d.recommended, lang),
                left=format_days_left((d.recommended - today).days, lang),
            )
            for d in cycle_deadlines(self._data.region, year, network_id=network_id)
            if d.due is None and d.recommended is not None and today <= d.recommended < due
        ]

    async def _calendar(self, question: Question, asker: Asker, lang: Lang) -> Reply:
        now = self._clock()
        network, _ = await self._network(question, asker)
        region = self._data.region
        year = question.year or self._data.cycle_year(now)
        deadlines = cycle_deadlines(region, year, network_id=network.id if network else None)
        today = oslo_today(now)
        card = FactsCard(
            title=t.CALENDAR_TITLE.get(lang).format(year=year),
            headline=t.CALENDAR_HEADLINE.get(lang).format(region=region.name),
            facts=[
                Fact(
                    title=f"{d.step.number}. {d.step.name.get(lang)}",
                    value=due_text(d, today, lang),
                )
                for d in deadlines
            ],
            warning=example_data_note(lang) if any(d.example_data for d in deadlines) else None,
            source=t.SOURCE.get(lang).format(source=region.source),
        )
        return Reply(fallback(card), card)

    # Helpers

    async def _network(self, question: Question, asker: Asker) -> tuple[Network | None, str | None]:
        """The network asked about, else the asker's own; plus the municipality that named it."""
        region = self._data.region
        if question.network is not None:
            place = municipality(question.network, question.place)
            today = region.today_name(question.place) if question.place else None
            if place is None and today is not None:  # «Orkdal»: answered for Orkland, said so
                place = f"{question.place} (i dag {today})"
            return question.network, place
        if question.place is not None:
            return None, None
        profile = asker.profile
        if profile.network_id:
            return region.network(profile.network_id), None
        if profile.municipality:
            found = region.find_network(profile.municipality)
            return found, (profile.municipality if found else None)
        person = await self._roles.person(asker.aad_object_id)  # a coordinator's own network
        if person is not None and len(person.coordinator_of) == 1:
            [network_id] = person.coordinator_of
            if network_id in region.network_ids:
                return region.network(network_id), None
        return None, None

    def _unknown_network(self, place: str | None, lang: Lang) -> Reply:
        region = self._data.region
        names = ", ".join(network.name for network in region.networks)
        if place is None:
            example = region.networks[0].name
            return Reply(t.WHICH_NETWORK.get(lang).format(example=example, names=names))
        return Reply(t.NOT_FOUND.get(lang).format(place=place, region=region.name, names=names))

    @staticmethod
    def _imported_note(
        imported: ImportedCounts | None, network_id: str | None, lang: Lang
    ) -> list[str]:
        if imported is None or (network_id is not None and network_id not in imported.counts):
            return []
        day = format_date(oslo_today(imported.imported_at), lang)
        return [t.IMPORTED.get(lang).format(source=imported.source, date=day)]


_DATE_SLOT = re.compile(r"\{frist:([a-z-]+)\}")


def join_names(names: list[str]) -> str:
    """«A», «A og B», «A, B og C» («og» in bokmål and nynorsk alike)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " og " + names[-1]
