"""Plain view models for agenda documents, built from the database in a few queries.

`load_plan(event)` reads everything once (slots, tables, meetings, people, latest publication) into frozen
dataclasses; every document (participant agenda, master plan, table sheets, desk list, iCal) is then built
from that `PlanData` without touching the ORM again, so templates never lazy-load and worker processes
receive picklable values.
"""
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..config import LANGUAGES
from ..events.models import Slot, Table
from ..extensions import db
from ..i18n import local_dt
from ..meetings.models import Meeting, MeetingStatus
from ..participants.models import Participant, ParticipantStatus
from ..planning.services import latest_publication


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    position: str
    organisation: str
    country: str
    languages: tuple[str, ...]
    locale: str
    email: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class Place:
    """A table: `label` is its name or number (the key snapshots use); `name` the organiser's own name and
    `host` the organisation hosting it, so documents can call it "Stand …" in their own language."""
    id: int
    number: int
    label: str
    zone: str
    name: str = ""
    host: str = ""


@dataclass(frozen=True)
class SlotView:
    id: int
    start: datetime  # aware, in the event's time zone
    end: datetime
    start_utc: datetime  # naive UTC, as stored
    end_utc: datetime
    code: str

    @property
    def day(self) -> date:
        return self.start.date()


@dataclass(frozen=True)
class MeetingView:
    id: int
    uid: str
    sequence: int
    status: str
    slot: SlotView
    table: Place | None
    a: Person
    b: Person
    interpreter: str
    stamp: datetime  # naive UTC of the last change (DTSTAMP)

    @property
    def cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED.value

    def partner_of(self, pid: int) -> Person:
        return self.b if pid == self.a.id else self.a

    def involves(self, pid: int) -> bool:
        return pid in (self.a.id, self.b.id)


@dataclass(frozen=True)
class Mark:
    """Which plan a document shows: 'draft' (nothing published), 'preliminary' or 'final', version N."""
    kind: str
    version: int


@dataclass(frozen=True)
class EventInfo:
    id: int
    slug: str
    names: dict
    venue: str
    venue_address: str
    timezone: str
    contact_email: str
    funding_statement: bool = False  # print "Co-funded by the European Union" with the emblem on every page
    programme_name: str = ""
    logos: tuple = ()  # (label, data: URI) of organisers' then partners' logos

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get("en") or self.slug


@dataclass(frozen=True)
class PlanData:
    event: EventInfo
    slots: tuple[SlotView, ...]
    tables: tuple[Place, ...]
    meetings: tuple[MeetingView, ...]
    people: dict  # id -> Person (approved participants and anyone in a meeting)
    unavailable: dict  # participant id -> frozenset of slot ids
    mark: Mark
    tokens: dict = field(default_factory=dict)  # participant id -> feed token

    @property
    def has_plan(self) -> bool:
        return any(not m.cancelled for m in self.meetings)

    def meetings_of(self, pid: int, with_cancelled=False):
        return [m for m in self.meetings if m.involves(pid) and (with_cancelled or not m.cancelled)]


@dataclass(frozen=True)
class AgendaRow:
    slot: SlotView
    kind: str  # "meeting" | "free" | "unavailable"
    meeting: MeetingView | None = None
    partner: Person | None = None


@dataclass(frozen=True)
class AgendaDay:
    day: date
    rows: tuple[AgendaRow, ...]


@dataclass(frozen=True)
class AgendaView:
    event: EventInfo
    participant: Person
    days: tuple[AgendaDay, ...]
    meeting_count: int
    mark: Mark
    live_url: str

    @property
    def has_meetings(self) -> bool:
        return self.meeting_count > 0


# ------------------------------------------------------------------ loading
def load_plan(event) -> PlanData:
    """Everything the agenda documents of `event` need, read in a handful of queries."""
    tz = event.timezone
    slots = {s.id: _slot_view(s, tz) for s in db.session.scalars(
        select(Slot).where(Slot.event_id == event.id).order_by(Slot.start_at))}
    tables = {t.id: _place(t) for t in db.session.scalars(
        select(Table).where(Table.event_id == event.id).order_by(Table.number)
        .options(selectinload(Table.host).selectinload(Participant.organisation)))}
    people_rows = db.session.scalars(
        select(Participant).where(Participant.event_id == event.id)
        .options(selectinload(Participant.organisation), selectinload(Participant.unavailable_slots))).all()
    people = {p.id: _person(p) for p in people_rows}
    rows = db.session.scalars(
        select(Meeting).where(Meeting.event_id == event.id, Meeting.slot_id.is_not(None))
        .options(selectinload(Meeting.interpreter))).all()
    meetings = sorted((_meeting_view(m, slots, tables, people) for m in rows if m.slot_id in slots),
                      key=lambda m: (m.slot.start_utc, m.table.number if m.table else 0, m.id))
    involved = {pid for m in meetings for pid in (m.a.id, m.b.id)}
    approved = {p.id for p in people_rows if p.status == ParticipantStatus.APPROVED}
    visible = {pid: person for pid, person in people.items() if pid in involved or pid in approved}
    return PlanData(
        event=event_info(event), slots=tuple(slots.values()), tables=tuple(tables.values()),
        meetings=tuple(meetings), people=visible,
        unavailable={p.id: frozenset(s.id for s in p.unavailable_slots) for p in people_rows},
        mark=current_mark(event.id), tokens={p.id: p.feed_token for p in people_rows})


def event_info(event) -> EventInfo:
    return EventInfo(id=event.id, slug=event.slug, names={lang: event.localised("name", lang) for lang in LANGUAGES},
                     venue=event.venue or "", venue_address=event.venue_address or "", timezone=event.timezone,
                     contact_email=event.contact_email or "", funding_statement=bool(event.funding_statement),
                     programme_name=event.programme_name or "", logos=_logos(event))


def _logos(event):
    from ..events.branding import logo_data_uri

    return tuple((logo.label, uri) for logo in event.logos if (uri := logo_data_uri(logo)))


def current_mark(event_id) -> Mark:
    pub = latest_publication(event_id)
    if pub is None:
        return Mark("draft", 0)
    return Mark(str(pub.kind.value if hasattr(pub.kind, "value") else pub.kind), pub.version)


def _place(table) -> Place:
    org = table.host.organisation if table.host is not None else None
    return Place(table.id, table.number, table.label, table.zone or "", table.name or "", org.name if org else "")


def _slot_view(slot, tz) -> SlotView:
    return SlotView(id=slot.id, start=local_dt(slot.start_at, tz), end=local_dt(slot.end_at, tz),
                    start_utc=slot.start_at, end_utc=slot.end_at, code=slot.code)


def _person(p) -> Person:
    org = p.organisation
    return Person(id=p.id, name=p.full_name, position=p.position or "", organisation=org.name if org else "",
                  country=(org.country if org else "") or "", languages=tuple(p.languages or ()),
                  locale=p.locale or "en", email=p.email, last_name=p.last_name or "")


def _meeting_view(m, slots, tables, people) -> MeetingView:
    return MeetingView(
        id=m.id, uid=m.uid, sequence=m.sequence or 0, status=str(m.status.value), slot=slots[m.slot_id],
        table=tables.get(m.table_id), a=people[m.participant_a_id], b=people[m.participant_b_id],
        interpreter=m.interpreter.name if m.interpreter else "", stamp=m.updated_at or m.created_at)


# ------------------------------------------------------------------ one participant's agenda
def build_agenda(plan: PlanData, pid: int, live_url: str = "", hide_unpublished=False) -> AgendaView:
    """The agenda of participant `pid`: every slot of the event, as a meeting, free or unavailable.

    With `hide_unpublished` (what participants themselves see) a plan that was never published shows
    no meetings yet.
    """
    person = plan.people[pid]
    show = not (hide_unpublished and plan.mark.kind == "draft")
    mine = {m.slot.id: m for m in plan.meetings_of(pid)} if show else {}
    blocked = plan.unavailable.get(pid, frozenset())
    days: dict[date, list[AgendaRow]] = {}
    for slot in plan.slots:
        meeting = mine.get(slot.id)
        if meeting is not None:
            row = AgendaRow(slot, "meeting", meeting, meeting.partner_of(pid))
        else:
            row = AgendaRow(slot, "unavailable" if slot.id in blocked else "free")
        days.setdefault(slot.day, []).append(row)
    return AgendaView(event=plan.event, participant=person,
                      days=tuple(AgendaDay(d, tuple(rows)) for d, rows in days.items()),
                      meeting_count=len(mine), mark=plan.mark, live_url=live_url)


def agenda_participants(plan: PlanData):
    """Who gets an agenda: approved participants and anyone with a meeting, by last name."""
    return sorted(plan.people.values(), key=lambda p: (p.last_name.casefold(), p.name.casefold(), p.id))
