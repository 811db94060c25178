"""A finished run in plain words, and solver runs kept apart from agenda exports."""
import flask_babel

from app.planning import runs
from app.planning.models import ScheduleRun


def _finished_run(event, db):
    run = runs.queue_run(event, time_limit_s=2, workers=1)
    db.session.commit()
    runs.execute_run(runs.claim_next("w"), beat_every_s=0.1)
    db.session.refresh(run)
    return run


def test_a_finished_run_says_what_it_found_in_plain_words(small_event, login_as, db):
    event, _people = small_event
    run = _finished_run(event, db)
    placed, left = len(run.plan["assignments"]), len(run.plan["unscheduled"])
    client = login_as("organiser")
    html = client.get(f"/organiser/events/{event.id}/planning/runs/{run.id}").get_data(as_text=True)
    assert f"The plan places {placed} meetings." in html
    assert (f"{left} wishes are left without a meeting." if left > 1 else
            "1 wish is left without a meeting." if left else "Every wish has a meeting.") in html
    breaks = int(run.objective["breaks"])
    assert f"Participants wait {breaks} time slot" in html
    for jargon in ("Best possible value", "Distance to the best possible plan", "id=\"run-phase\""):
        assert jargon not in html  # the live figures of a running calculation are gone once it has finished


def test_the_summary_is_in_the_viewers_language(small_event, login_as, db):
    event, _people = small_event
    run = _finished_run(event, db)
    placed = len(run.plan["assignments"])
    client = login_as("organiser")
    client.post("/language/cs")
    flask_babel.refresh()  # test requests share the fixture's app context and with it Babel's cached locale
    html = client.get(f"/organiser/events/{event.id}/planning/runs/{run.id}").get_data(as_text=True)
    assert f"Plán obsahuje {placed} schůzek." in html or f"Plán obsahuje {placed} schůzky." in html


def test_agenda_exports_are_not_listed_among_solver_runs(small_event, login_as, db):
    from app.agendas.jobs import queue_export

    event, _people = small_event
    solve = runs.queue_run(event, time_limit_s=2, workers=1)
    export = queue_export(event, "pdf")
    db.session.commit()
    assert [r.id for r in runs.runs_of(event)] == [solve.id]
    client = login_as("organiser")
    base = f"/organiser/events/{event.id}/planning"
    html = client.get(f"{base}/").get_data(as_text=True)
    assert f"/runs/{solve.id}\"" in html and f"/runs/{export.id}\"" not in html
    assert "agenda export" not in html
    assert client.get(f"{base}/runs/{export.id}").status_code == 404
    assert db.session.get(ScheduleRun, export.id) is not None  # the export itself is untouched
