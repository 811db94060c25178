"""Adapter round trip: event -> problem -> plan -> meetings, and back again."""
import scheduler
from app.meetings.models import Meeting, MeetingStatus
from app.planning import adapter


def _solve(problem):
    return scheduler.solve(problem, time_limit_s=2, workers=1, seed=0)


def test_problem_from_event(small_event):
    event, people = small_event
    problem = adapter.to_problem(event)
    assert len(problem.slots) == 8 and len(problem.tables) == 3
    assert len(problem.meetings) == 7  # 0->3 and 3->0 merged
    mutual = next(m for m in problem.meetings if set(m.participants) == {f"p{people[0].id}", f"p{people[3].id}"})
    assert mutual.weight == 1 + adapter.MUTUAL_BONUS
    assert problem.options.cross_border_bonus == event.cross_border_weight
    assert scheduler.problem_from_dict(scheduler.problem_to_dict(problem)) == problem


def test_round_trip_without_violations(small_event, db):
    event, _people = small_event
    problem = adapter.to_problem(event)
    plan = _solve(problem)
    assert plan.has_plan and scheduler.violations(problem, plan) == []
    result = adapter.apply_plan(event, plan)
    db.session.commit()
    assert result.created == len(plan.assignments)
    again = adapter.to_problem(event)
    current = adapter.current_plan(event, again)
    assert scheduler.violations(again, current) == []
    assert {a.meeting for a in current.assignments} == {a.meeting for a in plan.assignments}
    assert len(again.previous_plan) == len(plan.assignments)


def test_apply_keeps_uid_and_counts_moves(small_event, db):
    event, people = small_event
    problem = adapter.to_problem(event)
    plan = _solve(problem)
    adapter.apply_plan(event, plan)
    first = db.session.scalars(db.select(Meeting).order_by(Meeting.id)).first()
    uid, key = first.uid, adapter.pair_key(first.participant_a_id, first.participant_b_id)
    # move that meeting to a slot where both are free, drop another one
    free = _free_slot(problem, plan, key)
    moved = [adapter.S.Assignment(a.meeting, free, a.table) if a.meeting == key else a for a in plan.assignments]
    dropped = next(a.meeting for a in moved if a.meeting != key)
    moved = [a for a in moved if a.meeting != dropped]
    plan2 = adapter.with_assignments(plan, moved)
    assert scheduler.violations(problem, plan2) == []
    result = adapter.apply_plan(event, plan2)
    db.session.commit()
    assert result.moved == 1 and result.cancelled == 1 and result.created == 0
    db.session.refresh(first)
    assert first.uid == uid and first.sequence == 1 and first.slot.code == free
    cancelled = db.session.scalars(db.select(Meeting).where(Meeting.status == MeetingStatus.CANCELLED)).all()
    assert len(cancelled) == 1 and cancelled[0].table_id is None
    assert len(result.affected) == 4 or len(result.affected) == 3


def _free_slot(problem, plan, key):
    people = next(m.participants for m in problem.meetings if m.id == key)
    busy = {a.slot for a in plan.assignments
            for m in problem.meetings if m.id == a.meeting and set(m.participants) & set(people)}
    used = {(a.slot, a.table) for a in plan.assignments}
    table = next(a.table for a in plan.assignments if a.meeting == key)
    return next(s.id for s in problem.slots if s.id not in busy and (s.id, table) not in used)


def test_absent_participant_is_left_out(small_event, db):
    event, people = small_event
    people[0].absent = True
    db.session.flush()
    problem = adapter.to_problem(event)
    assert f"p{people[0].id}" not in {q.id for q in problem.participants}
    assert all(f"p{people[0].id}" not in m.participants for m in problem.meetings)


def test_locked_meetings_survive_a_new_solve(small_event, db):
    event, _people = small_event
    plan = _solve(adapter.to_problem(event))
    adapter.apply_plan(event, plan)
    m = db.session.scalars(db.select(Meeting).order_by(Meeting.id)).first()
    m.locked = True
    where = (m.slot_id, m.table_id)
    db.session.commit()
    problem = adapter.to_problem(event, previous=False)
    key = adapter.pair_key(m.participant_a_id, m.participant_b_id)
    assert key in problem.locked and len(problem.previous_plan) == 1
    plan2 = scheduler.solve(problem, time_limit_s=2, workers=1, seed=7)
    assert scheduler.violations(problem, plan2) == []
    adapter.apply_plan(event, plan2)
    db.session.commit()
    db.session.refresh(m)
    assert (m.slot_id, m.table_id) == where and m.status == MeetingStatus.SCHEDULED


def test_from_slot_leaves_the_past_alone(small_event, db):
    event, _people = small_event
    plan = _solve(adapter.to_problem(event))
    adapter.apply_plan(event, plan)
    db.session.commit()
    from_slot = event.slots[4]
    problem = adapter.to_problem(event, from_slot=from_slot)
    assert [s.id for s in problem.slots] == [s.code for s in event.slots[4:]]
    past = {a.meeting for a in plan.assignments if a.slot < from_slot.code}
    assert not past & {m.id for m in problem.meetings}
    assert problem.options.order[0] == "changes"


def test_demo_event_round_trip(db):
    from app.demo import seed_demo

    event = seed_demo(db.session)
    db.session.commit()
    problem = adapter.to_problem(event)
    assert len(problem.meetings) > 100 and any(q.table for q in problem.participants)
    plan = scheduler.solve(problem, time_limit_s=3, workers=1, seed=0)
    assert plan.has_plan and scheduler.violations(problem, plan) == []
    adapter.apply_plan(event, plan)
    db.session.commit()
    again = adapter.to_problem(event)
    assert scheduler.violations(again, adapter.current_plan(event, again)) == []
