"""The finished earlier exchange of the demo series: Liberec 2026, with attendance (some no-shows and two
disagreeing marks), ratings and first follow-up answers, so that the outcome pages and reports show
real-looking data on a fresh install. Deterministic (random.Random(2026)); adds and flushes, never commits."""
import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from .events.models import Event, EventSession, EventStatus, RequestMode, Slot, Table
from .i18n import to_utc
from .meetings.models import (
    AttendanceMark,
    Feedback,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Outcome,
    RequestStatus,
)
from .outcomes.models import CooperationKind, FollowUpAnswer, Series
from .participants.models import Participant, ParticipantStatus
from .planning.models import Publication, PublicationKind

SLUG = "liberec-2026"
SERIES_NAME = "Glokalizace / Glokalisierung"
TZ = "Europe/Prague"
DAY = date(2026, 6, 17)
N_TABLES, N_SLOTS = 12, 7


def seed_finished_event(db_session, current_event):
    """Add liberec-2026 and put it and `current_event` into one series; returns the new event."""
    if db_session.scalar(select(Event).where(Event.slug == SLUG)) is not None:
        return None
    rng = random.Random(2026)
    series = Series(name=SERIES_NAME)
    db_session.add(series)
    current_event.series = series
    event = _event(db_session, series)
    slots = _slots(db_session, event)
    tables = [Table(event=event, event_id=event.id, number=n, zone="A") for n in range(1, N_TABLES + 1)]
    db_session.add_all(tables)
    people = _people(db_session, rng, event, current_event)
    meetings = _meetings(db_session, rng, event, people, slots, tables)
    _publish(db_session, event, meetings)
    _attendance(rng, meetings)
    db_session.flush()
    _feedback(db_session, rng, meetings)
    _follow_up(db_session, rng, meetings)
    db_session.flush()
    return event


def _event(db_session, series):
    names = {"cs": "Kooperační burza Liberec 2026", "de": "Kooperationsbörse Liberec 2026",
             "en": "Cooperation exchange Liberec 2026"}
    event = Event(slug=SLUG, venue="Technická univerzita v Liberci", venue_address="Studentská 2, 461 17 Liberec",
                  timezone=TZ, languages=["cs", "de", "en"], default_locale="cs", status=EventStatus.CLOSED,
                  request_mode=RequestMode.APPROVAL, series=series, follow_up_months=[3, 6],
                  contact_email="kooperace@coopex.example.org", funding_statement=True,
                  programme_name="Interreg Česko – Sasko / Sachsen – Tschechien 2021–2027",
                  created_at=to_utc(datetime(2026, 3, 2, 9, 0), TZ),
                  **{f"name_{lang}": text for lang, text in names.items()})
    db_session.add(event)
    db_session.flush()
    return event


def _slots(db_session, event):
    start = to_utc(datetime.combine(DAY, time(9, 0)), TZ)
    sess = EventSession(event=event, code="am", day=DAY, start_at=start, end_at=start + timedelta(minutes=30 * N_SLOTS),
                        slot_minutes=25, gap_minutes=5, name_cs="Dopoledne", name_de="Vormittag", name_en="Morning")
    db_session.add(sess)
    db_session.flush()
    slots = [Slot(event=event, event_id=event.id, session=sess, start_at=start + timedelta(minutes=30 * i),
                  end_at=start + timedelta(minutes=30 * i + 25)) for i in range(N_SLOTS)]
    db_session.add_all(slots)
    db_session.flush()
    return slots


def _people(db_session, rng, event, current_event):
    """About 40 of the organisations of the current exchange also came to Liberec a year earlier."""
    current = list(db_session.scalars(select(Participant).where(Participant.event_id == current_event.id)
                                      .order_by(Participant.id)))
    chosen = rng.sample(current, min(40, len(current)))
    people = []
    for p in sorted(chosen, key=lambda p: p.id):
        person = Participant(event=event, event_id=event.id, organisation=p.organisation, first_name=p.first_name,
                             last_name=p.last_name, email=p.email, phone=p.phone, position=p.position,
                             languages=list(p.languages), locale=p.locale, status=ParticipantStatus.APPROVED,
                             gdpr_consent_at=event.created_at, created_at=event.created_at,
                             checked_in_at=event.created_at)
        db_session.add(person)
        people.append(person)
    for person in rng.sample(people, 2):
        person.status = ParticipantStatus.CANCELLED     # withdrew before the event
    db_session.flush()
    return [p for p in people if p.status == ParticipantStatus.APPROVED]


def _meetings(db_session, rng, event, people, slots, tables):
    """Accepted requests (mostly across the border) placed into slots and tables without double booking."""
    pairs = [(a, b) for i, a in enumerate(people) for b in people[i + 1:]
             if a.organisation_id != b.organisation_id]
    rng.shuffle(pairs)
    busy, meetings = set(), []
    for a, b in _wishes(rng, pairs)[:220]:
        free = [s for s in slots if (a.id, s.id) not in busy and (b.id, s.id) not in busy
                and sum(1 for m in meetings if m.slot_id == s.id) < len(tables)]
        req = MeetingRequest(event_id=event.id, requester_id=a.id, target_id=b.id, created_at=event.created_at,
                             status=RequestStatus.ACCEPTED if free else RequestStatus.DECLINED)
        db_session.add(req)
        if not free:
            continue
        slot = free[0]
        used = {m.table_id for m in meetings if m.slot_id == slot.id}
        table = next(t for t in tables if t.id not in used)
        db_session.flush()
        meeting = Meeting(event_id=event.id, request=req, participant_a=a, participant_b=b, slot_id=slot.id,
                          table_id=table.id, participant_a_id=a.id, participant_b_id=b.id)
        db_session.add(meeting)
        db_session.flush()
        meetings.append(meeting)
        busy.update({(a.id, slot.id), (b.id, slot.id)})
    return meetings


CROSS_BORDER_SHARE = 0.85   # of the wishes (about 3 in 4 held meetings): most, not all, cross the border


def _wishes(rng, pairs):
    """The pairs in wish order: mostly across the border, some between neighbours."""
    cross = [ab for ab in pairs if ab[0].organisation.country != ab[1].organisation.country]
    home = [ab for ab in pairs if ab[0].organisation.country == ab[1].organisation.country]
    out = []
    while cross or home:
        source = cross if (rng.random() < CROSS_BORDER_SHARE and cross) or not home else home
        out.append(source.pop())
    return out


def _publish(db_session, event, meetings):
    """The final plan as published a week before the event, so that its documents say "final"."""
    snapshot = {m.uid: [m.slot.code if m.slot else None, m.table.label if m.table else None, m.participant_b_id]
                for m in meetings}
    db_session.add(Publication(event_id=event.id, version=1, kind=PublicationKind.FINAL, snapshot=snapshot,
                               created_at=to_utc(datetime.combine(DAY - timedelta(days=7), time(10, 0)), TZ)))


def _attendance(rng, meetings):
    """Most meetings held (both or one side said so), about one in twelve a no-show, two marks disagree."""
    for n, meeting in enumerate(meetings):
        r = rng.random()
        if n in (3, 17):
            meeting.mark_a, meeting.mark_b = AttendanceMark.HELD, AttendanceMark.NO_SHOW
            meeting.status = MeetingStatus.SCHEDULED
        elif r < 0.08:
            meeting.mark_desk = meeting.mark_a = AttendanceMark.NO_SHOW
            meeting.status = MeetingStatus.NO_SHOW
        else:
            meeting.mark_a = AttendanceMark.HELD
            meeting.mark_b = AttendanceMark.HELD if r < 0.8 else None
            meeting.status = MeetingStatus.HELD


OUTCOME_WEIGHTS = [(Outcome.NO_FOLLOW_UP, 30), (Outcome.FURTHER_CONTACT, 40), (Outcome.OFFER_SENT, 15),
                   (Outcome.COOPERATION_AGREED, 10), (Outcome.CONTRACT_SIGNED, 5)]


def _feedback(db_session, rng, meetings):
    outcomes, weights = zip(*OUTCOME_WEIGHTS, strict=True)
    for meeting in meetings:
        for pid in (meeting.participant_a_id, meeting.participant_b_id):
            if rng.random() > 0.65:
                continue
            if meeting.status == MeetingStatus.NO_SHOW:
                db_session.add(Feedback(meeting_id=meeting.id, participant_id=pid, did_not_take_place=True))
                continue
            rating = rng.choices([5, 4, 3, 2, 1], [35, 35, 18, 8, 4])[0]
            db_session.add(Feedback(meeting_id=meeting.id, participant_id=pid, rating=rating,
                                    outcome=rng.choices(outcomes, weights)[0] if rng.random() < 0.9 else None,
                                    comment=""))


def _follow_up(db_session, rng, meetings):
    """First survey (3 months): about half answer, some report cooperation with a partner they met."""
    kinds = list(CooperationKind)
    for meeting in meetings:
        if meeting.status != MeetingStatus.HELD:
            continue
        for me, partner in ((meeting.participant_a_id, meeting.participant_b_id),
                            (meeting.participant_b_id, meeting.participant_a_id)):
            if rng.random() < 0.5:
                cooperating = rng.random() < 0.22
                db_session.add(FollowUpAnswer(participant_id=me, partner_id=partner, months=3,
                                              cooperating=cooperating,
                                              kind=rng.choice(kinds) if cooperating else None))
