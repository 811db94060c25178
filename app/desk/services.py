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
    want to meet: accepted wishes that the next re-plan schedules."""
    if db.session.scalar(select(Participant).where(Participant.event_id == event.id,
                                                   func.lower(Participant.email) == email.strip().lower())):
        raise DeskError(_("Somebody with this e-mail address is already registered."))
    p = Participant(event_id=event.id, first_name=first_name.strip(), last_name=last_name.strip(),
                    email=email.strip(), organisation=find_or_create_organisation(organisation, country),
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
    """Apply a re-plan and notify exactly the participants whose agenda changed."""
    result = apply_run(run, user=user)
    notified = 0
    if result.affected:
        _pub, notified = publish(run.event, user=user, defer=True)
    run.progress = {**(run.progress or {}), "affected": sorted(result.affected), "moved": result.moved,
                    "created": result.created, "cancelled": result.cancelled, "notified": notified}
    db.session.flush()
    return result, notified
