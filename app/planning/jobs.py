"""Background jobs of planning: sending the agendas of a publication (PDFs take a while per person)."""
from ..extensions import db
from ..jobs import enqueue, register
from .models import Publication

NOTIFY = "planning.notify_agendas"
CHUNK = 10


def queue_notification(publication, people):
    """E-mail `people` their agendas of `publication` in the worker (one job per publication)."""
    return enqueue(NOTIFY, {"publication_id": publication.id, "participants": [p.id for p in people]},
                   unique_key=f"notify:{publication.id}")


@register(NOTIFY, max_attempts=5)
def notify_agendas(payload):
    """Commits after each chunk: a delivery sent is marked sent at once, so a retry after a failure sends
    only the rest (the job's own at-most-once commit would otherwise undo those marks)."""
    from .services import notify_participants

    pub = db.session.get(Publication, payload.get("publication_id") or 0)
    if pub is None:  # the event was deleted meanwhile: nothing to send
        return
    wanted = set(payload.get("participants") or [])
    todo = [d.participant for d in pub.deliveries if d.participant_id in wanted and d.sent_at is None]
    for k in range(0, len(todo), CHUNK):
        notify_participants(pub, todo[k:k + CHUNK])
        db.session.commit()
