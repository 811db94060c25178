"""What became of every meeting wish of a participant once a plan is published: wishes the plan could not
hold (with the scheduler's reason in plain words), requests nobody answered or the partner declined, and
meetings a re-plan cancelled. Shown on the agenda page and in the agenda e-mail (in the reader's language:
call it under their locale)."""
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..meetings.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from ..planning.models import RunStatus, ScheduleRun

ACTIVE = (MeetingStatus.SCHEDULED, MeetingStatus.HELD, MeetingStatus.NO_SHOW)
ORDER = ("not_scheduled", "cancelled", "unanswered", "declined")


@dataclass(frozen=True)
class WishOutcome:
    kind: str  # one of ORDER
    partner_name: str
    partner_organisation: str
    text: str  # what happened, in plain words


def reason_text(code):
    """The scheduler's reason code (scheduler/reasons.py, domains.py) as a participant reads it."""
    texts = {
        "participant_unavailable": _("one of you is not present at the times meetings take place"),
        "no_common_slot": _("you have no common free time"),
        "partner_full": _("one of your agendas is already full"),
        "max_meetings": _("one of your agendas is already full"),
        "no_table": _("no table was free at your common times"),
        "no_interpreter": _("no interpreter was free for your languages"),
        "lower_priority": _("your common free times went to meetings with a higher priority"),
        "absent": _("your partner is not present"),
    }
    return texts.get(code, _("it did not fit into the plan"))


def plan_reasons(event):
    """{pair key: reason code} of the wishes the latest applied plan left out."""
    run = db.session.scalar(select(ScheduleRun).where(
        ScheduleRun.event_id == event.id, ScheduleRun.applied_at.is_not(None),
        ScheduleRun.status.in_((RunStatus.DONE, RunStatus.CANCELLED))).order_by(ScheduleRun.applied_at.desc())
        .limit(1))
    if run is None or not run.plan:
        return {}
    return {u["meeting"]: u.get("reason", "") for u in run.plan.get("unscheduled", [])}


def _pair(a, b):
    lo, hi = sorted((a, b))
    return f"m{lo}-{hi}"  # the pair key of app.planning.adapter.pair_key


def wish_outcomes(participant):
    """[WishOutcome] for every wish of `participant` that is not a meeting in the current plan."""
    me = participant.id
    meetings = db.session.scalars(select(Meeting).where(
        (Meeting.participant_a_id == me) | (Meeting.participant_b_id == me))).all()
    met = {m.partner_of(participant).id for m in meetings if m.status in ACTIVE and m.slot_id is not None}
    requests = db.session.scalars(select(MeetingRequest).where(
        (MeetingRequest.requester_id == me) | (MeetingRequest.target_id == me)).order_by(MeetingRequest.id)).all()
    reasons = plan_reasons(participant.event)
    out, seen = [], set(met)
    for m in meetings:
        partner = m.partner_of(participant)
        if m.status == MeetingStatus.CANCELLED and partner.id not in seen and not _declined(requests, partner):
            seen.add(partner.id)
            code = reasons.get(_pair(me, partner.id))
            text = _("cancelled when the plan was changed: %(reason)s", reason=reason_text(code)) if code \
                else _("cancelled when the plan was changed")
            out.append(_outcome("cancelled", partner, text))
    for r in requests:
        mine = r.requester_id == me
        partner = r.target if mine else r.requester
        if partner.id in seen or partner.anonymised_at is not None:
            continue
        found = _request_outcome(r, mine, partner, reasons)
        if found is not None:
            seen.add(partner.id)
            out.append(found)
    return sorted(out, key=lambda o: (ORDER.index(o.kind), o.partner_organisation.lower(), o.partner_name))


def _request_outcome(r, mine, partner, reasons):
    if r.status == RequestStatus.ACCEPTED:
        code = "absent" if partner.absent else reasons.get(_pair(r.requester_id, r.target_id), "")
        return _outcome("not_scheduled", partner, reason_text(code))
    if r.status in (RequestStatus.PENDING, RequestStatus.EXPIRED):
        text = _("your request was not answered") if mine else _("you did not answer this request")
        return _outcome("unanswered", partner, text)
    if r.status == RequestStatus.DECLINED and mine:
        return _outcome("declined", partner, _("your request was declined"))
    return None  # withdrawn, or declined by this participant: they know


def _declined(requests, partner):
    """A declined request between the two (e.g. a desk proposal this participant declined) explains itself."""
    return any(r.status == RequestStatus.DECLINED and partner.id in (r.requester_id, r.target_id) for r in requests)


def _outcome(kind, partner, text):
    org = partner.organisation
    return WishOutcome(kind, partner.full_name, org.name if org else "", text)
