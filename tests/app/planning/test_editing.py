"""Editing rules: every edit is validated; violations are explained and nothing is saved."""
import pytest

import scheduler
from app.meetings.models import Meeting, MeetingStatus
from app.planning import adapter, editing
from app.planning.services import PlanError


@pytest.fixture
def planned(small_event, db):
    event, people = small_event
    problem = adapter.to_problem(event)
    adapter.apply_plan(event, scheduler.solve(problem, time_limit_s=2, workers=1, seed=0))
    db.session.commit()
    meetings = db.session.scalars(db.select(Meeting).order_by(Meeting.slot_id, Meeting.id)).all()
    return event, people, meetings


def _valid(event):
    problem = adapter.to_problem(event)
    return scheduler.violations(problem, adapter.current_plan(event, problem))


def _free_cell(event, meetings):
    used = {(m.slot_id, m.table_id) for m in meetings}
    return next((s, t) for s in event.slots for t in event.tables if (s.id, t.id) not in used)


def test_move_to_a_taken_table_is_refused(planned, db):
    event, _people, meetings = planned
    a, b = meetings[0], next(m for m in meetings[1:] if m.slot_id != meetings[0].slot_id)
    with pytest.raises(PlanError, match="table is already taken|two meetings"):
        editing.move_meeting(event, a, b.slot, b.table)


def test_move_into_a_double_booking_is_explained(planned, db):
    event, _people, meetings = planned
    used = {(x.slot_id, x.table_id) for x in meetings}
    free = {x.slot_id: [t for t in event.tables if (x.slot_id, t.id) not in used] for x in meetings}
    pair = next(((m, o) for m in meetings for o in meetings if o.slot_id != m.slot_id and free[o.slot_id]
                 and {o.participant_a_id, o.participant_b_id} & {m.participant_a_id, m.participant_b_id}), None)
    if pair is None:
        pytest.skip("no shared participant next to a free table in this plan")
    m, other = pair
    with pytest.raises(PlanError, match="two meetings in the same slot"):
        editing.move_meeting(event, m, other.slot, free[other.slot_id][0])


def test_valid_move_and_swap_are_saved(planned, db):
    event, _people, meetings = planned
    slot, table = _free_cell(event, meetings)
    m = meetings[0]
    try:
        editing.move_meeting(event, m, slot, table)
    except PlanError:
        pytest.skip("the free cell clashes with a participant")
    db.session.commit()
    assert m.slot_id == slot.id and m.sequence == 1 and _valid(event) == []
    first, second = meetings[1], meetings[2]
    try:
        editing.swap_meetings(event, first, second)
    except PlanError:
        return
    db.session.commit()
    assert _valid(event) == []


def test_lock_blocks_moves_and_survives(planned, db):
    event, _people, meetings = planned
    m = meetings[0]
    editing.set_locked(m, True)
    slot, table = _free_cell(event, meetings)
    with pytest.raises(PlanError, match="locked"):
        editing.move_meeting(event, m, slot, table)
    editing.set_locked(m, False)
    assert not m.locked


def test_cancel_and_add_back(planned, db):
    event, people, meetings = planned
    m = meetings[0]
    slot, table = m.slot, m.table
    editing.cancel_meeting(event, m)
    db.session.commit()
    assert m.status == MeetingStatus.CANCELLED and m.table_id is None
    a, b = m.participant_a, m.participant_b
    added = editing.add_meeting(event, a, b, slot, table)
    db.session.commit()
    assert added.id == m.id and added.status == MeetingStatus.SCHEDULED and added.uid == m.uid
    with pytest.raises(PlanError, match="already have a meeting"):
        editing.add_meeting(event, a, b, slot, table)


def test_add_meeting_without_common_language_is_explained(planned, db, make_participant):
    event, people, meetings = planned
    cz = make_participant(event, languages=["cs"])
    de = make_participant(event, languages=["de"])
    slot, table = _free_cell(event, meetings)
    with pytest.raises(PlanError, match="share no language"):
        editing.add_meeting(event, cz, de, slot, table)


def test_infeasible_solve_explains_the_rule(planned, db, login_as):
    """Two locked meetings of one person in the same slot (forced in the data) make the problem infeasible."""
    from app.planning import runs
    from app.planning.models import ScheduleRun

    event, _people, meetings = planned
    m = meetings[0]
    other = next(o for o in meetings if o.slot_id != m.slot_id and
                 {o.participant_a_id, o.participant_b_id} & {m.participant_a_id, m.participant_b_id})
    free_table = next(t for t in event.tables if t.id not in {x.table_id for x in meetings if x.slot_id == m.slot_id})
    other.slot_id, other.table_id = m.slot_id, free_table.id
    m.locked = other.locked = True
    runs.queue_run(event, time_limit_s=1, workers=1)
    db.session.commit()
    run = runs.execute_run(runs.claim_next("w"), beat_every_s=0.1)
    assert run.solver_status == "infeasible"
    client = login_as("organiser")
    html = client.get(f"/organiser/events/{event.id}/planning/runs/{run.id}").get_data(as_text=True)
    assert "two meetings in the same slot" in html
    assert db.session.get(ScheduleRun, run.id).plan["assignments"] == []
