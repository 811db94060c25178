"""Event day: absences, walk-ins and re-planning from the current slot. Services flush, never commit."""
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from ..i18n import utcnow
from ..meetings.models import MeetingRequest, RequestStatus
from ..participants.models import Participant, ParticipantStatus
from ..planning import runs
from ..planning.services import apply_run, publish
from ..roster.services import find_or_create_organisation


class DeskError(ValueError):
    pass


def current_slot(event, now=None):
    """The slot in progress or the next one; the last slot once the event is over."""
    now = now or utcnow()
    slots = list(event.slots)
    return next((s for s in slots if s.end_at > now), slots[-1] if slots else None)


def set_absent(participant, absent=True):
    participant.absent = bool(absent)
    if not absent and participant.checked_in_at is None:
        participant.checked_in_at = utcnow()
    db.session.flush()
    return participant


def add_walk_in(event, first_name, last_name, email, organisation, country, languages, locale="en", wants=()):
    """A participant registered at the desk (approved, checked in); `wants` are participant ids they
    want to meet: accepted wishes that the next re-plan schedules. Without an e-mail address (None or "") they
    get their agenda printed at the desk instead of by e-mail."""
    email = (email or "").strip() or None
    if email and db.session.scalar(select(Participant).where(Participant.event_id == event.id,
                                                             func.lower(Participant.email) == email.lower())):
        raise DeskError(_("Somebody with this e-mail address is already registered."))
    p = Participant(event_id=event.id, first_name=first_name.strip(), last_name=last_name.strip(),
                    email=email, organisation=find_or_create_organisation(organisation, country),
                    languages=list(languages), locale=locale, status=ParticipantStatus.APPROVED,
                    checked_in_at=utcnow(), gdpr_consent_at=utcnow())
    db.session.add(p)
    db.session.flush()
    for other_id in dict.fromkeys(wants):
        other = db.session.get(Participant, other_id)
        if other is not None and other.event_id == event.id and other.id != p.id:
            db.session.add(MeetingRequest(event_id=event.id, requester_id=p.id, target_id=other.id, by_desk=True,
                                          status=RequestStatus.ACCEPTED, responded_at=utcnow()))
    db.session.flush()
    return p


def queue_replan(event, from_slot, user=None, time_limit_s=10):
    if from_slot is None:
        raise DeskError(_("Choose the slot from which to re-plan."))
    return runs.queue_run(event, user=user, time_limit_s=time_limit_s, workers=1, kind="replan",
                          from_slot=from_slot.code)


def preview_affected(run):
    """Who a finished re-plan would touch if it were applied now."""
    from ..planning import adapter

    slot = adapter.slot_by_code(run.event, (run.parameters or {}).get("from_slot"))
    plan = adapter.plan_from_dict(run.plan)
    problem = adapter.to_problem(run.event, from_slot=slot)
    known = {m.id for m in problem.meetings}
    return adapter.affected_by(run.event, adapter.with_assignments(
        plan, [a for a in plan.assignments if a.meeting in known]), from_slot=slot)


def apply_replan(run, user=None):
    """Apply a re-plan and notify exactly the participants whose agenda changed; the run keeps, per affected
    person, each changed meeting before and after (for the desk's result page)."""
    before = _meetings_by_person(run.event)
    result = apply_run(run, user=user)
    notified = 0
    if result.affected:
        _pub, notified = publish(run.event, user=user, defer=True)
    changes = _changes(before, _meetings_by_person(run.event), result.affected)
    run.progress = {**(run.progress or {}), "affected": sorted(result.affected), "moved": result.moved,
                    "created": result.created, "cancelled": result.cancelled, "notified": notified,
                    "changes": changes}
    db.session.flush()
    return result, notified


def _meetings_by_person(event):
    """participant id -> {partner id: (slot code, table label)} of the scheduled meetings."""
    from ..meetings.models import Meeting, MeetingStatus

    out = {}
    for m in db.session.scalars(select(Meeting).where(Meeting.event_id == event.id,
                                                      Meeting.status == MeetingStatus.SCHEDULED)):
        where = (m.slot.code if m.slot else None, m.table.label if m.table else None)
        out.setdefault(m.participant_a_id, {})[m.participant_b_id] = where
        out.setdefault(m.participant_b_id, {})[m.participant_a_id] = where
    return out


def _changes(before, after, people):
    """{participant id (str): [[partner id, old slot, old table, new slot, new table]]}, None where a meeting
    was cancelled or is new; only meetings that changed."""
    out = {}
    for pid in sorted(people):
        old, new = before.get(pid, {}), after.get(pid, {})
        rows = [[partner, *old.get(partner, (None, None)), *new.get(partner, (None, None))]
                for partner in sorted(set(old) | set(new)) if old.get(partner) != new.get(partner)]
        if rows:
            out[str(pid)] = sorted(rows, key=lambda r: r[1] or r[3] or "")
    return out


def replan_changes(run):
    """[(person, [(partner, old slot code, old table, new slot code, new table)])] of an applied re-plan."""
    changes = (run.progress or {}).get("changes") or {}
    ids = {int(pid) for pid in changes} | {row[0] for rows in changes.values() for row in rows}
    people = {p.id: p for p in db.session.scalars(select(Participant).where(Participant.id.in_(ids)))} if ids else {}
    out = [(people.get(int(pid)), [(people.get(r[0]), *r[1:]) for r in rows]) for pid, rows in changes.items()]
    return sorted((row for row in out if row[0] is not None), key=lambda r: (r[0].last_name or "", r[0].first_name))
