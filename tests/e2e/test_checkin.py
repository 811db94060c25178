"""On a 390-pixel phone: the desk checks a participant in by typing the badge's code, and a participant taps
"we met" on their live agenda."""
from datetime import timedelta

import pytest

from tests.app.desk.checkin_fixtures import day_event  # noqa: F401  (the fixture, used by held_event)

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture
def held_event(request, db):
    """The day event, published, its time slots an hour ago and earlier (so "we met" can be tapped)."""
    from app.planning.services import publish

    event, people, meetings = request.getfixturevalue("day_event")
    shift = list(event.slots)[-1].end_at - _utcnow() + timedelta(hours=1)
    for slot in event.slots:
        slot.start_at, slot.end_at = slot.start_at - shift, slot.end_at - shift
    publish(event, notify=False)
    db.session.commit()
    return event, people, meetings


def _utcnow():
    from app.i18n import utcnow

    return utcnow()


def test_the_desk_checks_in_by_typed_code_on_a_phone(live_server, new_page, held_event, make_user, db):
    from app.desk.checkin import checkin_code
    from app.participants.models import Participant

    event, people, _ = held_event
    make_user(email="desk@example.org", role="desk", events=[event])
    db.session.commit()
    page = new_page(locale="de-DE", **PHONE)
    page.goto(f"{live_server}/account/login")
    page.locator("#email").fill("desk@example.org")
    page.locator("#password").fill("organiser-pass-1")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    page.goto(f"{live_server}/desk/events/{event.id}/checkin")
    assert _overflow(page) <= 0
    code = checkin_code(people["muller"])
    page.locator("#code").fill(code.lower().replace("-", " "))      # as somebody types it from the badge
    with page.expect_navigation():
        page.locator("#code").press("Enter")
    assert "Jörg Müller (Müller Gießerei GmbH) ist angemeldet (Check-in)." in page.locator(".flash").inner_text()
    assert _overflow(page) <= 0
    db.session.expire_all()
    assert db.session.get(Participant, people["muller"].id).checked_in_at is not None
    page.locator("#code").fill("ZZZZ-ZZZZ")
    with page.expect_navigation():
        page.locator("#code").press("Enter")
    assert "gehört zu keinem Teilnehmer" in page.locator(".flash").inner_text()
    # the name list filters while typing, accents ignored
    page.goto(f"{live_server}/desk/events/{event.id}/checkin?show=all")
    page.locator("#checkin-q").fill("antonin dvorak")
    visible = page.locator("#checkin-list li:visible")
    assert visible.count() == 1 and "Antonín Dvořák" in visible.first.inner_text()


def test_a_participant_taps_we_met_on_a_phone(app, live_server, new_page, held_event, db):
    from app.meetings.models import AttendanceMark, Meeting, MeetingStatus
    from app.participants.tokens import make_token

    event, people, meetings = held_event
    with app.test_request_context():
        token = make_token(people["nowak"])
    page = new_page(locale="en-GB", **PHONE)
    page.goto(f"{live_server}/e/{event.slug}/signin/{token}")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(f"{live_server}/e/{event.slug}/agenda")
    row = page.locator(f"#m{meetings[1].id}")
    # without the header row, each value of the card says what it is
    label = row.locator("td[data-label]").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Table"' and row.locator("th").count() == 0
    with page.expect_navigation():
        row.get_by_role("button", name="We met").tap()
    assert "You noted: we met." in page.locator(f"#m{meetings[1].id}").inner_text()
    assert _overflow(page) <= 0
    db.session.expire_all()
    meeting = db.session.get(Meeting, meetings[1].id)
    assert (meeting.mark_a, meeting.status) == (AttendanceMark.HELD, MeetingStatus.HELD)
