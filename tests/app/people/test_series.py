"""Event series: the copy keeps the series, organisers invite earlier participants, one-click registration."""
import re
from datetime import date

from sqlalchemy import select

from app.jobs import run_due
from app.participants.models import Participant
from app.people.models import Person
from app.people.tokens import make_token
from app.setup.copying import copy_event


def _return_path(text):
    return re.search(r"http://localhost(/e/\S+/return/\S+)", text).group(1)


def _opt_out_path(text):
    return re.search(r"http://localhost(/my-events/opt-out/\S+)", text).group(1)


def test_copying_an_event_keeps_its_series(series_events, db):
    past, next_event, jana = series_events
    copy = copy_event(next_event, "karlovy-vary", date(2027, 9, 1))
    assert copy.series_id == next_event.series_id is not None


def test_organiser_invites_earlier_participants_in_their_language_once(client, series_events, make_participant,
                                                                       make_user, login, smtp, db):
    past, next_event, jana = series_events
    hans = make_participant(past, email="hans@erz.example.de", locale="de")
    opted = make_participant(past, email="opted@out.example.cz")
    opted.opted_out_at = past.created_at  # asked for no more e-mails after the last event
    make_participant(past, email="already@here.example.cz")
    make_participant(next_event, email="already@here.example.cz")
    make_user()
    db.session.commit()
    login()
    page = client.get(f"/organiser/events/{next_event.id}/series-invitations").get_data(as_text=True)
    assert "2 people can be invited" in page
    assert client.post(f"/organiser/events/{next_event.id}/series-invitations").status_code == 302
    assert smtp.messages == []  # nothing leaves inside the request: the worker sends
    run_due()
    assert sorted(m["To"] for m in smtp.messages) == sorted([jana.email.lower(), hans.email])
    [cs] = smtp.to(jana.email.lower())
    [de] = smtp.to(hans.email)
    assert "pozván" in cs["Subject"] and "eingeladen" in de["Subject"]
    assert "/e/marienberg/return/" in smtp.text(cs) and "/my-events/opt-out/" in smtp.text(de)
    client.post(f"/organiser/events/{next_event.id}/series-invitations")  # a second click: nobody new
    run_due()
    assert len(smtp.messages) == 2


def test_the_opt_out_link_stops_further_invitations(client, series_events, make_user, login, smtp, db):
    past, next_event, jana = series_events
    person = db.session.get(Person, jana.person_id)
    path = f"/my-events/opt-out/{make_token(person, 'opt-out')}"
    assert client.get(path).status_code == 200 and person.invitations_opted_out_at is None  # GET changes nothing
    client.post(path)
    db.session.expire_all()
    assert person.invitations_opted_out_at is not None
    make_user()
    db.session.commit()
    login()
    client.post(f"/organiser/events/{next_event.id}/series-invitations")
    run_due()
    assert smtp.messages == []


def test_a_returning_person_registers_in_one_click_with_the_last_details(client, series_events, db):
    past, next_event, jana = series_events
    person = db.session.get(Person, jana.person_id)
    path = f"/e/{next_event.slug}/return/{make_token(person, 'return', next_event)}"
    page = client.get(path).get_data(as_text=True)
    assert "Strojírny Jizera s.r.o." in page and "Dvořáková" in page and "jednatelka" in page
    resp = client.post(path)
    assert resp.status_code == 302 and resp.location.endswith(f"/e/{next_event.slug}/me")
    new = db.session.scalar(select(Participant).where(Participant.event_id == next_event.id))
    assert (new.first_name, new.last_name, new.position, new.phone, new.locale, new.languages) == (
        "Jana", "Dvořáková", "jednatelka", "+420 777 123 456", "cs", ["cs", "de"])
    assert new.organisation_id == jana.organisation_id and new.organisation_confirmed
    assert new.person_id == jana.person_id and new.gdpr_consent_at is not None
    assert new.unavailable_slots == []  # all sessions
    assert client.get(f"/e/{next_event.slug}/me").status_code == 200  # signed in
    again = client.post(path)  # the link registers once; afterwards it only leads to the sign-in
    assert again.status_code == 302 and again.location.endswith(f"/e/{next_event.slug}/signin")
    assert len(db.session.scalars(select(Participant).where(Participant.event_id == next_event.id)).all()) == 1


def test_a_signed_in_returning_person_sees_the_one_click_offer_on_the_registration_form(client, series_events,
                                                                                       signin, db):
    past, next_event, jana = series_events
    signin(jana)
    mine = client.get("/my-events").get_data(as_text=True)
    assert mine.count(f'href="/e/{next_event.slug}/return"') == 1  # the open event of her series, one click away
    form = client.get(f"/e/{next_event.slug}/register").get_data(as_text=True)
    assert f"/e/{next_event.slug}/return" in form
    assert client.post(f"/e/{next_event.slug}/return").status_code == 302
    assert db.session.scalar(select(Participant).where(Participant.event_id == next_event.id)) is not None
    assert f'href="/e/{next_event.slug}/return"' not in client.get("/my-events").get_data(as_text=True)


def test_invitation_links_of_another_event_or_expired_are_refused(client, app, series_events, make_event, db):
    past, next_event, jana = series_events
    person = db.session.get(Person, jana.person_id)
    other = make_event(slug="elsewhere")
    db.session.commit()
    assert client.post(f"/e/{other.slug}/return/{make_token(person, 'return', next_event)}").status_code == 400
    app.config["SERIES_INVITATION_MAX_AGE"] = -1
    assert client.post(f"/e/{next_event.slug}/return/{make_token(person, 'return', next_event)}").status_code == 410
    assert db.session.scalar(select(Participant).where(Participant.event_id == next_event.id)) is None


def test_an_organiser_of_one_event_copies_it_and_invites_its_series_to_the_copy(client, series_events, make_user,
                                                                                 login, db):
    """Only granted to the source event: the copy is theirs too (as a new event is), and it is in the series."""
    past, next_event, jana = series_events
    make_user(events=[next_event])
    db.session.commit()
    login()
    resp = client.post(f"/organiser/events/{next_event.id}/setup/copy", data={
        "slug": "karlovy-vary", "first_day": "2027-10-14", "name_cs": "Burza KV", "name_de": "Börse KV",
        "name_en": ""})
    assert resp.status_code == 302
    copy = db.session.scalar(select(type(next_event)).where(type(next_event).slug == "karlovy-vary"))
    assert copy.series_id == next_event.series_id
    page = client.get(f"/organiser/events/{copy.id}/series-invitations")
    assert page.status_code == 200 and "Glokalizace 2024–2026" in page.get_data(as_text=True)
