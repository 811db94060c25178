"""Issue 17: plan edits and applying runs lock the event's plan. Two organisers moving meetings at the same
moment cannot double-book anyone; applying two runs at once gives one result and a clear message, no 500.
The served tests fire real parallel requests (PostgreSQL); the stale-session tests run on both databases.
Failed before: both moves were saved (a double booking), and both applies answered "Plan applied"."""
import re

import pytest

import scheduler
from app.meetings.models import Meeting, MeetingStatus
from app.planning import adapter, editing, runs
from app.planning.models import ScheduleRun
from app.planning.services import PlanError, apply_run

from ..concurrency import fire, served, sign_in_user  # noqa: F401

PASSWORD = "organiser-pass-1"


@pytest.fixture
def planned(small_event, db):
    event, people = small_event
    adapter.apply_plan(event, scheduler.solve(adapter.to_problem(event), time_limit_s=2, workers=1, seed=0))
    db.session.commit()
    return event, people


def _violations(db, event):
    db.session.expire_all()
    problem = adapter.to_problem(event)
    return scheduler.violations(problem, adapter.current_plan(event, problem))


def _meetings(db, event):
    return db.session.scalars(db.select(Meeting).where(Meeting.event_id == event.id,
                                                       Meeting.status == MeetingStatus.SCHEDULED)
                              .order_by(Meeting.id)).all()


def _ok_alone(event, meeting, slot, table):
    problem = adapter.to_problem(event)
    try:
        editing._check(problem, adapter.current_plan(event, problem),
                       {editing._key(meeting): (slot.code, adapter.table_key(table))})
    except PlanError:
        return False
    return True


def _conflicting_moves(db, event):
    """Two moves, each fine alone, that together put one person in two meetings of the same slot."""
    meetings = _meetings(db, event)
    for first in meetings:
        for second in meetings:
            shared = {first.participant_a_id, first.participant_b_id} & {second.participant_a_id,
                                                                        second.participant_b_id}
            if first.id >= second.id or not shared:
                continue
            for slot in event.slots:
                taken = {m.table_id for m in meetings if m.slot_id == slot.id}
                free = [t for t in event.tables if t.id not in taken]
                if (len(free) >= 2 and _ok_alone(event, first, slot, free[0])
                        and _ok_alone(event, second, slot, free[1])):
                    return (first, slot, free[0]), (second, slot, free[1])
    pytest.fail("the small event has no two conflicting moves")


def _organisers(db, make_user, served, n=2):  # noqa: F811
    clients = []
    for i in range(n):
        make_user(email=f"organiser{i}@example.org")
        db.session.commit()
        clients.append(sign_in_user(served.client(), f"organiser{i}@example.org", PASSWORD))
    return clients


def _flashes(result):
    return re.findall(r'class="flash flash-(\w+)"[^>]*>([^<]*)<', result[2])


# ---------------------------------------------------------------- real parallel requests (PostgreSQL)
def test_two_organisers_moving_at_once_cannot_double_book(served, planned, make_user, db):  # noqa: F811
    event, _people = planned
    one, two = _organisers(db, make_user, served)
    base = f"/organiser/events/{event.id}/planning/meetings"
    for _ in range(3):
        moves = _conflicting_moves(db, event)
        posts = [(f"{base}/{m.id}", {"op": "move", "move-slot": s.code, "move-table": adapter.table_key(t)})
                 for m, s, t in moves]
        results = fire(lambda p=posts[0]: one.post(*p), lambda p=posts[1]: two.post(*p))
        assert [r[0] for r in results] == [200, 200]
        # the winner is told by a flash on the plan; the loser's page explains the refusal (who is busy, what is free)
        kinds = sorted("refused" if 'id="move-refused"' in r[2] else _flashes(r)[0][0] for r in results)
        assert kinds == ["refused", "success"], [_flashes(r) for r in results]
        assert _violations(db, event) == []


def test_applying_two_runs_at_once_gives_one_result_and_a_message(served, planned, make_user, db):  # noqa: F811
    event, _people = planned
    one, two = _organisers(db, make_user, served)
    base = f"/organiser/events/{event.id}/planning/runs"
    for round_ in range(2):
        ids = []
        for seed in (1, 2):
            run = runs.queue_run(event, time_limit_s=2, workers=1, seed=seed + 2 * round_)
            db.session.commit()
            runs.execute_run(runs.claim_next("w", run.id), beat_every_s=0.1)
            ids.append(run.id)
        urls = [f"{base}/{i}/apply" for i in ids]
        results = fire(lambda u=urls[0]: one.post(u), lambda u=urls[1]: two.post(u))
        assert [r[0] for r in results] == [200, 200]
        flashes = [_flashes(r) for r in results]
        assert sorted(f[0][0] for f in flashes) == ["error", "success"], flashes
        assert any("at the same moment" in f[0][1] for f in flashes)
        db.session.expire_all()
        assert len([r for r in db.session.scalars(db.select(ScheduleRun).where(ScheduleRun.id.in_(ids)))
                    if r.applied_at is not None]) == 1
        assert _violations(db, event) == []


# ---------------------------------------------------------------- the same rules without threads (both DBs)
def _moved_elsewhere(db, meeting, slot, table):
    """Another organiser's move, committed on its own connection while this session holds the old plan."""
    with db.engine.begin() as conn:
        conn.execute(Meeting.__table__.update().where(Meeting.__table__.c.id == meeting.id)
                     .values(slot_id=slot.id, table_id=table.id))


def test_a_move_checks_the_plan_as_committed_not_as_first_read(planned, db):
    event, _people = planned
    (first, slot, table_one), (second, _slot, table_two) = _conflicting_moves(db, event)
    _moved_elsewhere(db, first, slot, table_one)
    with pytest.raises(PlanError):
        editing.move_meeting(event, second, slot, table_two)
    db.session.rollback()
    assert _violations(db, event) == []


def test_a_run_applied_meanwhile_is_reported(planned, db):
    event, _people = planned
    made = []
    for seed in (1, 2):
        run = runs.queue_run(event, time_limit_s=2, workers=1, seed=seed)
        db.session.commit()
        runs.execute_run(runs.claim_next("w", run.id), beat_every_s=0.1)
        made.append(run.id)
    first, second = (db.session.get(ScheduleRun, i) for i in made)
    from datetime import timedelta

    from app.i18n import utcnow

    first.applied_at = utcnow() + timedelta(seconds=5)  # "the other organiser's apply finished while we waited"
    db.session.commit()
    with pytest.raises(PlanError, match="at the same moment"):
        apply_run(second)
