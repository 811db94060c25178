"""A person account across events: one e-mail, one sign-in for every event, "My events", GDPR."""
import re

from sqlalchemy import func, select

from app.participants.models import ParticipantStatus
from app.participants.services import delete_account
from app.participants.tokens import make_token
from app.people.models import Person


def test_participations_with_the_same_address_share_one_person(series_events, make_participant, db):
    past, next_event, jana = series_events
    again = make_participant(next_event, email="  jana.dvorakova@JIZERA.example.cz ", locale="de")
    db.session.commit()
    assert again.person_id == jana.person_id is not None
    person = db.session.get(Person, jana.person_id)
    assert person.email == "jana.dvorakova@jizera.example.cz" and person.locale == "de"
    assert db.session.scalar(select(func.count()).select_from(Person)) == 1


def test_signing_in_at_one_event_signs_the_person_in_at_all_their_events(client, series_events, make_participant,
                                                                           make_event, db):
    past, next_event, jana = series_events
    here = make_participant(next_event, email=jana.email, organisation=jana.organisation)
    elsewhere = make_event(slug="no-jana-here")
    db.session.commit()
    assert client.post(f"/e/{past.slug}/signin/{make_token(jana)}").status_code == 302
    assert client.get(f"/e/{next_event.slug}/me").status_code == 200  # no second sign-in
    assert client.get(f"/e/{past.slug}/agenda").status_code == 200    # and back
    assert client.get(f"/e/{elsewhere.slug}/me").status_code == 302   # not registered there
    client.post("/account/logout")
    db.session.expire_all()
    assert jana.session_version == 1 and here.session_version == 1   # signed out of every event
    assert client.get(f"/e/{next_event.slug}/me").status_code == 302


def test_another_persons_session_does_not_open_the_event(client, series_events, make_participant, signin, db):
    past, next_event, jana = series_events
    other = make_participant(past, email="someone@else.example.de")
    make_participant(next_event, email=jana.email)
    db.session.commit()
    signin(other)
    assert client.get(f"/e/{next_event.slug}/me").status_code == 302


def test_my_events_lists_upcoming_and_past_with_status_and_links(client, series_events, make_participant,
                                                                  signin, db):
    past, next_event, jana = series_events
    make_participant(next_event, email=jana.email, status=ParticipantStatus.PENDING)
    db.session.commit()
    signin(jana)
    html = client.get("/my-events").get_data(as_text=True)  # in Jana's language
    upcoming, finished = html.split("<h2>", 2)[1:]
    assert "/e/marienberg/" in upcoming and "status-pending" in upcoming and "/e/liberec/" not in upcoming
    assert "/e/liberec/" in finished and "/e/liberec/agenda" in finished and "status-approved" in finished
    assert "Můj program schůzek" in finished and "10. 5. 2025" in finished
    assert "/e/marienberg/marketplace" not in html  # pending: no marketplace yet
    assert 'href="/my-events"' in html               # the header link


def test_my_events_asks_strangers_to_sign_in_and_refuses_organisers(client, make_user, login, db):
    assert "/my-events/signin" in client.get("/my-events").location
    make_user()
    db.session.commit()
    login()
    assert client.get("/my-events").status_code == 403


def test_the_sign_in_for_all_events_mails_a_link_to_my_events(client, series_events, smtp):
    past, next_event, jana = series_events
    html = client.post("/my-events/signin", data={"email": "JANA.dvorakova@jizera.example.cz"}).get_data(as_text=True)
    assert "Check your e-mail" in html or "Zkontrolujte" in html
    [msg] = smtp.to(jana.email)
    path = re.search(r"http://localhost(/e/\S+)", smtp.text(msg)).group(1)
    resp = client.post(path)
    assert resp.status_code == 302 and resp.location.endswith("/my-events")
    assert client.get("/my-events").status_code == 200
    client.post("/account/logout")
    client.post("/my-events/signin", data={"email": "nobody@example.org"})
    assert len(smtp.messages) == 1  # the same answer, no mail


def test_deleting_the_account_removes_the_person_and_unlinks_every_participation(series_events, make_participant,
                                                                                  db):
    past, next_event, jana = series_events
    here = make_participant(next_event, email=jana.email)
    db.session.commit()
    delete_account(here)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Person)) == 0
    assert jana.person_id is None and here.person_id is None and jana.anonymised_at is not None


def test_the_data_export_names_the_person_account(client, series_events, signin):
    past, next_event, jana = series_events
    signin(jana)
    data = client.get(f"/e/{past.slug}/me/data.json").get_json()
    assert data["across_events"]["person"]["email"] == "jana.dvorakova@jizera.example.cz"
    assert [p["event"] for p in data["across_events"]["participations"]] == ["liberec"]
