"""Reminders and nudges before the event, each a scheduled job that the organiser can switch off per event:

- `confirm`: "will you come?" N days before the first day (Event.remind_confirm_days), with signed links;
- `agenda`: the agenda the day before the first day;
- `requests`: a nudge, N days before the request deadline, to approved people who sent no request or who have
  requests waiting for their answer;
- `no_meetings`: after the final plan is published, to approved people with no meeting in it: why, and what
  they can still do.

Times are computed in the event's time zone and stored as naive UTC. The recurring job re-computes them every
hour (and the set-up page right after saving), so a changed date or deadline queues a job at the new time; the
unique key holds the due time, and a job whose time is no longer the event's current one does nothing. Each
person gets each kind at most once per event (the EmailRecord of the first e-mail says so), which also keeps a
job that is retried after a failure from sending twice.
"""
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..events.models import Event, EventStatus
from ..extensions import db
from ..i18n import local_dt, to_utc, utcnow
from ..jobs import enqueue, register
from ..planning.models import Publication, PublicationKind

KIND = "outcomes.remind"
CONFIRM_AT, AGENDA_AT = time(9, 0), time(15, 0)     # local wall-clock times of the e-mails
NO_MEETINGS_DELAY = timedelta(hours=1)              # lets the organiser mend the plan right after publishing
TOO_LATE = timedelta(hours=6)                       # a reminder missed by more than this is not sent at all
ACTIVE = (EventStatus.OPEN, EventStatus.PLANNING, EventStatus.PUBLISHED)


def first_day(event) -> date | None:
    """The event's first day in its own time zone."""
    starts = [s.start_at for s in event.slots]
    return local_dt(min(starts), event.timezone).date() if starts else None


def _local(event, day, at):
    return to_utc(datetime.combine(day, at), event.timezone)


def _final_publication(event):
    return db.session.scalar(select(Publication).where(
        Publication.event_id == event.id, Publication.kind == PublicationKind.FINAL)
        .order_by(Publication.version.desc()).limit(1))


def due_times(event) -> dict:
    """kind -> naive-UTC due time of every reminder that is switched on and has what it needs."""
    due, day = {}, first_day(event)
    if day is not None and event.remind_confirm:
        due["confirm"] = _local(event, day - timedelta(days=max(1, event.remind_confirm_days or 1)), CONFIRM_AT)
    if day is not None and event.remind_agenda:
        due["agenda"] = _local(event, day - timedelta(days=1), AGENDA_AT)
    if event.request_deadline_at and event.remind_requests:
        local = local_dt(event.request_deadline_at, event.timezone).replace(tzinfo=None)
        due["requests"] = to_utc(local - timedelta(days=max(1, event.remind_requests_days or 1)), event.timezone)
    if event.remind_no_meetings and (final := _final_publication(event)) is not None:
        due["no_meetings"] = final.created_at + NO_MEETINGS_DELAY
    return due


def _key(event, kind, due):
    return f"outcomes:remind:{event.id}:{kind}:{due.isoformat(timespec='minutes')}"


def schedule_reminders(event, now=None):
    """Queue (once) every reminder of the event that is still ahead; returns the jobs."""
    now = now or utcnow()
    jobs = []
    for kind, due in sorted(due_times(event).items()):
        if due + TOO_LATE < now:
            continue
        jobs.append(enqueue(KIND, {"event_id": event.id, "kind": kind, "due": due.isoformat(timespec="minutes")},
                            due_at=due, unique_key=_key(event, kind, due)))
    return jobs


def schedule_active_events(now=None):
    for event in db.session.scalars(select(Event).where(Event.status.in_(ACTIVE))):
        schedule_reminders(event, now)


def send_reminder(payload):
    """Job handler: send one kind of reminder of one event, if it is still on and still due at this time."""
    from .reminder_mail import SENDERS

    event = db.session.get(Event, payload.get("event_id") or 0)
    if event is None or event.status not in ACTIVE:
        return
    due = due_times(event).get(payload.get("kind"))
    if due is None or due.isoformat(timespec="minutes") != payload.get("due"):
        return  # switched off, or its date moved: the job at the new time sends it
    SENDERS[payload["kind"]](event)


register(KIND, max_attempts=3)(send_reminder)
