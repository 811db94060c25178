"""Event day: absences, walk-ins, re-plan from the current slot with minimal changes."""
import scheduler
from app.meetings.models import Meeting, MeetingStatus
from app.participants.models import Participant
from app.planning import adapter, runs
from app.planning.models import EmailRecord, ScheduleRun
from app.planning.services import publish


def _moves(before, event, db):
    """Meetings that kept a (slot, table) before and now have another one or were cancelled."""
    now = {m.id: (m.slot_id, m.table_id, m.status) for m in db.session.scalars(db.select(Meeting))}
    return sum(1 for mid, where in before.items() if now[mid][:2] != where)


def _snapshot(db):
    return {m.id: (m.slot_id, m.table_id) for m in db.session.scalars(db.select(Meeting))
            if m.status == MeetingStatus.SCHEDULED}


def test_replan_after_two_no_shows_moves_fewer_meetings_than_a_fresh_solve(db, login_as):
    from app.demo import seed_demo

    event = seed_demo(db.session)
    adapter.apply_plan(event, scheduler.solve(adapter.to_problem(event), time_limit_s=3, workers=1, seed=0))
    publish(event, notify=False)  # the agendas everybody has in hand
    db.session.commit()
    before = _snapshot(db)
    busy = {}
    for m in db.session.scalars(db.select(Meeting).where(Meeting.status == MeetingStatus.SCHEDULED)):
        busy[m.participant_a_id] = busy.get(m.participant_a_id, 0) + 1
    absent = sorted(busy, key=busy.get, reverse=True)[:2]
    client = login_as("desk")
    for pid in absent:
        client.post(f"/desk/events/{event.id}/participants/{pid}/absent")
    from_slot = event.slots[len(event.slots) // 2]
    # a fresh solve of the same situation, for comparison (not applied)
    fresh_problem = adapter.to_problem(event, from_slot=from_slot, previous=False)
    fresh = scheduler.solve(fresh_problem, time_limit_s=3, workers=1, seed=1)
    codes = {s.id: s.code for s in event.slots}
    keyed = {adapter.pair_key(m.participant_a_id, m.participant_b_id): (codes.get(m.slot_id), m.table_id)
             for m in db.session.scalars(db.select(Meeting)) if m.id in before}
    tables = {adapter.table_key(t): t.id for t in event.tables}
    fresh_moves = sum(1 for a in fresh.assignments if a.meeting in keyed
                      and keyed[a.meeting] != (a.slot, tables[a.table]))
    # the desk re-plan
    client.post(f"/desk/events/{event.id}/replan", data={"from_slot": from_slot.code})
    run = db.session.scalars(db.select(ScheduleRun)).one()
    run.parameters = {**run.parameters, "time_limit_s": 3}
    db.session.commit()
    runs.execute_run(runs.claim_next("desk-worker"), beat_every_s=0.2)
    db.session.expire_all()
    preview = client.get(f"/desk/events/{event.id}/replan/{run.id}").get_data(as_text=True)
    assert "would be affected" in preview
    from app.desk.services import preview_affected

    expected = preview_affected(db.session.get(ScheduleRun, run.id))
    response = client.post(f"/desk/events/{event.id}/replan/{run.id}/apply")
    assert response.status_code == 302
    db.session.expire_all()
    from app.jobs import run_due
    from app.jobs.models import Job

    notify = db.session.scalars(db.select(Job)).one()
    assert run_due() == 1  # the worker sends the changed agendas
    db.session.expire_all()
    later = {mid for mid, (slot_id, _t) in before.items() if codes[slot_id] >= from_slot.code}
    replan_moves = sum(1 for mid in later if _snapshot(db).get(mid) not in (None, before[mid]))
    assert replan_moves < fresh_moves
    for mid, where in before.items():  # the morning is untouched
        if codes[where[0]] < from_slot.code:
            assert _snapshot(db).get(mid) == where
    page = client.get(f"/desk/events/{event.id}/replan/{run.id}").get_data(as_text=True)
    run = db.session.get(ScheduleRun, run.id)
    affected = set(run.progress["affected"])
    assert set(notify.payload["participants"]) <= affected
    assert affected and affected == expected and "participants affected" in page
    notified = {r.participant_id
                for r in db.session.scalars(db.select(EmailRecord).where(EmailRecord.kind == "agenda"))}
    assert notified and notified <= affected


def test_walk_in_and_absent_marks(small_event, login_as, db):
    event, people = small_event
    db.session.commit()
    client = login_as("desk")
    response = client.post(f"/desk/events/{event.id}/walk-ins", data={
        "first_name": "Petr", "last_name": "Novák", "email": "petr@example.cz", "organisation": "Nová firma",
        "country": "CZ", "languages": ["cs", "de"], "locale": "cs", "wants": [people[3].id, people[4].id]})
    assert response.status_code == 302
    walk_in = db.session.scalars(db.select(Participant).where(Participant.email == "petr@example.cz")).one()
    problem = adapter.to_problem(event)
    assert {adapter.pair_key(walk_in.id, people[3].id), adapter.pair_key(walk_in.id, people[4].id)} <= {
        m.id for m in problem.meetings}
    assert "Novák" in client.get(f"/desk/events/{event.id}/").get_data(as_text=True)
    client.post(f"/desk/events/{event.id}/participants/{people[0].id}/absent")
    db.session.refresh(people[0])
    assert people[0].absent
    problem = adapter.to_problem(event)
    assert f"p{people[0].id}" not in {q.id for q in problem.participants}


def test_desk_finds_people_by_name_without_accents_and_shows_local_slot_times(small_event, login_as, db):
    event, people = small_event
    people[0].last_name = "Dvořák"
    db.session.commit()
    client = login_as("desk")
    html = client.get(f"/desk/events/{event.id}/", query_string={"q": "dvorak"}).get_data(as_text=True)
    rows = [f"/participants/{p.id}/absent" in html for p in people]
    assert rows == [True, False, False, False, False, False]  # only Dvořák's row, found as "dvorak"
    assert "Nobody matches this search." in client.get(f"/desk/events/{event.id}/?q=zzz").get_data(as_text=True)
    # slots start at 08:00 UTC on 10 March = 09:00 in Europe/Berlin; the select shows local time, not a code
    assert ">Mar 10, 2027 09:00</option>" in html
