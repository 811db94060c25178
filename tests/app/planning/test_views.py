"""Organiser planning pages: queue a run, progress JSON, apply, plan views, edit, publish, capacity."""
import flask_babel

import scheduler
from app.meetings.models import Meeting
from app.planning import adapter, runs
from app.planning.models import Publication, RunStatus, ScheduleRun


def test_run_apply_publish_through_the_pages(small_event, login_as, db):
    event, people = small_event
    db.session.commit()
    client = login_as("organiser")
    base = f"/organiser/events/{event.id}/planning"
    response = client.post(f"{base}/runs", data={"time_limit_s": 2, "workers": 1, "seed": 0})
    assert response.status_code == 302
    run = db.session.scalars(db.select(ScheduleRun)).one()
    assert client.get(f"{base}/runs/{run.id}/progress.json").get_json()["status"] == "queued"
    runs.execute_run(runs.claim_next("w"), beat_every_s=0.1)
    data = client.get(f"{base}/runs/{run.id}/progress.json").get_json()
    assert data["finished"] and data["percent"] == 100
    assert "Apply this plan" in client.get(f"{base}/runs/{run.id}").get_data(as_text=True)
    assert client.post(f"{base}/runs/{run.id}/apply").status_code == 302
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) > 0
    for page in ("plan", "metrics", "", "runs/compare", f"plan/participants/{people[0].id}"):
        assert client.get(f"{base}/{page}").status_code == 200, page
    grid = client.get(f"{base}/plan").get_data(as_text=True)
    meeting = db.session.scalars(db.select(Meeting)).first()
    a, b = meeting.participant_a, meeting.participant_b  # initials tell apart the several Králs of an event
    assert f"{a.first_name[0]}. {a.last_name} – {b.first_name[0]}. {b.last_name}" in grid
    found = client.get(f"{base}/plan/participants/", query_string={"participant_id": people[1].id})
    assert found.headers["Location"].endswith(f"/plan/participants/{people[1].id}")
    html = client.get(f"{base}/metrics").get_data(as_text=True)
    assert "Cross-border meetings" in html
    assert "Publish the plan?" in client.post(f"{base}/publish", data={"kind": "preliminary"}).get_data(as_text=True)
    assert client.post(f"{base}/publish", data={"kind": "preliminary", "confirmed": "yes"}).status_code == 302
    assert db.session.scalar(db.select(db.func.count(Publication.id))) == 1
    from app.jobs.models import Job

    job = db.session.scalars(db.select(Job)).one()  # the e-mails go to the job queue, not among solver runs
    assert job.kind == "planning.notify_agendas" and job.payload["participants"]
    assert db.session.scalar(db.select(db.func.count(ScheduleRun.id))) == 1


def test_bad_edit_is_explained_and_not_saved(small_event, login_as, db):
    event, _people = small_event
    adapter.apply_plan(event, scheduler.solve(adapter.to_problem(event), time_limit_s=2, workers=1, seed=0))
    db.session.commit()
    client = login_as("organiser")
    a, b = db.session.scalars(db.select(Meeting).order_by(Meeting.id)).all()[:2]
    where = (a.slot_id, a.table_id)
    html = client.post(f"/organiser/events/{event.id}/planning/meetings/{a.id}",
                       data={"op": "move", "move-slot": b.slot.code, "move-table": adapter.table_key(b.table)}
                       ).get_data(as_text=True)
    assert "The meeting was not moved" in html
    db.session.refresh(a)
    assert (a.slot_id, a.table_id) == where


def test_stop_a_queued_run(small_event, login_as, db):
    event, _people = small_event
    run = runs.queue_run(event, time_limit_s=5, workers=1)
    db.session.commit()
    client = login_as("organiser")
    client.post(f"/organiser/events/{event.id}/planning/runs/{run.id}/stop")
    db.session.refresh(run)
    assert run.status == RunStatus.CANCELLED and run.stop_requested


def test_capacity_variants(small_event, login_as, db):
    event, _people = small_event
    db.session.commit()
    client = login_as("organiser")
    url = f"/organiser/events/{event.id}/planning/capacity"
    client.post(url, data={"target_percent": 100, "max_extra": 2, "time_limit_s": 1})
    queued = db.session.scalars(db.select(ScheduleRun)).all()
    assert {(r.parameters.get("extra_tables", 0), r.parameters.get("extra_slots", 0)) for r in queued} == {
        (0, 0), (1, 0), (2, 0), (0, 1), (0, 2)}
    while (run := runs.claim_next("w")) is not None:
        runs.execute_run(run, beat_every_s=0.1)
    html = client.get(url).get_data(as_text=True)
    assert "+2 tables" in html and "+2 slots" in html and "%" in html
    assert "Target reached with" in html or "reaches the target" in html


def test_progress_names_the_goal_being_solved_in_the_viewers_language(small_event, login_as, db):
    event, _people = small_event
    run = runs.queue_run(event, time_limit_s=30, workers=1)
    run.status, run.progress = RunStatus.RUNNING, {"phase": "breaks", "incumbent": 3, "elapsed_s": 2.0}
    db.session.commit()
    client = login_as("organiser")
    client.post("/language/de")
    flask_babel.refresh()  # test requests share the fixture's app context and with it Babel's cached locale
    url = f"/organiser/events/{event.id}/planning/runs/{run.id}"
    assert client.get(f"{url}/progress.json").get_json()["phase_label"] == "Pausen"
    assert 'id="run-phase">Pausen<' in client.get(url).get_data(as_text=True)


def test_run_list_names_each_job_kind_in_the_viewers_language(small_event, login_as, db):
    event, _people = small_event
    run = runs.queue_run(event, time_limit_s=5, workers=1)
    db.session.commit()
    client = login_as("organiser")
    client.post("/language/cs")
    flask_babel.refresh()  # test requests share the fixture's app context and with it Babel's cached locale
    html = client.get(f"/organiser/events/{event.id}/planning/").get_data(as_text=True)
    assert "výpočet · až 5 s" in html and "1×" not in html and "notify" not in html
    # the run's number opens it, named for screen readers
    assert (f'<a href="/organiser/events/{event.id}/planning/runs/{run.id}" aria-label="Otevřít výpočet {run.id}">'
            f"{run.id}</a>") in html


def test_unscheduled_meeting_of_two_stand_hosts_says_why(small_event, login_as, db):
    """Two exhibitors with stands cannot meet (a host meets only at their own stand): the metrics
    page says so instead of the bare "no table free"."""
    from app.events.models import Table

    event, people = small_event
    for number, host in ((4, people[0]), (5, people[3])):
        db.session.add(Table(event=event, event_id=event.id, number=number, host_participant_id=host.id))
    db.session.commit()  # people[0] and people[3] asked each other for a meeting (small_event's wishes)
    client = login_as("organiser")
    base = f"/organiser/events/{event.id}/planning"
    client.post(f"{base}/runs", data={"time_limit_s": 2, "workers": 1, "seed": 0})
    run = db.session.scalars(db.select(ScheduleRun)).one()
    runs.execute_run(runs.claim_next("w"), beat_every_s=0.1)
    db.session.refresh(run)
    assert {u["meeting"]: u["reason"] for u in run.plan["unscheduled"]}.get(
        adapter.pair_key(people[0].id, people[3].id)) == "no_table"
    assert client.post(f"{base}/runs/{run.id}/apply").status_code == 302
    html = client.get(f"{base}/metrics").get_data(as_text=True)
    assert "both host a stand, and a host meets only at their own stand" in html
