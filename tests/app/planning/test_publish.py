"""Publishing: versions, one delivery per participant, only changed agendas notified."""
import pytest

import scheduler
from app.planning import adapter, editing
from app.planning.models import AgendaDelivery, EmailRecord, Publication, PublicationKind
from app.planning.services import PlanError, publish


def test_nothing_to_publish(small_event, db):
    event, _people = small_event
    with pytest.raises(PlanError):
        publish(event)


def test_publish_then_republish_notifies_only_changes(small_event, db, monkeypatch):
    import app.planning.services as services

    monkeypatch.setattr(services, "notify_participants", _plain_notify(services))
    event, people = small_event
    people[3].locale = "de"
    adapter.apply_plan(event, scheduler.solve(adapter.to_problem(event), time_limit_s=2, workers=1, seed=0))
    pub, sent = publish(event)
    db.session.commit()
    with_meetings = {d.participant_id for d in pub.deliveries if d.changed}
    assert pub.version == 1 and pub.kind == PublicationKind.PRELIMINARY and sent == len(with_meetings) > 0
    assert len(pub.deliveries) == len(people) and pub.snapshot
    mails = db.session.scalars(db.select(EmailRecord)).all()
    assert {m.locale for m in mails if m.participant_id == people[3].id} <= {"de"}
    german = next((m for m in mails if m.participant_id == people[3].id), None)
    if german is not None:
        assert "Terminplan" in german.subject or "Gesprächs" in german.subject or "Termin" in german.subject
    pub2, sent2 = publish(event, PublicationKind.FINAL)
    db.session.commit()
    assert pub2.version == 2 and sent2 == 0
    m = next(x for x in adapter.event_meetings(event))
    editing.cancel_meeting(event, m)
    pub3, sent3 = publish(event)
    db.session.commit()
    changed = {d.participant_id for d in pub3.deliveries if d.changed}
    assert changed == {m.participant_a_id, m.participant_b_id} and sent3 == 2
    assert db.session.scalar(db.select(db.func.count(Publication.id))) == 3
    assert db.session.scalar(db.select(db.func.count(AgendaDelivery.id))) == 3 * len(people)


def _plain_notify(services):
    """Use the plain notice path even when the agendas feature is installed (its PDFs are slow)."""
    def notify(publication, people):
        from app.planning.notify import send_plain_notices

        count = send_plain_notices(publication, people) if people else 0
        for d in publication.deliveries:
            if d.participant_id in {p.id for p in people}:
                d.sent_at = services.utcnow()
        return count
    return notify


def test_deferred_publication_is_sent_by_the_worker(small_event, db, monkeypatch):
    import app.planning.services as services
    from app.jobs import run_due

    monkeypatch.setattr(services, "notify_participants", _plain_notify(services))
    event, _people = small_event
    adapter.apply_plan(event, scheduler.solve(adapter.to_problem(event), time_limit_s=2, workers=1, seed=0))
    pub, queued = publish(event, defer=True)
    db.session.commit()
    assert queued > 0 and not db.session.scalars(db.select(EmailRecord)).all()
    assert run_due() == 1
    assert run_due() == 0  # sent once
    assert all(d.sent_at is not None for d in pub.deliveries if d.changed)
    assert len(db.session.scalars(db.select(EmailRecord)).all()) == queued
