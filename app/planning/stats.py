"""View models of the current plan: the grid, one participant's agenda, metrics and charts."""
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from ..extensions import db
from ..meetings.models import Meeting, MeetingStatus
from ..participants.models import Participant
from . import adapter
from .models import RunStatus, ScheduleRun
from .services import reason_label


def scheduled_meetings(event):
    return db.session.scalars(select(Meeting).where(
        Meeting.event_id == event.id, Meeting.status == MeetingStatus.SCHEDULED, Meeting.table_id.is_not(None))
        .order_by(Meeting.slot_id)).all()


def grid(event):
    """{(slot id, table id): meeting} for the slots × tables grid."""
    return {(m.slot_id, m.table_id): m for m in scheduled_meetings(event)}


def grid_names(event):
    """participant id -> the name shown in the tight grid: "J. Novák"; the full first name where two people
    share initial and surname (Jan and Jiří Novák); the organisation too where even that is the same."""
    people = db.session.scalars(select(Participant).where(Participant.event_id == event.id)).all()
    labels = {p.id: p.short_name for p in people}
    for make in (lambda p: p.full_name,
                 lambda p: f"{p.full_name} ({p.organisation.name})" if p.organisation else p.full_name):
        seen = Counter(labels.values())
        labels = {p.id: make(p) if seen[labels[p.id]] > 1 else labels[p.id] for p in people}
    return labels


def participant_agenda(event, participant):
    by_slot = {m.slot_id: m for m in scheduled_meetings(event) if m.involves(participant.id)}
    return [(s, by_slot.get(s.id)) for s in event.slots]


@dataclass
class Metrics:
    meetings: int = 0
    wishes: int = 0
    per_participant: dict = field(default_factory=dict)  # min, median, max
    histogram: list = field(default_factory=list)        # [(meetings, participants)]
    breaks: int = 0
    max_breaks: int = 0
    cross_border_share: float = 0.0
    occupancy: list = field(default_factory=list)         # [(slot, used, tables)]
    unscheduled: list = field(default_factory=list)       # [(participant a, participant b, reason label)]

    @property
    def wish_share(self):
        return self.meetings / self.wishes if self.wishes else 0.0


def plan_metrics(event):
    problem = adapter.to_problem(event)
    plan = adapter.current_plan(event, problem)
    raw = adapter.metrics(problem, plan)
    rows = scheduled_meetings(event)
    people = {p.id: p for p in db.session.scalars(select(Participant).where(Participant.event_id == event.id))}
    counts = Counter()
    for m in rows:
        counts[m.participant_a_id] += 1
        counts[m.participant_b_id] += 1
    active = [q.id for q in problem.participants]
    per = [counts.get(int(q[1:]), 0) for q in active] or [0]
    result = Metrics(meetings=len(rows), wishes=len(problem.meetings), breaks=raw.get("breaks", 0),
                     max_breaks=raw.get("max_breaks", 0),
                     per_participant={"min": min(per), "median": median(per), "max": max(per)})
    result.histogram = sorted(Counter(per).items())
    cross = sum(1 for m in rows if _country(people, m.participant_a_id) != _country(people, m.participant_b_id))
    result.cross_border_share = cross / len(rows) if rows else 0.0
    used = Counter(m.slot_id for m in rows)
    result.occupancy = [(s, used.get(s.id, 0), len(event.tables)) for s in event.slots]
    result.unscheduled = _unscheduled(event, problem, plan, people)
    return result


def _country(people, pid):
    p = people.get(pid)
    return p.country if p else None


def _unscheduled(event, problem, plan, people):
    reasons = {}
    run = db.session.scalar(select(ScheduleRun).where(
        ScheduleRun.event_id == event.id, ScheduleRun.applied_at.is_not(None),
        ScheduleRun.status.in_((RunStatus.DONE, RunStatus.CANCELLED))).order_by(ScheduleRun.applied_at.desc())
        .limit(1))
    if run is not None and run.plan:
        reasons = {u["meeting"]: u.get("reason", "") for u in run.plan.get("unscheduled", [])}
    placed = {a.meeting for a in plan.assignments}
    hosts = {q.id for q in problem.participants if q.table is not None}
    out = []
    for m in problem.meetings:
        if m.id not in placed:
            lo, hi = adapter.pair_of(m.id)
            label = reason_label(reasons.get(m.id, ""), len(hosts.intersection(m.participants)))
            out.append((people.get(lo), people.get(hi), m.weight, label))
    return sorted(out, key=lambda x: -x[2])


def compare_runs(runs):
    """Rows for the comparison table: parameters and the metrics of each run's plan."""
    keys = ("meetings", "weight", "breaks", "max_breaks", "participants_without_meeting", "changes")
    return keys, [(r, [(r.objective or {}).get(k) for k in keys]) for r in runs]


def run_summary(run):
    """What a finished run found, in plain sentences (no solver terms): meetings placed, wishes left, breaks."""
    plan, objective = run.plan or {}, run.objective or {}
    placed, left = len(plan.get("assignments") or []), len(plan.get("unscheduled") or [])
    lines = [ngettext("The plan places %(num)d meeting.", "The plan places %(num)d meetings.", placed),
             ngettext("%(num)d wish is left without a meeting.", "%(num)d wishes are left without a meeting.", left)
             if left else _("Every wish has a meeting.")]
    if objective.get("breaks") is not None:
        lines.append(ngettext("Participants wait %(num)d time slot between meetings in total.",
                              "Participants wait %(num)d time slots between meetings in total.",
                              int(objective["breaks"])))
    idle = objective.get("participants_without_meeting")
    if idle:
        lines.append(ngettext("%(num)d participant gets no meeting although one was possible.",
                              "%(num)d participants get no meeting although one was possible.", int(idle)))
    return lines
