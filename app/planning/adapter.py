"""The solver boundary: the event as a `scheduler.Problem`, a `scheduler.Plan` back as Meeting rows.

This is the ONLY module that imports both the app models and `scheduler`. Ids in problems:
slots by `Slot.code`, tables `T<number>`, participants `p<id>`, interpreters `i<id>`, meetings by
the pair of participants `m<lo>-<hi>` (one meeting per pair, whether it comes from one request,
two mutual requests or was added by hand), so a re-plan finds the same meeting again.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, timedelta

from sqlalchemy import select

import scheduler as S

from ..events.models import Event, Slot, Table
from ..extensions import db
from ..meetings.models import PRIORITY_WEIGHT, Meeting, MeetingRequest, MeetingStatus, RequestStatus
from ..participants.models import Participant, ParticipantStatus

MUTUAL_BONUS = 2
# On the event day printed agendas matter most: keep meetings where they are, then fill gaps.
REPLAN_ORDER = ("changes", "weight", "fairness", "breaks", "tables")
ACTIVE = (MeetingStatus.SCHEDULED, MeetingStatus.HELD, MeetingStatus.NO_SHOW)


def pair_key(a_id, b_id):
    lo, hi = sorted((int(a_id), int(b_id)))
    return f"m{lo}-{hi}"


def pair_of(key):
    lo, hi = key[1:].split("-")
    return int(lo), int(hi)


def pid(participant_id):
    return f"p{participant_id}"


def table_key(table):
    return f"T{table.number}"


@dataclass
class Wish:
    """One pair that should meet: weight, the request behind it and the participants."""
    key: str
    a_id: int
    b_id: int
    weight: int
    request_id: int | None = None
    mutual: bool = False


def accepted_wishes(event):
    """Accepted requests merged per pair: priority weight, mutual wishes weigh more."""
    rows = db.session.scalars(select(MeetingRequest).where(
        MeetingRequest.event_id == event.id, MeetingRequest.status == RequestStatus.ACCEPTED)
        .order_by(MeetingRequest.id)).all()
    wishes = {}
    for r in rows:
        key = pair_key(r.requester_id, r.target_id)
        w = PRIORITY_WEIGHT[r.priority]
        if key in wishes:
            wish = wishes[key]
            wish.weight, wish.mutual = max(wish.weight - MUTUAL_BONUS * wish.mutual, w) + MUTUAL_BONUS, True
        else:
            wishes[key] = Wish(key, r.requester_id, r.target_id, w, r.id)
    return wishes


def event_meetings(event):
    return db.session.scalars(select(Meeting).where(Meeting.event_id == event.id).order_by(Meeting.id)).all()


def planned_slots(event, from_slot=None):
    slots = list(event.slots)
    if from_slot is not None:
        slots = [s for s in slots if s.start_at >= from_slot.start_at]
    return slots


def to_problem(event, *, from_slot=None, previous=True, extra_tables=0, extra_slots=0, name=None):
    """The event as a problem. With `from_slot`, only that slot and later ones are planned; meetings
    in earlier slots are history (left out, and they count against `max_meetings`)."""
    slots = planned_slots(event, from_slot)
    codes = {s.id: s.code for s in slots}
    people = _active_people(event)
    meetings = event_meetings(event)
    past = _past_counts(meetings, codes, from_slot)
    wishes = _wishes(event, people, meetings, codes, from_slot)
    prev, locked = _previous(meetings, wishes, codes, previous)
    problem_meetings = tuple(
        S.Meeting(id=w.key, participants=(pid(w.a_id), pid(w.b_id)), weight=w.weight,
                  required=w.key in locked) for w in wishes.values())
    return S.Problem(
        slots=tuple(_slot(s) for s in slots) + _extra_slots(slots, extra_slots),
        tables=tuple(S.Table(table_key(t), t.label, t.zone or None) for t in event.tables)
        + tuple(S.Table(f"X{n + 1}", f"+{n + 1}") for n in range(extra_tables)),
        meetings=problem_meetings,
        participants=tuple(_participant(event, p, codes, past) for p in people.values()),
        interpreters=tuple(S.Interpreter(f"i{i.id}", tuple(i.languages),
                                         frozenset(codes[s.id] for s in i.unavailable_slots if s.id in codes))
                           for i in event.interpreters),
        previous_plan=tuple(prev), locked=frozenset(locked),
        options=S.Options(cross_border_bonus=int(event.cross_border_weight or 0),
                          order=REPLAN_ORDER if from_slot is not None else S.Options().order),
        name=name or event.slug)


def _active_people(event):
    rows = db.session.scalars(select(Participant).where(
        Participant.event_id == event.id, Participant.status == ParticipantStatus.APPROVED,
        Participant.absent.is_(False)).order_by(Participant.id)).all()
    return {p.id: p for p in rows}


def _past_counts(meetings, codes, from_slot):
    counts = defaultdict(int)
    if from_slot is None:
        return counts
    for m in meetings:
        if m.status in ACTIVE and m.slot_id is not None and m.slot_id not in codes:
            counts[m.participant_a_id] += 1
            counts[m.participant_b_id] += 1
    return counts


def _wishes(event, people, meetings, codes, from_slot):
    wishes = accepted_wishes(event)
    for m in meetings:  # meetings added by hand or at the desk without a request
        key = pair_key(m.participant_a_id, m.participant_b_id)
        if m.status == MeetingStatus.SCHEDULED and key not in wishes:
            wishes[key] = Wish(key, m.participant_a_id, m.participant_b_id, m.weight, m.request_id)
    done = set()
    if from_slot is not None:
        done = {pair_key(m.participant_a_id, m.participant_b_id) for m in meetings
                if m.status in ACTIVE and m.slot_id is not None and m.slot_id not in codes}
    return {k: w for k, w in wishes.items()
            if w.a_id in people and w.b_id in people and k not in done}


def _previous(meetings, wishes, codes, previous):
    prev, locked = [], set()
    for m in meetings:
        key = pair_key(m.participant_a_id, m.participant_b_id)
        if (m.status != MeetingStatus.SCHEDULED or key not in wishes or m.slot_id not in codes
                or m.table_id is None):
            continue
        if previous or m.locked:
            prev.append(S.Assignment(key, codes[m.slot_id], table_key(m.table),
                                     f"i{m.interpreter_id}" if m.interpreter_id else None))
        if m.locked:
            locked.add(key)
    return prev, locked


def _slot(s):
    return S.Slot(s.code, s.start_at.replace(tzinfo=UTC), s.end_at.replace(tzinfo=UTC),
                  s.session.day.isoformat() if s.session else None, s.session.code if s.session else None)


def _extra_slots(slots, n):
    """Capacity planning: `n` more slots after the last one of the last day, same length and gap."""
    if not n or not slots:
        return ()
    last = slots[-1]
    length = last.end_at - last.start_at
    gap = last.session.gap_minutes if last.session else 0
    out, start = [], last.end_at + timedelta(minutes=gap)
    for k in range(n):
        out.append(S.Slot(f"X{k + 1}", start.replace(tzinfo=UTC), (start + length).replace(tzinfo=UTC),
                          last.session.day.isoformat() if last.session else None, None))
        start += length + timedelta(minutes=gap)
    return tuple(out)


def _participant(event, p, codes, past):
    cap = p.max_meetings if p.max_meetings is not None else event.max_meetings_default
    host = next((t for t in event.tables if t.host_participant_id == p.id), None)
    return S.Participant(
        id=pid(p.id), organisation=f"o{p.organisation_id}" if p.organisation_id else None,
        country=p.country, languages=tuple(p.languages or ()),
        unavailable=frozenset(codes[s.id] for s in p.unavailable_slots if s.id in codes),
        max_meetings=max(0, cap - past.get(p.id, 0)) if cap is not None else None,
        table=table_key(host) if host else None)


# ---------------------------------------------------------------- plan -> meetings
@dataclass
class ApplyResult:
    created: int = 0
    moved: int = 0
    cancelled: int = 0
    unchanged: int = 0
    affected: set = field(default_factory=set)  # participant ids whose agenda changed

    @property
    def changed(self):
        return self.created + self.moved + self.cancelled


def apply_plan(event: Event, plan, *, from_slot=None, weights=None):
    """Make the scheduled Meeting rows match `plan`: create, move (uid kept, sequence + 1) and cancel
    (kept with status cancelled). Meetings before `from_slot` and held meetings are never touched."""
    slots = {s.code: s for s in planned_slots(event, from_slot)}
    tables = {table_key(t): t for t in event.tables}
    wanted = {a.meeting: a for a in plan.assignments}
    rows = {pair_key(m.participant_a_id, m.participant_b_id): m for m in event_meetings(event)}
    wishes = accepted_wishes(event)
    result = ApplyResult()
    changes = _diff(event, rows, wanted, slots, tables, wishes, weights or {}, result)
    _write(changes)
    return result


def _diff(event, rows, wanted, slots, tables, wishes, weights, result):
    changes = []  # (meeting, slot, table, interpreter_id or None, status)
    planned = {s.id for s in slots.values()}
    for key, m in rows.items():
        if m.status != MeetingStatus.SCHEDULED or key in wanted:
            continue
        if m.slot_id is not None and m.slot_id not in planned:
            continue
        changes.append((m, m.slot, None, None, MeetingStatus.CANCELLED))
        result.cancelled += 1
        result.affected |= {m.participant_a_id, m.participant_b_id}
    for key, a in wanted.items():
        slot, table = slots[a.slot], tables[a.table]
        interp = _interp_id(a)
        m = rows.get(key)
        if m is None:
            lo, hi = pair_of(key)
            wish = wishes.get(key)
            m = Meeting(event_id=event.id, participant_a_id=lo, participant_b_id=hi,
                        request_id=wish.request_id if wish else None,
                        weight=weights.get(key, wish.weight if wish else 1))
            db.session.add(m)
            result.created += 1
        elif (m.status == MeetingStatus.SCHEDULED and m.slot_id == slot.id and m.table_id == table.id
              and m.interpreter_id == interp):
            result.unchanged += 1
            continue
        elif m.status != MeetingStatus.SCHEDULED and m.status != MeetingStatus.CANCELLED:
            continue  # held / no-show: history
        else:
            result.moved += 1
        changes.append((m, slot, table, interp, MeetingStatus.SCHEDULED))
        result.affected |= {m.participant_a_id, m.participant_b_id}
    return changes


def _write(changes):
    """Two flushes: first free every touched (slot, table) so that swaps never break uniqueness."""
    existing = {id(m) for m, *_ in changes if m.id is not None}
    for m, *_ in changes:
        m.table_id = None
        m.table = None
    db.session.flush()
    for m, slot, table, interp, status in changes:
        if id(m) in existing:  # an existing meeting moved, came back or was cancelled
            m.sequence = (m.sequence or 0) + 1
        m.slot = slot
        m.table = table
        m.interpreter_id = interp
        m.status = status
    db.session.flush()


def _interp_id(assignment):
    return int(assignment.interpreter[1:]) if assignment.interpreter else None


def affected_by(event, plan, *, from_slot=None):
    """Participant ids whose agenda `apply_plan` would change (nothing is written)."""
    slots = {s.code: s for s in planned_slots(event, from_slot)}
    planned = {s.id for s in slots.values()}
    tables = {table_key(t): t for t in event.tables}
    wanted = {a.meeting: a for a in plan.assignments}
    now = {pair_key(m.participant_a_id, m.participant_b_id): m for m in event_meetings(event)
           if m.status == MeetingStatus.SCHEDULED and m.slot_id in planned}
    out = set()
    for key in set(now) | set(wanted):
        m, a = now.get(key), wanted.get(key)
        same = (m is not None and a is not None and m.slot_id == slots[a.slot].id
                and m.table_id == tables[a.table].id and m.interpreter_id == _interp_id(a))
        if not same:
            out |= set(pair_of(key))
    return out


# ---------------------------------------------------------------- current plan as data
def current_plan(event, problem):
    """The Meeting rows as a `scheduler.Plan` against `problem` (for validation and metrics)."""
    codes = {s.id: s.code for s in event.slots}
    ids = {m.id for m in problem.meetings}
    assignments = []
    for m in event_meetings(event):
        key = pair_key(m.participant_a_id, m.participant_b_id)
        if m.status == MeetingStatus.SCHEDULED and key in ids and m.slot_id in codes and m.table_id:
            assignments.append(S.Assignment(key, codes[m.slot_id], table_key(m.table),
                                            f"i{m.interpreter_id}" if m.interpreter_id else None))
    placed = {a.meeting for a in assignments}
    return S.Plan(S.Status.FEASIBLE, tuple(assignments),
                  tuple(S.Unscheduled(m.id, "") for m in problem.meetings if m.id not in placed))


def current_plan_stub():
    return S.Plan(S.Status.FEASIBLE)


def with_assignments(plan, assignments):
    return S.Plan(plan.status, tuple(assignments), plan.unscheduled)


def solve(problem, **kw):
    return S.solve(problem, **kw)


def violations(problem, plan):
    return S.violations(problem, plan)


def metrics(problem, plan):
    return S.metrics(problem, plan)


def dropped_required(plan_dict):
    """[(participant id a, participant id b, reason code)] of the locked meetings a run had to leave out."""
    out = []
    for row in (plan_dict or {}).get("dropped_required", []):
        a, b = pair_of(row["meeting"])
        out.append((a, b, row.get("reason", "")))
    return out


def problem_to_dict(problem):
    return S.problem_to_dict(problem)


def plan_to_dict(plan):
    return S.plan_to_dict(plan)


def plan_from_dict(data):
    return S.plan_from_dict(data)


def problem_from_dict(data):
    return S.problem_from_dict(data)


def slot_by_code(event, code):
    return next((s for s in event.slots if s.code == code), None)


def table_by_key(event, key):
    return next((t for t in event.tables if table_key(t) == key), None)


__all__ = ["ApplyResult", "Wish", "apply_plan", "current_plan", "to_problem", "pair_key", "pair_of", "pid",
           "table_key", "Slot", "Table"]
