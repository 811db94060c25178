"""The desk in Chromium: desk staff land on the desk in the language they chose before signing in, find people
to meet as they type (accents ignored), and add a walk-in who gave no e-mail address."""
import pytest

pytestmark = pytest.mark.e2e


def test_desk_adds_a_walk_in_without_e_mail_using_the_search_picker(live_server, new_page, demo, db):
    from app.demo import DEMO_DESK_LOGIN
    from app.participants.models import Participant

    page = new_page(locale="en-GB")
    page.goto(f"{live_server}/account/login")
    page.locator("form[action='/language/cs'] button").click()
    page.locator("#email").fill(DEMO_DESK_LOGIN[0])
    page.locator("#password").fill(DEMO_DESK_LOGIN[1])
    page.locator("#password").press("Enter")
    page.wait_for_url(f"**/desk/events/{demo.id}/")
    assert page.locator("html").get_attribute("lang") == "cs"
    assert not page.locator("#desk-who").is_visible()  # with JavaScript the picker filters by itself
    page.locator("#wants-find").fill("kral")
    visible = page.locator("#wants option:not([hidden])").all_inner_texts()
    assert visible and all("Král" in text for text in visible)
    choice = page.locator("#wants option:not([hidden])").first.get_attribute("value")
    page.select_option("#wants", [choice])
    page.locator("#first_name").fill("Ondřej")
    page.locator("#last_name").fill("Bezmailový")
    page.locator("#organisation").fill("Nová firma s.r.o.")
    page.select_option("#languages", ["cs", "de"])
    page.locator("form[action$='/walk-ins'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".flash-success").count() == 1
    db.session.expire_all()
    walk_in = db.session.scalars(db.select(Participant).where(Participant.last_name == "Bezmailový")).one()
    assert walk_in.email is None
