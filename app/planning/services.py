"""Applying runs, explaining violations, publishing. Services flush, never commit."""
import hashlib
import json
from collections import defaultdict

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..events.models import Event, EventStatus
from ..extensions import db
from ..i18n import utcnow
from ..meetings.models import Meeting, MeetingStatus
from ..participants.models import Participant, ParticipantStatus
from . import adapter
from .models import AgendaDelivery, Publication, PublicationKind, RunStatus, ScheduleRun


class PlanError(ValueError):
    """A plan or an edit breaks a rule; the message explains which one."""


METRIC_LABELS = {
    "weight": _l("total weight of scheduled wishes"), "meetings": _l("meetings"), "breaks": _l("breaks"),
    "max_breaks": _l("most breaks of one person"),
    "participants_without_meeting": _l("participants without a meeting although one was possible"),
    "min_meetings_shortfall": _l("meetings missing to reach the minimum"),
    "min_share": _l("smallest share of a person's wishes scheduled"),
    "changes": _l("changes against the previous plan"),
    "table_changes": _l("table changes of participants without a stand"),
    "min_meetings_per_participant": _l("fewest meetings of a participant"),
    "median_meetings_per_participant": _l("median meetings per participant"),
    "max_meetings_per_participant": _l("most meetings of a participant"), "notified": _l("participants notified"),
    "solve": _l("solver run"), "replan": _l("re-plan on the event day"), "capacity": _l("capacity check"),
    "notify": _l("agenda e-mails"), "export": _l("agenda export"),
    "first_fit": _l("first plan (first free slot)"), "warm_start": _l("better first plan (guided by the upper bound)"),
    "fairness": _l("fairness between participants"),
    "tables": _l("fewest table changes"),
    "optimal": _l("optimal"), "feasible": _l("good plan, time ran out"), "infeasible": _l("no plan possible"),
    "unknown": _l("no plan found in time"),
}


def metric_label(key):
    return METRIC_LABELS.get(key, key)


def explain_violation(v):
    """A translated sentence for a `scheduler.Violation`."""
    texts = {
        "participant_double_booked": _("A participant would have two meetings in the same slot."),
        "table_double_booked": _("The table is already taken in this slot."),
        "unavailable": _("A participant is not available in this slot."),
        "host_table": _("An exhibitor meets only at their own stand, and nobody else may use it."),
        "language": _("The two participants share no language and no interpreter is free in this slot."),
        "interpreter": _("The interpreter is not available or already busy in this slot."),
        "locked": _("The meeting is locked; unlock it first."),
        "max_meetings": _("A participant would have more meetings than allowed."),
        "max_consecutive": _("A participant would have too many meetings in a row."),
        "max_breaks": _("A participant would have too many breaks."),
        "required_missing": _("A locked meeting would be left out."),
        "fixed_slot": _("The meeting is fixed to another slot."),
        "fixed_table": _("The meeting is fixed to another table."),
        "session": _("The meeting must take place in another session."),
        "after": _("The meeting must come after another meeting."),
        "duplicate": _("The meeting would be scheduled twice."),
        "unknown_id": _("The plan refers to a slot, table or meeting that no longer exists."),
    }
    return texts.get(v.rule, _("A planning rule is broken: %(rule)s", rule=v.rule))


def reason_label(reason, hosts=0):
    """The organiser's words for a scheduler reason code; ``hosts``: how many of the meeting's people host a stand."""
    if reason == "no_table" and hosts > 1:
        return _("both host a stand, and a host meets only at their own stand")
    texts = {
        "participant_unavailable": _("a participant is not available"),
        "no_common_slot": _("no slot in which both are available"),
        "partner_full": _("the partner's agenda is full"),
        "max_meetings": _("the participant's agenda is full"),
        "no_table": _("no table free"),
        "no_interpreter": _("no interpreter free for the languages"),
        "lower_priority": _("other meetings were more important"),
    }
    return texts.get(reason, reason or _("not scheduled"))


def explain_infeasible(problem_dict):
    """Why no plan exists: the rules the locked meetings break, else the general hint."""
    problem = adapter.problem_from_dict(problem_dict)
    locked = [a for a in problem.previous_plan if a.meeting in problem.locked]
    found = adapter.violations(problem, adapter.with_assignments(adapter.current_plan_stub(), locked))
    messages = list(dict.fromkeys(explain_violation(v) for v in found if v.rule != "required_missing"))
    return messages or [_("No plan satisfies the hard rules: check locked meetings, exhibitors' stands, "
                          "availability and interpreters.")]


def dropped_meetings(run):
    """[(participant a, participant b, reason label)] of the locked meetings the run could not keep."""
    rows = adapter.dropped_required(run.plan)
    people = {p.id: p for p in db.session.scalars(select(Participant).where(
        Participant.id.in_([pid for a, b, _r in rows for pid in (a, b)])))} if rows else {}
    return [(people.get(a), people.get(b), reason_label(reason, 0)) for a, b, reason in rows]


def check_plan(problem, plan):
    """Raise PlanError with the explained violations, if any."""
    found = adapter.violations(problem, plan)
    if found:
        messages = list(dict.fromkeys(explain_violation(v) for v in found))
        raise PlanError(" ".join(messages))


def lock_plan(event_id):
    """Take the event's plan for this transaction (PostgreSQL: SELECT the event row FOR UPDATE), then forget
    what the session read before: a second organiser's edit or apply waits here and then sees the first one's
    committed result, so two edits at the same moment cannot double-book anyone. SQLite has one writer anyway."""
    db.session.flush()
    db.session.execute(select(Event.id).where(Event.id == event_id).with_for_update()).all()
    db.session.expire_all()


def apply_run(run, user=None):
    """Validate the run's plan against today's data, then make it the plan of the event."""
    started = utcnow()
    lock_plan(run.event_id)
    if _applied_since(run.event, started):
        raise PlanError(_("Another organiser applied a plan at the same moment. Please look at the current "
                          "plan and apply this one again if you still want it."))
    if run.status not in (RunStatus.DONE, RunStatus.CANCELLED) or not run.plan:
        raise PlanError(_("This run has no plan to apply."))
    params = run.parameters or {}
    if params.get("extra_tables") or params.get("extra_slots"):
        raise PlanError(_("A capacity-planning variant cannot be applied."))
    plan = adapter.plan_from_dict(run.plan)
    if not plan.has_plan:
        raise PlanError(_("The solver found no plan in this run."))
    event = run.event
    from_slot = adapter.slot_by_code(event, params["from_slot"]) if params.get("from_slot") else None
    problem = adapter.to_problem(event, from_slot=from_slot)
    known = {m.id for m in problem.meetings}
    plan = adapter.with_assignments(plan, [a for a in plan.assignments if a.meeting in known])
    try:
        check_plan(problem, plan)
    except PlanError as exc:
        raise PlanError(_("The event changed since this run; solve again. %(why)s", why=str(exc))) from exc
    weights = {m.id: m.weight for m in problem.meetings}
    result = adapter.apply_plan(event, plan, from_slot=from_slot, weights=weights)
    run.applied_at = utcnow()
    if event.status in (EventStatus.DRAFT, EventStatus.OPEN):
        event.status = EventStatus.PLANNING
    db.session.flush()
    return result


def _applied_since(event, moment):
    return db.session.scalar(select(func.count(ScheduleRun.id)).where(
        ScheduleRun.event_id == event.id, ScheduleRun.applied_at >= moment)) > 0


# ---------------------------------------------------------------- publishing
def agenda_lines(event):
    """participant id -> sorted agenda lines (uid, slot, table, partner, status) of scheduled meetings."""
    lines = defaultdict(list)
    rows = db.session.scalars(select(Meeting).where(Meeting.event_id == event.id,
                                                    Meeting.status == MeetingStatus.SCHEDULED)).all()
    for m in rows:
        where = [m.slot.code if m.slot else None, m.table.label if m.table else None]
        lines[m.participant_a_id].append([m.uid, *where, m.participant_b_id])
        lines[m.participant_b_id].append([m.uid, *where, m.participant_a_id])
    return {k: sorted(v, key=lambda x: (x[1] or "", x[0])) for k, v in lines.items()}


def agenda_hash(lines):
    return hashlib.sha256(json.dumps(lines, sort_keys=True).encode()).hexdigest()


def last_hashes(event):
    """participant id -> hash of the agenda in their latest publication."""
    rows = db.session.execute(
        select(AgendaDelivery.participant_id, AgendaDelivery.agenda_hash).join(AgendaDelivery.publication)
        .where(Publication.event_id == event.id).order_by(Publication.version)).all()
    return {pid: h for pid, h in rows}


def publish(event, kind=PublicationKind.PRELIMINARY, user=None, notify=True, defer=False):
    """A new publication with one delivery record per approved participant; only changed agendas are
    notified — at once, or with `defer` by the worker (agenda PDFs take a while). Returns
    (publication, number of participants notified or queued for notification)."""
    require_plan(event)
    version = (db.session.scalar(select(func.max(Publication.version)).where(Publication.event_id == event.id))
               or 0) + 1
    lines, before = agenda_lines(event), last_hashes(event)
    snapshot = {line[0]: line[1:] for pid_lines in lines.values() for line in pid_lines}
    pub = Publication(event_id=event.id, version=version, kind=PublicationKind(kind),
                      created_by_id=getattr(user, "id", None), snapshot=snapshot)
    db.session.add(pub)
    changed = []
    for p, h, is_changed in _agenda_states(event, lines, before):
        pub.deliveries.append(AgendaDelivery(participant_id=p.id, agenda_hash=h, changed=is_changed))
        if is_changed and p.email:  # a walk-in without an address gets the agenda at the desk
            changed.append(p)
    event.status = EventStatus.PUBLISHED
    db.session.flush()
    if not notify or not changed:
        return pub, 0
    if defer:
        from .jobs import queue_notification

        queue_notification(pub, changed)
        return pub, len(changed)
    return pub, notify_participants(pub, changed)


def require_plan(event):
    if not db.session.scalar(select(func.count(Meeting.id)).where(Meeting.event_id == event.id,
                                                                  Meeting.status == MeetingStatus.SCHEDULED)):
        raise PlanError(_("There is no plan to publish yet: apply a solver run first."))


def _agenda_states(event, lines, before):
    """(approved participant, hash of their agenda now, changed since their last publication?) for each."""
    people = db.session.scalars(select(Participant).where(
        Participant.event_id == event.id, Participant.status == ParticipantStatus.APPROVED)
        .order_by(Participant.id)).all()
    for p in people:
        h = agenda_hash(lines.get(p.id, []))
        yield p, h, before.get(p.id) != h and (p.id in before or bool(lines.get(p.id)))


def people_to_notify(event):
    """Who publishing now would e-mail: the approved participants whose agenda changed (what `publish` sends)."""
    require_plan(event)
    return [p for p, _h, changed in _agenda_states(event, agenda_lines(event), last_hashes(event))
            if changed and p.email]


# app.agendas sets "send" to its send_agenda_emails(publication, participant_ids): planning sits below the
# agendas and must not import them.
AGENDA_MAIL = {"send": None}


def notify_participants(publication, people):
    """E-mail the agendas (agendas feature if present, else a plain notice in their language)."""
    if not people:
        return 0
    sender = AGENDA_MAIL["send"]
    if sender is not None:  # it sets sent_at on each delivery it really sent; failures stay unsent
        return sender(publication, [p.id for p in people])
    from .notify import send_plain_notices

    count = send_plain_notices(publication, people)
    now = utcnow()
    ids = {p.id for p in people}
    for d in publication.deliveries:
        if d.participant_id in ids:
            d.sent_at = now
    db.session.flush()
    return count


def latest_publication(event):
    """The newest publication of the event (an Event or its id), or None."""
    event_id = getattr(event, "id", event)
    return db.session.scalar(select(Publication).where(Publication.event_id == event_id)
                             .order_by(Publication.version.desc()).limit(1))
