"""Editing the plan by hand: every edit is checked with `scheduler.violations` before it is saved."""
from dataclasses import replace

from flask_babel import gettext as _

from ..extensions import db
from ..meetings.models import Meeting, MeetingStatus
from . import adapter
from .services import PlanError, check_plan, lock_plan


def _state(event, extra=None):
    problem = adapter.to_problem(event)
    if extra is not None and extra.id not in {m.id for m in problem.meetings}:
        problem = replace(problem, meetings=problem.meetings + (extra,))
    return problem, adapter.current_plan(event, problem)


def _key(m):
    return adapter.pair_key(m.participant_a_id, m.participant_b_id)


def _check(problem, plan, changes):
    """`changes`: meeting key -> (slot code, table key) or None (removed). Raises PlanError."""
    kept = [a for a in plan.assignments if a.meeting not in changes]
    new = [adapter.S.Assignment(k, *where) for k, where in changes.items() if where is not None]
    check_plan(problem, adapter.with_assignments(plan, kept + new))


def _ensure_scheduled(meeting):
    if meeting.status != MeetingStatus.SCHEDULED or meeting.slot_id is None or meeting.table_id is None:
        raise PlanError(_("Only scheduled meetings can be changed."))
    if meeting.locked:
        raise PlanError(_("The meeting is locked; unlock it first."))


def move_meeting(event, meeting, slot, table):
    lock_plan(event.id)
    _ensure_scheduled(meeting)
    problem, plan = _state(event)
    _check(problem, plan, {_key(meeting): (slot.code, adapter.table_key(table))})
    _place([(meeting, slot, table)])
    return meeting


def swap_meetings(event, first, second):
    lock_plan(event.id)
    _ensure_scheduled(first)
    _ensure_scheduled(second)
    problem, plan = _state(event)
    _check(problem, plan, {_key(first): (second.slot.code, adapter.table_key(second.table)),
                           _key(second): (first.slot.code, adapter.table_key(first.table))})
    _place([(first, second.slot, second.table), (second, first.slot, first.table)])
    return first, second


def set_locked(meeting, locked):
    lock_plan(meeting.event_id)
    if locked and (meeting.status != MeetingStatus.SCHEDULED or meeting.table_id is None):
        raise PlanError(_("Only scheduled meetings can be locked."))
    meeting.locked = bool(locked)
    db.session.flush()
    return meeting


def cancel_meeting(event, meeting):
    lock_plan(event.id)
    _ensure_scheduled(meeting)
    meeting.status, meeting.table_id, meeting.table = MeetingStatus.CANCELLED, None, None
    meeting.sequence = (meeting.sequence or 0) + 1
    db.session.flush()
    return meeting


def add_meeting(event, a, b, slot, table, weight=1):
    if a.id == b.id:
        raise PlanError(_("A meeting needs two different participants."))
    lock_plan(event.id)
    key = adapter.pair_key(a.id, b.id)
    existing = next((m for m in adapter.event_meetings(event) if _key(m) == key), None)
    if existing is not None and existing.status == MeetingStatus.SCHEDULED:
        raise PlanError(_("These two participants already have a meeting."))
    extra = adapter.S.Meeting(key, (adapter.pid(a.id), adapter.pid(b.id)), weight)
    problem, plan = _state(event, extra)
    if key not in {m.id for m in problem.meetings}:
        raise PlanError(_("Both participants must be approved and present."))
    _check(problem, plan, {key: (slot.code, adapter.table_key(table))})
    if existing is None:
        lo, hi = adapter.pair_of(key)
        existing = Meeting(event_id=event.id, participant_a_id=lo, participant_b_id=hi, weight=weight,
                           status=MeetingStatus.CANCELLED)
        db.session.add(existing)
    existing.status = MeetingStatus.SCHEDULED
    _place([(existing, slot, table)])
    return existing


def _place(moves):
    """Free the tables first, then place: a swap never breaks the (slot, table) uniqueness."""
    existing = {id(m) for m, _slot, _table in moves if m.id is not None}
    for m, _slot, _table in moves:
        m.table_id, m.table = None, None
    db.session.flush()
    for m, slot, table in moves:
        if id(m) in existing:
            m.sequence = (m.sequence or 0) + 1
        m.slot, m.table = slot, table
    db.session.flush()
