"""A locked meeting that cannot be kept no longer empties the run: the run page names it."""
import scheduler
from app.meetings.models import Meeting
from app.participants.models import Participant
from app.planning import adapter, runs
from app.planning.models import ScheduleRun


def _clash(small_event, db):
    """Two locked meetings of one person in the same slot (forced in the data)."""
    event, _people = small_event
    adapter.apply_plan(event, scheduler.solve(adapter.to_problem(event), time_limit_s=2, workers=1, seed=0))
    db.session.commit()
    meetings = db.session.scalars(db.select(Meeting).order_by(Meeting.slot_id, Meeting.id)).all()
    m = meetings[0]
    other = next(o for o in meetings if o.slot_id != m.slot_id and
                 {o.participant_a_id, o.participant_b_id} & {m.participant_a_id, m.participant_b_id})
    free_table = next(t for t in event.tables if t.id not in {x.table_id for x in meetings if x.slot_id == m.slot_id})
    other.slot_id, other.table_id = m.slot_id, free_table.id
    m.locked = other.locked = True
    db.session.commit()
    return event, len(meetings), m, other


def test_run_page_names_the_locked_meeting_that_cannot_be_kept(small_event, db, login_as):
    event, held, m, other = _clash(small_event, db)
    runs.queue_run(event, time_limit_s=8, workers=1)
    db.session.commit()
    run = runs.execute_run(runs.claim_next("w"), beat_every_s=0.1)
    assert run.solver_status == "feasible"
    plan = db.session.get(ScheduleRun, run.id).plan
    assert len(plan["dropped_required"]) == 1 and len(plan["assignments"]) >= held - 1
    dropped = adapter.pair_of(plan["dropped_required"][0]["meeting"])
    pairs = ({m.participant_a_id, m.participant_b_id}, {other.participant_a_id, other.participant_b_id})
    assert set(dropped) in pairs
    client = login_as("organiser")
    html = client.get(f"/organiser/events/{event.id}/planning/runs/{run.id}").get_data(as_text=True)
    assert "These locked meetings cannot be kept" in html
    names = [p.full_name for p in (db.session.get(Participant, pid) for pid in dropped)]
    section = html.split("dropped-required", 1)[1].split("</div>", 1)[0]
    assert all(name in section for name in names)
    assert "the partner&#39;s agenda is full" in section or "the partner's agenda is full" in section
