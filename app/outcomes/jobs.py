"""Scheduled outcome e-mails as jobs: the rating request after the event, the follow-up surveys months
later. A recurring job schedules them for every event whose plan is published and that has slots; the
unique keys make that idempotent, so each e-mail job exists once and runs once at its time."""
from datetime import timedelta

from sqlalchemy import select

from ..events.models import Event, EventStatus
from ..extensions import db
from ..jobs import enqueue, recurring, register
from .followup import add_months, event_end
from .mailing import send_follow_ups, send_ratings
from .reminders import schedule_active_events

RATINGS_DELAY = timedelta(hours=2)   # after the last meeting of the event

register("outcomes.send_ratings", max_attempts=3)(send_ratings)
register("outcomes.send_follow_up", max_attempts=3)(send_follow_ups)


def schedule_event(event):
    """Enqueue (once) the rating request and the follow-up surveys of a finished or published event."""
    end = event_end(event)
    if end is None:
        return []
    jobs = [enqueue("outcomes.send_ratings", {"event_id": event.id}, due_at=end + RATINGS_DELAY,
                    unique_key=f"outcomes:ratings:{event.id}")]
    for months in sorted(set(event.follow_up_months or [])):
        jobs.append(enqueue("outcomes.send_follow_up", {"event_id": event.id, "months": int(months)},
                            due_at=add_months(end, int(months)),
                            unique_key=f"outcomes:follow-up:{event.id}:{int(months)}"))
    return jobs


@recurring("outcomes.schedule", every=timedelta(hours=1))
def schedule_published_events(payload):
    events = db.session.scalars(select(Event).where(
        Event.status.in_((EventStatus.PUBLISHED, EventStatus.CLOSED))))
    for event in events:
        schedule_event(event)
    schedule_active_events()
