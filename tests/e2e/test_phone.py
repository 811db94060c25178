"""At the venue people use phones: the main participant pages fit a 390-pixel screen without sideways scrolling."""
import pytest

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _sign_in(app, live_server, page, participant):
    from app.participants.tokens import make_token

    with app.test_request_context():
        token = make_token(participant)
    page.goto(f"{live_server}/e/marienberg-2027/signin/{token}")
    page.locator("main form button[type=submit]").first.click()


def test_pages_fit_a_phone(app, live_server, new_page, demo, db):
    from app.participants.models import Participant, ParticipantStatus

    page = new_page(locale="cs-CZ", **PHONE)
    for path in ("/", "/e/marienberg-2027/", "/e/marienberg-2027/register"):
        page.goto(live_server + path)
        assert _overflow(page) <= 0, path
    person = db.session.query(Participant).filter_by(status=ParticipantStatus.APPROVED).first()
    _sign_in(app, live_server, page, person)
    for path in ("marketplace", "requests", "agenda", "me"):
        page.goto(f"{live_server}/e/marienberg-2027/{path}")
        assert page.locator("h1").is_visible()
        assert _overflow(page) <= 0, path


def test_suggested_partners_leave_the_search_on_the_first_screen_of_a_phone(app, live_server, new_page, demo, db):
    """The suggestions are one row to swipe through on a phone; stacked, they pushed the search form down
    by a screen and a half."""
    from app.participants.models import Participant, ParticipantStatus

    page = new_page(locale="cs-CZ", **PHONE)
    person = db.session.query(Participant).filter_by(status=ParticipantStatus.APPROVED).first()
    _sign_in(app, live_server, page, person)
    page.goto(f"{live_server}/e/marienberg-2027/marketplace")
    cards = page.locator(".suggestions .card")
    assert cards.count() >= 3
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert second["y"] == first["y"] and second["x"] > first["x"]  # side by side, not stacked
    assert page.locator("form[role=search]").bounding_box()["y"] < PHONE["viewport"]["height"]
    assert _overflow(page) <= 0
