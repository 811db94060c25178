"""Registration: organisation reuse, availability windows, approval, deadline, errors in the user's language."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.i18n import utcnow
from app.participants.models import Organisation, Participant, ParticipantStatus
from app.participants.services import RegistrationError, register

from .fixtures import outbox


def form_data(event, **overrides):
    day1, day2 = sorted({s.session_id for s in event.slots})
    slots1 = [s for s in event.slots if s.session_id == day1]
    slots2 = [s for s in event.slots if s.session_id == day2]
    data = {"first_name": "Jana", "last_name": "Dvořáková", "email": "jana.dvorakova@liberec.example.cz",
            "phone": "+420 602 111 222", "position": "jednatelka", "languages": ["cs", "de"], "locale": "cs",
            "role": "participant", "org_name": "Sklárna Jizera s.r.o.", "org_registration_id": "2700 1112",
            "org_kind": "company", "org_country": "CZ", "org_region": "Liberecký kraj", "org_city": "Liberec",
            "org_website": "", "org_sectors": "C23, c28", "org_description": "Lisované sklo",
            "day0_from": str(slots1[1].id), "day0_to": str(slots1[-1].id),  # arrives late on day 1
            "day1_from": str(slots2[0].id), "day1_to": str(slots2[1].id),   # leaves early on day 2
            "max_meetings": "6", "consent": "y"}
    data.update(overrides)
    return data


def test_register_creates_person_organisation_and_availability(client, event, db):
    resp = client.post(f"/e/{event.slug}/register", data=form_data(event))
    assert resp.status_code == 200, resp.get_data(as_text=True)
    p = db.session.scalar(select(Participant).where(Participant.email == "jana.dvorakova@liberec.example.cz"))
    assert p.status == ParticipantStatus.APPROVED and p.locale == "cs" and p.languages == ["cs", "de"]
    assert p.organisation.registration_id == "27001112" and p.organisation.nace_sectors == ["C23", "C28"]
    assert p.organisation.description_cs == "Lisované sklo" and p.max_meetings == 6
    assert p.gdpr_consent_at is not None
    slots = sorted(event.slots, key=lambda s: s.start_at)
    assert sorted(s.id for s in p.unavailable_slots) == sorted([slots[0].id, slots[6].id, slots[7].id])


def test_registration_mail_is_in_the_participants_language_with_a_signin_link(client, event, app):
    client.post(f"/e/{event.slug}/register", data=form_data(event))
    [msg] = outbox(app)
    assert msg["To"] == "jana.dvorakova@liberec.example.cz"
    assert "registrace" in msg["Subject"].lower()
    body = msg.get_body(preferencelist=("plain",)).get_content()
    assert f"http://localhost/e/{event.slug}/signin/" in body and "Dobrý den" in body


def test_existing_organisation_is_reused_by_registration_id_or_name(client, event, db, make_organisation):
    org = make_organisation(name="Sklárna Jizera s.r.o.", registration_id="27001112")
    db.session.commit()
    client.post(f"/e/{event.slug}/register", data=form_data(event, org_name="Sklarna (new name)"))
    client.post(f"/e/{event.slug}/register", data=form_data(
        event, email="second@liberec.example.cz", org_registration_id="", org_name="SKLÁRNA JIZERA S.R.O."))
    people = db.session.scalars(select(Participant)).all()
    assert len(people) == 2 and {p.organisation_id for p in people} == {org.id}
    assert db.session.scalar(select(Organisation).where(Organisation.id == org.id)).name == "Sklárna Jizera s.r.o."


def test_event_requiring_approval_keeps_the_participant_pending(client, event, db):
    event.require_approval = True
    db.session.commit()
    html = client.post(f"/e/{event.slug}/register", data=form_data(event)).get_data(as_text=True)
    p = db.session.scalar(select(Participant))
    assert p.status == ParticipantStatus.PENDING
    assert "approved" in html


def test_registration_after_the_deadline_is_closed(client, event, db):
    event.registration_deadline_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert "closed" in client.get(f"/e/{event.slug}/register").get_data(as_text=True)
    client.post(f"/e/{event.slug}/register", data=form_data(event))
    assert db.session.scalar(select(Participant)) is None
    with pytest.raises(RegistrationError):
        register(event, {"email": "x@example.cz"}, {"name": "X"}, {}, True)


def test_errors_are_shown_next_to_the_field_in_czech_and_input_is_kept(client, event, db):
    client.post("/language/cs")
    resp = client.post(f"/e/{event.slug}/register", data=form_data(event, first_name="", languages=[],
                                                                   org_sectors="C25, steel", consent=""))
    html = resp.get_data(as_text=True)
    assert 'id="first_name-err"' in html and "povinn" in html
    assert "Vyberte alespoň jeden jazyk" in html
    assert "Není kód NACE: steel" in html
    assert 'value="jana.dvorakova@liberec.example.cz"' in html and "Lisované sklo" in html
    assert db.session.scalar(select(Participant)) is None


def test_leaving_before_arriving_is_refused(client, event):
    slots = sorted(event.slots, key=lambda s: s.start_at)
    html = client.post(f"/e/{event.slug}/register", data=form_data(
        event, day0_from=str(slots[2].id), day0_to=str(slots[0].id))).get_data(as_text=True)
    assert "cannot leave before you arrive" in html


def test_not_attending_any_day_is_refused(client, event):
    html = client.post(f"/e/{event.slug}/register", data=form_data(event, day0_from="", day1_from="")).get_data(
        as_text=True)
    assert "at least one session" in html


def test_a_second_registration_answers_as_the_first_and_mails_the_owner(client, event, db, smtp):
    """Nobody learns from the form whether an address takes part (issue 17); the owner gets a sign-in link."""
    first = client.post(f"/e/{event.slug}/register", data=form_data(event)).get_data(as_text=True)
    again = client.post(f"/e/{event.slug}/register", data=form_data(
        event, email="Jana.Dvorakova@liberec.example.cz", first_name="Eva", org_name="Other s.r.o."))
    html = again.get_data(as_text=True)
    assert again.status_code == 200 and 'id="email-err"' not in html and "already registered" not in html
    assert _main(html) == _main(first)
    assert len(db.session.scalars(select(Participant)).all()) == 1
    registration, notice = smtp.to("jana.dvorakova@liberec.example.cz")
    assert "již registrováni" in notice["Subject"] and f"/e/{event.slug}/signin/" in smtp.text(notice)


def _main(html):
    return html[html.index("<main"):html.index("</main>")]


def test_the_privacy_text_of_the_event_is_shown(client, event):
    client.post("/language/cs")
    assert "Vaše údaje používáme jen pro tuto akci." in client.get(f"/e/{event.slug}/register").get_data(as_text=True)


def test_registration_is_rate_limited(make_app, event):
    app2 = make_app(RATELIMIT_ENABLED=True, RATELIMIT_PUBLIC_FORM="2 per minute")
    c = app2.test_client()
    codes = [c.post(f"/e/{event.slug}/register", data={}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_event_page_offers_registration_and_signin(client, event):
    html = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert f"/e/{event.slug}/register" in html and f"/e/{event.slug}/signin" in html
