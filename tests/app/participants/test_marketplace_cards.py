"""Marketplace (issue 20): one card per organisation, accent-blind search, request buttons that say why they
are not available, withdrawing a sent request from the card."""
from datetime import datetime

import pytest
from sqlalchemy import select

from app.events.models import EventStatus
from app.meetings.models import MeetingRequest, RequestStatus
from app.meetings.services import request_meeting
from app.participants.cards import organisation_cards


@pytest.fixture
def colleague(make_participant, german, db):
    """A second person of Erzgebirge Metall GmbH."""
    p = make_participant(german.event, organisation=german.organisation, first_name="Jens", last_name="Köhler",
                         email="jens.koehler@erzmetall.example.de", locale="de")
    db.session.commit()
    return p


def page(client, slug, **params):
    return client.get(f"/e/{slug}/marketplace", query_string=params).get_data(as_text=True)


def test_one_card_per_organisation_with_a_request_button_per_person(client, signin, czech, german, colleague, english):
    signin(czech)
    html = page(client, czech.event.slug)
    assert html.count("Erzgebirge Metall GmbH</a></h2>") == 1 and html.count('class="card pcard ocard"') == 1
    card = html[html.index("Erzgebirge Metall GmbH</a></h2>"):]
    card = card[:card.index("</ul>\n</li>")]
    assert "Anke Richter" in card and "Jens Köhler" in card
    for person in (german, colleague):
        assert f"/e/{czech.event.slug}/participants/{person.id}/request" in card
    assert "2 participants found" in html


def test_cards_keep_the_search_order(czech, german, colleague, make_participant):
    other = make_participant(czech.event)
    cards = organisation_cards([german, other, colleague])
    assert [c.organisation.name for c in cards] == [german.organisation.name, other.organisation.name]
    assert cards[0].people == (german, colleague)


@pytest.mark.parametrize("query", ["obrabeni", "OBRÁBĚNÍ", "Obrabění kovu", "strasse", "STRASSE", "straße"])
def test_search_ignores_accents_and_case(client, signin, czech, german, db, query):
    czech.organisation.description_cs = "Obrábění kovů a svařování"
    german.organisation.city = "Hauptstraße 5, Annaberg-Buchholz"
    db.session.commit()
    signin(german)
    html = page(client, czech.event.slug, q=query)
    expected = "Strojírny Jizera" if "obr" in query.lower() else None
    if expected:
        assert expected in html
    else:
        signin(czech)
        assert "Erzgebirge Metall" in page(client, czech.event.slug, q=query)


def test_requests_once_the_plan_is_published_say_why(client, signin, czech, german, db, english):
    czech.event.status = EventStatus.PUBLISHED
    db.session.commit()
    signin(czech)
    reason = "Meeting requests are closed: the meeting plan has been published."
    html = page(client, czech.event.slug)
    assert reason in html and 'aria-describedby="request-blocked" disabled' not in html
    assert f"/participants/{german.id}/request" not in html and "disabled" in html
    profile = client.get(f"/e/{czech.event.slug}/participants/{german.id}").get_data(as_text=True)
    assert reason in profile and 'name="message"' not in profile
    resp = client.post(f"/e/{czech.event.slug}/participants/{german.id}/request", data={"priority": "normal"},
                       follow_redirects=True)
    assert resp.status_code == 200 and reason in resp.get_data(as_text=True)
    assert db.session.scalar(select(MeetingRequest)) is None


@pytest.mark.parametrize("locale,day", [("cs", "11. 3. 2026"), ("de", "11.03.2026"), ("en", "Mar 11, 2026")])
def test_deadline_date_in_the_readers_locale(client, signin, czech, german, db, locale, day):
    czech.event.request_deadline_at = datetime(2026, 3, 11, 16, 0)
    czech.locale = locale
    db.session.commit()
    signin(czech)
    html = client.get(f"/e/{czech.event.slug}/participants/{german.id}").get_data(as_text=True)
    assert day in html and "2026-03-11" not in html


def test_withdraw_from_the_marketplace_card_without_mail_to_the_partner(
        client, signin, czech, german, smtp, db, english):
    req, _ = request_meeting(czech, german)
    db.session.commit()
    before = len(smtp.to(german.email))
    signin(czech)
    html = page(client, czech.event.slug)
    assert "Withdraw request" in html
    back = f"/e/{czech.event.slug}/marketplace?q=metall"
    resp = client.post(f"/e/{czech.event.slug}/requests/{req.id}/withdraw", data={"back": back})
    assert resp.status_code == 302 and resp.headers["Location"].endswith(back)
    db.session.expire_all()
    assert db.session.get(MeetingRequest, req.id).status == RequestStatus.WITHDRAWN
    assert len(smtp.to(german.email)) == before
    assert f"/participants/{german.id}/request" in page(client, czech.event.slug)


@pytest.mark.parametrize("locale,words", [("cs", "Zrušit žádost"), ("de", "Anfrage zurückziehen")])
def test_withdraw_wording_follows_the_glossary(client, signin, czech, german, db, locale, words):
    request_meeting(czech, german)
    czech.locale = locale
    db.session.commit()
    signin(czech)
    assert words in client.get(f"/e/{czech.event.slug}/requests").get_data(as_text=True)
