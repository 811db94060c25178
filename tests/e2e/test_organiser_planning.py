"""An organiser runs the solver on the demo event, watches the progress bar, applies and publishes."""
import threading

import pytest

from app import create_app
from app.extensions import db as _db

pytestmark = pytest.mark.e2e


@pytest.fixture
def worker(test_config):
    """`flask planning worker` in a background thread of the test process."""
    from app.jobs.worker import work

    application, stop = create_app(dict(test_config)), threading.Event()

    def loop():
        with application.app_context():
            work(poll_s=0.2, name="e2e-worker", stop_event=stop)
            _db.session.remove()
    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield thread
    stop.set()
    thread.join(30)
    with application.app_context():
        _db.engine.dispose()


@pytest.fixture
def quick_notices(monkeypatch):
    """Plain notices instead of 80 agenda PDFs: the browser test is about planning, not documents."""
    import app.planning.services as services
    from app.planning.notify import send_plain_notices

    monkeypatch.setattr(services, "notify_participants", lambda publication, people: send_plain_notices(
        publication, people) if people else 0)


def test_organiser_solves_applies_and_publishes(live_server, new_page, demo, worker, quick_notices, db):
    from app.demo import DEMO_LOGIN
    from app.meetings.models import Meeting
    from app.planning.models import Publication

    page = new_page(locale="en-GB")
    page.goto(f"{live_server}/account/login")
    page.locator("#email").fill(DEMO_LOGIN[0])
    page.locator("#password").fill(DEMO_LOGIN[1])
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    page.goto(f"{live_server}/organiser/events/{demo.id}/planning/")
    page.locator("#time_limit_s").fill("3")
    page.locator("#workers").fill("1")
    page.locator("form[action$='/runs'] button[type=submit]").click()
    page.wait_for_url("**/runs/*")
    page.locator("#run-done").wait_for(state="visible", timeout=60000)
    assert page.locator("#run-bar").get_attribute("aria-valuenow") == "100"
    page.locator("#apply-run").wait_for(state="visible", timeout=10000)  # the page shows the result by itself
    assert "status-done" in page.locator("#run-status").get_attribute("class")
    assert page.locator("#run-status").inner_text() in ("finished", "beendet", "dokončeno")  # the organiser's language
    assert not page.locator("#run-stop").is_visible() and not page.locator("#run-queued").is_visible()
    page.locator("#apply-run").click()
    page.wait_for_url("**/planning/plan")
    assert page.locator("table.plan-grid a.meeting").count() > 50
    page.goto(f"{live_server}/organiser/events/{demo.id}/planning/")
    page.locator("#kind").select_option("preliminary")
    page.locator("form[action$='/publish'] button[type=submit]").click()
    page.locator("#publish-count").wait_for()  # publishing asks first and says how many people get an e-mail
    assert db.session.scalar(db.select(db.func.count(Publication.id))) == 0
    page.locator("#publish-confirmed").click()
    page.wait_for_load_state()
    assert page.locator(".flash-success").count() == 1
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Publication.id))) == 1
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) > 50
