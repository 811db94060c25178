"""The outcome tables of an event or a series: one XLSX with a sheet per table, or one CSV per table.

Sheet and column names are fixed (funders' spreadsheets refer to them): KPIs, Meetings, Participants,
Organisations, Requests, Feedback. Personal data: only organisers reach these exports.
"""
import csv
import io

from openpyxl import Workbook
from sqlalchemy import select

from ..extensions import db
from ..meetings.models import Feedback, Meeting, MeetingRequest
from ..participants.models import Participant
from .kpis import KPI_ROWS, compute

SHEETS = ("KPIs", "Meetings", "Participants", "Organisations", "Requests", "Feedback")


def _org(p):
    return (p.organisation.name, p.organisation.country) if p.organisation else ("", "")


def _value(enum_or_none):
    return enum_or_none.value if enum_or_none is not None else ""


def tables(events):
    """{sheet name: (header, rows)} for the events (one event or a series)."""
    ids = [e.id for e in events]
    slugs = {e.id: e.slug for e in events}
    out = compute(events)
    participants = list(db.session.scalars(select(Participant).where(Participant.event_id.in_(ids))
                                           .order_by(Participant.event_id, Participant.id)))
    meetings = list(db.session.scalars(select(Meeting).where(Meeting.event_id.in_(ids))
                                       .order_by(Meeting.event_id, Meeting.id)))
    feedback = list(db.session.scalars(select(Feedback).join(Meeting).where(Meeting.event_id.in_(ids))
                                       .order_by(Feedback.meeting_id, Feedback.participant_id)))
    requests = list(db.session.scalars(select(MeetingRequest).where(MeetingRequest.event_id.in_(ids))
                                       .order_by(MeetingRequest.event_id, MeetingRequest.id)))
    kpis = [(name, out.counts[name]) for name in KPI_ROWS]
    kpis.append(("cross_border_share", round(out.cross_border_share, 4)))
    return {
        "KPIs": (("indicator", "value"), kpis),
        "Meetings": _meetings(meetings, feedback, slugs),
        "Participants": (("event", "id", "first_name", "last_name", "email", "organisation", "country", "role",
                          "status", "checked_in", "absent"),
                         [(slugs[p.event_id], p.id, p.first_name, p.last_name, p.email, *_org(p), p.role.value,
                           p.status.value, p.checked_in_at is not None, p.absent) for p in participants]),
        "Organisations": _organisations(participants, out),
        "Requests": (("event", "id", "requester", "organisation_requester", "target", "organisation_target",
                      "priority", "status"),
                     [(slugs[r.event_id], r.id, r.requester.full_name, _org(r.requester)[0], r.target.full_name,
                       _org(r.target)[0], r.priority.value, r.status.value) for r in requests]),
        "Feedback": (("meeting_id", "participant", "organisation", "rating", "outcome", "did_not_take_place",
                      "comment"),
                     [(f.meeting_id, _name(f.participant_id), _org_of(f.participant_id), f.rating,
                       _value(f.outcome), f.did_not_take_place, f.comment) for f in feedback]),
    }


def _name(participant_id):
    return db.session.get(Participant, participant_id).full_name


def _org_of(participant_id):
    return _org(db.session.get(Participant, participant_id))[0]


def _meetings(meetings, feedback, slugs):
    by_key = {(f.meeting_id, f.participant_id): f for f in feedback}
    header = ("event", "id", "status", "start", "table", "organisation_a", "country_a", "organisation_b",
              "country_b", "mark_a", "mark_b", "mark_desk", "rating_a", "rating_b", "outcome", "outcome_b")
    rows = []
    for m in meetings:
        fa, fb = by_key.get((m.id, m.participant_a_id)), by_key.get((m.id, m.participant_b_id))
        rows.append((slugs[m.event_id], m.id, m.status.value,
                     m.slot.start_at.isoformat(" ", "minutes") if m.slot else "",
                     m.table.label if m.table else "", *_org(m.participant_a), *_org(m.participant_b),
                     _value(m.mark_a), _value(m.mark_b), _value(m.mark_desk),
                     fa.rating if fa else None, fb.rating if fb else None,
                     _value(fa.outcome) if fa else "", _value(fb.outcome) if fb else ""))
    return header, rows


def _organisations(participants, out):
    orgs = {p.organisation.id: p.organisation for p in participants if p.organisation is not None}
    header = ("id", "name", "country", "region", "kind", "size", "RCO87", "RCR84")
    return header, [(o.id, o.name, o.country, o.region, o.kind.value, _value(o.size_class),
                     o.id in out.rco87, o.id in out.rcr84) for o in sorted(orgs.values(), key=lambda o: o.id)]


def to_xlsx(events):
    wb = Workbook()
    wb.remove(wb.active)
    for name, (header, rows) in tables(events).items():
        ws = wb.create_sheet(name)
        ws.append(list(header))
        for row in rows:
            ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_csv(events, sheet):
    header, rows = tables(events)[sheet]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
