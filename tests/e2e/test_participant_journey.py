"""A Czech firm registers, signs in from the e-mailed link, publishes an offer, finds a German partner by
sector and asks for a meeting; the partner signs in with their own link and accepts, in German."""
import email
import email.policy
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

pytestmark = pytest.mark.e2e


@pytest.fixture
def event(db, make_event, make_organisation, make_participant):
    ev = make_event(slug="liberec-2027", sessions=1, privacy_cs="Údaje použijeme jen pro burzu.")
    metal = make_organisation(name="Erzgebirge Metall GmbH", country="DE", region="Erzgebirgskreis",
                              nace_sectors=["C25"], registration_id="DE318000001")
    plast = make_organisation(name="Lausitz Kunststoff GmbH", country="DE", nace_sectors=["C22"])
    make_participant(ev, email="anke.richter@erzmetall.example.de", organisation=metal, first_name="Anke",
                     last_name="Richter", languages=["de", "en"], locale="de")
    make_participant(ev, email="uwe@lausitz.example.de", organisation=plast, first_name="Uwe", last_name="Berger",
                     languages=["de"], locale="de")
    db.session.commit()
    return ev


def signin_link(app, address, seen=0, timeout=10):
    """The sign-in link of the newest e-mail to `address` written to the live server's outbox."""
    folder = Path(app.instance_path) / "outbox"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        mails = [email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
                 for f in sorted(folder.glob("*.eml"))] if folder.exists() else []
        mine = [m for m in mails if m["To"] == address]
        if len(mine) > seen:
            body = mine[-1].get_body(preferencelist=("plain",)).get_content()
            return mine[-1], re.search(r"(http://127\.0\.0\.1:\d+/e/\S+/signin/\S+)", body).group(1)
        time.sleep(0.1)
    raise AssertionError(f"no e-mail to {address}")


def test_czech_firm_meets_german_partner(live_server, new_page, event, app, db):
    from app.meetings.models import MeetingRequest, RequestStatus

    cz = new_page(locale="cs-CZ")
    cz.goto(f"{live_server}/e/{event.slug}/")
    cz.get_by_role("link", name="Registrovat se").click()
    cz.get_by_label("Jméno").fill("Petr")
    cz.get_by_label("Příjmení").fill("Svoboda")
    cz.locator("#email").fill("petr.svoboda@jizera.example.cz")
    cz.locator("#languages input[value=cs]").check()
    cz.locator("#languages input[value=de]").check()
    cz.get_by_label("Organizace", exact=True).fill("Strojírny Jizera s.r.o.")
    cz.locator("#org_sectors").fill("C28")
    cz.locator("#consent").check()
    cz.get_by_role("button", name="Registrovat se").click()
    assert "Děkujeme za registraci" in cz.locator("h1").inner_text()

    mail, link = signin_link(app, "petr.svoboda@jizera.example.cz")
    assert "Vaše registrace" in mail["Subject"]
    cz.goto(link)
    cz.get_by_role("button", name="Přihlásit se").click()
    expect(cz.get_by_role("heading", name="Katalog účastníků")).to_be_visible()  # waits for the navigation

    cz.get_by_role("link", name="Profil").click()
    cz.get_by_role("link", name="Přidat nabídku nebo poptávku").click()
    cz.get_by_label("Název česky").fill("Přesné obrábění na CNC")
    cz.locator("#sectors").fill("C28, C25")
    cz.get_by_role("button", name="Zveřejnit").click()
    expect(cz.get_by_role("heading", name="Přesné obrábění na CNC")).to_be_visible()  # waits for the navigation
    saved = cz.locator("#opportunities ~ .flash-success")  # the confirmation stands in the list the page opens at
    expect(saved).to_contain_text("„Přesné obrábění na CNC“ byla uložena")
    expect(saved).to_be_in_viewport()

    cz.get_by_role("link", name="Katalog účastníků").click()
    cz.locator("#country").select_option("DE")
    cz.locator("#sector").select_option("C25")
    cz.get_by_role("button", name="Hledat").click()
    cards = cz.locator(".pcard")
    assert cards.count() == 1 and "Erzgebirge Metall GmbH" in cards.inner_text()
    cards.get_by_role("link", name="Erzgebirge Metall GmbH").click()
    cz.locator("#priority").select_option("must")
    cz.locator("#message").fill("Dobrý den, rádi bychom Vám nabídli obrábění.")
    cz.get_by_role("button", name="Požádat o schůzku").click()
    expect(cz.locator(".flash-success")).to_be_visible()  # waits for the navigation

    de = new_page(locale="de-DE")
    de.goto(f"{live_server}/e/{event.slug}/signin")
    de.locator("#email").fill("anke.richter@erzmetall.example.de")
    de.get_by_role("button", name="Anmeldelink senden").click()
    mails_before = 1  # the "new request" notice came first
    mail, link = signin_link(app, "anke.richter@erzmetall.example.de", seen=mails_before)
    assert "Anmeldelink" in mail["Subject"]
    de.goto(link)
    de.get_by_role("button", name="Jetzt anmelden").click()
    de.get_by_role("link", name="Meine Anfragen").click()
    request_card = de.locator(".req", has_text="Petr Svoboda")
    assert "rádi bychom" in request_card.inner_text()
    request_card.get_by_role("button", name="Annehmen").click()
    assert de.locator(".flash-success").inner_text() == "Sie haben die Terminanfrage angenommen."

    db.session.expire_all()
    req = db.session.scalar(select(MeetingRequest))
    assert req.status == RequestStatus.ACCEPTED and req.priority.value == "must"
    cz.get_by_role("link", name="Moje žádosti").click()
    assert "Anke Richter" in cz.locator(".req").inner_text()
