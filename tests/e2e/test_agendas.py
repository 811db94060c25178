"""A German participant with a published plan opens "Mein Terminplan", downloads the agenda PDF and the .ics."""
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.e2e


@pytest.fixture
def published(db, make_event, make_organisation, make_participant):
    """Jürgen Weiß (de) meets Jiří Dvořák at 09:00 on table 3 (zone B) and Zofia Wójcik at 09:30 on table 3."""
    from app.events.models import Table
    from app.meetings.models import Meeting
    from app.participants.tokens import make_token
    from app.planning.models import PublicationKind
    from app.planning.services import publish

    event = make_event(slug="zittau-2027")
    de = make_participant(event, first_name="Jürgen", last_name="Weiß", locale="de", languages=["de", "cs"],
                          email="juergen.weiss@example.de",
                          organisation=make_organisation(name="Präzisionsteile Müller GmbH", country="DE"))
    cz = make_participant(event, first_name="Jiří", last_name="Dvořák", locale="cs",
                          organisation=make_organisation(name="Strojírny Žďár s.r.o.", country="CZ"))
    pl = make_participant(event, first_name="Zofia", last_name="Wójcik", locale="en",
                          organisation=make_organisation(name="Łódź Łożyska Sp. z o.o.", country="PL"))
    table = Table(event_id=event.id, number=3, zone="B")
    db.session.add(table)
    db.session.flush()
    for partner, slot in ((cz, event.slots[0]), (pl, event.slots[1])):
        db.session.add(Meeting(event_id=event.id, participant_a_id=de.id, participant_b_id=partner.id,
                               slot_id=slot.id, table_id=table.id))
    db.session.flush()
    publish(event, kind=PublicationKind.FINAL, notify=False)
    db.session.commit()
    return {"event": event, "token": make_token(de)}


def test_german_participant_downloads_agenda_pdf_and_ics(live_server, new_page, published):
    page = new_page(locale="de-DE")
    page.goto(f"{live_server}/e/zittau-2027/signin/{published['token']}")
    page.get_by_role("button", name="Jetzt anmelden").click()
    page.get_by_role("link", name="Mein Terminplan").click()
    expect(page.get_by_role("heading", name="Mein Terminplan")).to_be_visible()  # waits for the navigation

    with page.expect_download() as info:
        page.get_by_role("link", name="PDF herunterladen").click()
    download = info.value
    assert download.suggested_filename.startswith("agenda-weiss-") and download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    for words in ("Persönlicher Terminplan", "Endgültiger Plan, Version 1", "Jürgen Weiß", "Strojírny Žďár s.r.o.",
                  "Jiří Dvořák", "Łódź Łożyska Sp. z o.o.", "09:00–09:25", "09:30–09:55", "Zone B",
                  "Mittwoch, 10. März 2027"):
        assert words in text, words

    with page.expect_download() as info:
        page.get_by_role("link", name="Zum Kalender hinzufügen (iCal)").click()
    with open(info.value.path(), "rb") as fh:
        calendar = Calendar.from_ical(fh.read())
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    assert len(events) == 2 and len({str(e["UID"]) for e in events}) == 2
    berlin = ZoneInfo("Europe/Berlin")
    assert events[0].decoded("DTSTART") == datetime(2027, 3, 10, 9, 0, tzinfo=berlin)
    assert events[1].decoded("DTEND") == datetime(2027, 3, 10, 9, 55, tzinfo=berlin)
    assert "Strojírny Žďár s.r.o." in str(events[0]["SUMMARY"]) + str(events[0]["DESCRIPTION"])
    assert "3" in str(events[0]["LOCATION"]) and calendar.walk("VTIMEZONE")
