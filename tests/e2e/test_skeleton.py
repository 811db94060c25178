"""The demo event as a new user meets it: in a browser, in Czech, German and English."""
import pytest

pytestmark = pytest.mark.e2e


def test_demo_event_in_three_languages(live_server, new_page, demo):
    page = new_page(locale="de-DE")
    page.goto(f"{live_server}/e/{demo.slug}/")
    assert page.locator("h1").inner_text() == "Kooperationsbörse Marienberg 2027"
    assert page.get_by_role("heading", name="Teilnehmer/innen").is_visible()
    page.get_by_role("button", name="CS").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Kooperační burza Marienberg 2027"
    assert page.get_by_role("heading", name="Účastníci").is_visible()
    page.get_by_role("button", name="EN").click()
    assert page.get_by_role("heading", name="Participants").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"


def test_organiser_signs_in(live_server, page, demo):
    from app.demo import DEMO_LOGIN

    page.goto(f"{live_server}/account/login")
    page.get_by_label("E-mail").fill(DEMO_LOGIN[0])
    page.get_by_label("Password").fill(DEMO_LOGIN[1])
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server}/account/organiser")
    assert "Marienberg" in page.locator("table.data").inner_text()
