"""flask planning solve|apply|publish|replan|worker for the desk."""
import re

from app.i18n import local_dt
from app.meetings.models import Meeting
from app.planning import runs
from app.planning.models import Publication, RunStatus, ScheduleRun


def test_solve_apply_publish_replan(small_event, runner, db, monkeypatch):
    import app.planning.services as services

    monkeypatch.setattr(services, "notify_participants", lambda publication, people: len(people))
    event, people = small_event
    db.session.commit()
    result = runner.invoke(args=["planning", "solve", "--event", str(event.id), "--time-limit", "2", "--workers", "1"])
    assert result.exit_code == 0, result.output
    run = db.session.scalars(db.select(ScheduleRun)).one()
    assert f"Run {run.id}: done" in result.output
    result = runner.invoke(args=["planning", "apply", str(run.id)])
    assert result.exit_code == 0 and "Applied run" in result.output, result.output
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) > 0
    result = runner.invoke(args=["planning", "publish", "--event", str(event.id), "--final"])
    assert result.exit_code == 0 and "(final)" in result.output, result.output
    assert db.session.scalars(db.select(Publication)).one().kind.value == "final"
    people[0].absent = True
    db.session.commit()
    slot = event.slots[2]
    local = local_dt(slot.start_at, event.timezone)
    result = runner.invoke(args=["planning", "replan", "--event", str(event.id), "--from-slot",
                                 local.strftime("%Y-%m-%d %H:%M"), "--time-limit", "2", "--notify"])
    assert result.exit_code == 0 and "affected participant ids" in result.output, result.output
    # the organiser reads and types the event's local time, never UTC or an ISO code
    assert local.strftime("%H:%M") in result.output and slot.code not in result.output
    assert db.session.scalars(db.select(ScheduleRun).order_by(ScheduleRun.id.desc())).first() \
        .parameters["from_slot"] == slot.code


def test_cli_errors_are_one_line(small_event, runner, db):
    event, _people = small_event
    db.session.commit()
    result = runner.invoke(args=["planning", "apply", "999"])
    assert result.exit_code == 2 and "no run with id 999" in result.output
    result = runner.invoke(args=["planning", "replan", "--event", str(event.id), "--from-slot", "nope"])
    assert result.exit_code == 2 and "'nope' is not a date and time" in result.output
    first = local_dt(event.slots[0].start_at, event.timezone)
    result = runner.invoke(args=["planning", "replan", "--event", str(event.id), "--from-slot",
                                 first.strftime("%Y-%m-%d 03:17")])
    assert result.exit_code == 2 and first.strftime("%Y-%m-%d %H:%M") in result.output  # lists the slot starts


def test_worker_once_solves_the_queue(small_event, runner, db):
    event, _people = small_event
    run = runs.queue_run(event, time_limit_s=1, workers=1)
    db.session.commit()
    result = runner.invoke(args=["planning", "worker", "--once"])
    # the count includes each feature's recurring jobs (first tick), so only its shape is checked here
    assert result.exit_code == 0 and re.search(r"worker: \d+ jobs and runs done", result.output)
    db.session.expire_all()
    assert db.session.get(ScheduleRun, run.id).status == RunStatus.DONE
