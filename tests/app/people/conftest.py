from datetime import date

import pytest

from tests.app.participants.fixtures import signin, smtp  # noqa: F401


@pytest.fixture
def series_events(make_event, make_participant, make_organisation, db):
    """A series of two exchanges: "liberec" (held in 2025, finished) and "marienberg" (open for registration).
    Returns (past, next_event, jana): Jana Dvořáková of a Czech firm took part in the past one."""
    from app.events.models import EventStatus
    from app.outcomes.models import Series

    series = Series(name="Glokalizace 2024–2026")
    db.session.add(series)
    past = make_event(slug="liberec", status=EventStatus.CLOSED, series=series)
    shift = date(2025, 5, 10) - past.sessions[0].day  # held last year: every time moved back
    for sess in past.sessions:
        sess.day, sess.start_at, sess.end_at = sess.day + shift, sess.start_at + shift, sess.end_at + shift
    for slot in past.slots:
        slot.start_at, slot.end_at = slot.start_at + shift, slot.end_at + shift
    next_event = make_event(slug="marienberg", sessions=2, series=series)
    org = make_organisation(name="Strojírny Jizera s.r.o.", city="Liberec", registration_id="27001112",
                            nace_sectors=["C25"])
    from app.directory.members import add_member

    jana = make_participant(past, email="Jana.Dvorakova@jizera.example.cz", organisation=org, first_name="Jana",
                            last_name="Dvořáková", locale="cs", languages=["cs", "de"], position="jednatelka",
                            phone="+420 777 123 456")
    add_member(org, jana.email)
    db.session.commit()
    return past, next_event, jana
