"""Outcome e-mails as scheduled jobs: each runs once at its time, never again after a worker restart,
never to people who opted out or deleted their data; the follow-up answers count for RCR84."""
import re
from datetime import timedelta

from sqlalchemy import select

from app.events.models import EventStatus
from app.jobs import run_due
from app.jobs.models import Job, JobStatus
from app.meetings.models import AttendanceMark
from app.outcomes import attendance
from app.outcomes.followup import add_months, event_end
from app.outcomes.jobs import schedule_event, schedule_published_events
from app.outcomes.kpis import compute


def _held(people, meetings):
    attendance.mark_by_desk(meetings[0], AttendanceMark.HELD)   # cz1 - de
    attendance.mark_by_desk(meetings[2], AttendanceMark.HELD)   # cz1 - cz2
    attendance.mark_by_desk(meetings[3], AttendanceMark.NO_SHOW)


def test_scheduling_is_idempotent_and_follows_the_events_months(db, small_event):
    event, people, meetings = small_event
    event.status = EventStatus.PUBLISHED
    event.follow_up_months = [3, 6]
    schedule_published_events({})
    schedule_published_events({})
    jobs = db.session.scalars(select(Job).where(Job.kind.like("outcomes.send%")).order_by(Job.due_at)).all()
    end = event_end(event)
    assert [(j.kind, j.due_at) for j in jobs] == [
        ("outcomes.send_ratings", end + timedelta(hours=2)),
        ("outcomes.send_follow_up", add_months(end, 3)), ("outcomes.send_follow_up", add_months(end, 6))]


def test_jobs_run_once_at_their_time_and_not_again_after_a_restart(db, small_event, smtp):
    event, people, meetings = small_event
    _held(people, meetings)
    people["pl"].anonymised_at = people["pl"].created_at          # deleted their data
    people["cz2"].opted_out_at = people["cz2"].created_at         # opted out
    schedule_event(event)
    db.session.commit()
    end = event_end(event)
    assert run_due(now=end + timedelta(hours=1), name="w1") == 0 and smtp.messages == []
    assert run_due(now=end + timedelta(hours=3), name="w1") == 1
    assert sorted(m["To"] for m in smtp.messages) == sorted([people["cz1"].email, people["de"].email])
    assert run_due(now=end + timedelta(hours=4), name="w2-after-restart") == 0
    assert len(smtp.messages) == 2
    assert run_due(now=add_months(end, 3) + timedelta(minutes=1), name="w2") == 1
    follow_ups = [m for m in smtp.messages if "spolupráci" in m["Subject"] or "Zusammenarbeit" in m["Subject"]]
    assert sorted(m["To"] for m in follow_ups) == sorted([people["cz1"].email, people["de"].email])
    assert all("/opt-out/" in smtp.text(m) for m in smtp.messages)
    assert run_due(now=add_months(end, 3) + timedelta(days=1), name="w3") == 0
    assert db.session.scalar(select(Job).where(Job.unique_key == f"outcomes:follow-up:{event.id}:6")).status \
        == JobStatus.QUEUED


def test_follow_up_answers_count_for_rcr84_and_stay_within_the_partners_met(db, small_event, smtp, client):
    event, people, meetings = small_event
    _held(people, meetings)
    schedule_event(event)
    db.session.commit()
    run_due(now=add_months(event_end(event), 3) + timedelta(minutes=1), name="w")
    msg = next(m for m in smtp.to(people["cz1"].email) if "/follow-up/" in smtp.text(m))
    url = re.search(r"http://localhost(/e/small-2027/follow-up/\S+)", smtp.text(msg)).group(1)
    page = client.get(url).get_data(as_text=True)
    assert "Erzguss GmbH" in page and "Kovo Most" in page and "Odlew" not in page   # pl was never met
    de, cz2 = people["de"].id, people["cz2"].id
    form = {"partners-0-partner_id": str(de), "partners-0-cooperating": "y", "partners-0-kind": "supply",
            "partners-1-partner_id": str(cz2), "partners-1-kind": ""}
    assert client.post(url, data=form).status_code == 302
    assert compute([event]).counts["RCR84"] == 1            # cz1 (with de, cross-border); cz2 is domestic
    bad = {"partners-0-partner_id": str(people["pl"].id), "partners-0-cooperating": "y"}
    res = client.post(url, data=bad, headers={"Accept-Language": "en"})
    assert "You can only answer about partners you met at the event." in res.get_data(as_text=True)
