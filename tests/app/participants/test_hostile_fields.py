"""Issue 17, hostile input in participant fields: CR/LF in names, non-http(s) websites, tampered selects.
Failed before: a name with CR/LF was saved and every e-mail naming it failed (EmailMessage refuses the
subject), `javascript:` websites were saved and rendered as links, a tampered availability select was a 500."""
import pytest
from sqlalchemy import func, select

from app.mail import build_message, header_text
from app.meetings.services import request_meeting
from app.participants.models import Organisation, Participant

from .fixtures import outbox
from .test_registration import form_data


def test_a_name_with_a_line_break_is_refused_in_the_reader_language(client, event, db):
    html = client.post(f"/e/{event.slug}/register", data=form_data(event, last_name="Dvořáková\r\nBcc: x@y.cz"),
                       headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "ohne Zeilenumbruch" in html
    assert db.session.scalar(select(func.count(Participant.id))) == 0
    assert db.session.scalar(select(func.count(Organisation.id))) == 0


def test_mail_to_someone_whose_stored_name_has_a_line_break_still_goes_out(app, czech, german, db):
    german.first_name = "Anke\r\nBcc: victim@example.org"  # e.g. stored before names were checked
    db.session.commit()
    request_meeting(german, czech)  # "Anke … would like to meet you" to czech
    db.session.commit()
    sent = [m for m in outbox(app) if m["To"] == czech.email]
    assert len(sent) == 1 and "\n" not in sent[0]["Subject"] and sent[0]["Bcc"] is None
    assert "Anke Bcc: victim@example.org" in sent[0]["Subject"]


def test_headers_are_one_line(app):
    msg = build_message("a@example.org\r\nBcc: b@example.org", "Hi\r\nX-Evil: 1\x00", "text")
    assert msg["Subject"] == "Hi X-Evil: 1" and msg["Bcc"] is None and msg["X-Evil"] is None
    assert header_text(" a \n\t b ") == "a b"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "file:///etc/passwd",
                                 "ftp://example.org", "https://"])
def test_a_website_must_be_http_or_https(client, event, db, url):
    html = client.post(f"/e/{event.slug}/register", data=form_data(event, org_website=url)).get_data(as_text=True)
    assert "starting with http:// or https://" in html
    assert db.session.scalar(select(func.count(Participant.id))) == 0


def test_a_website_without_a_scheme_gets_https(client, event, db):
    client.post(f"/e/{event.slug}/register", data=form_data(event, org_website="www.sklarna.example.cz"))
    assert db.session.scalar(select(Organisation.website)) == "https://www.sklarna.example.cz"


def test_a_stored_javascript_website_is_never_a_link(client, signin, czech, german, db):
    german.organisation.website = "javascript:alert(document.cookie)"
    db.session.commit()
    signin(czech)
    html = client.get(f"/e/{czech.event.slug}/participants/{german.id}").get_data(as_text=True)
    assert 'href="javascript:' not in html and "javascript:alert(document.cookie)" in html


def test_a_tampered_availability_select_is_an_error_not_a_500(client, event, db):
    resp = client.post(f"/e/{event.slug}/register", data=form_data(event, day0_from="99999999999999999999",
                                                                    day0_to="<script>"))
    assert resp.status_code in (200, 400)
    assert db.session.scalar(select(func.count(Participant.id))) == 0
