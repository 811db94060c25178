"""Passwordless sign-in: signed, expiring, single-use links; the same answer for unknown addresses."""
import re

from app.participants.tokens import make_token


def link_in(text):
    return re.search(r"http://localhost(/e/\S+/signin/\S+)", text).group(1)


def test_signin_link_arrives_by_smtp_in_the_recipients_language_and_works_once(client, event, german, smtp):
    resp = client.post(f"/e/{event.slug}/signin", data={"email": "Anke.Richter@erzmetall.example.de"})
    assert resp.status_code == 200
    [msg] = smtp.to(german.email)
    assert "Anmeldelink" in msg["Subject"]
    path = link_in(smtp.text(msg))
    assert "Sign in as Anke Richter" in client.get(path).get_data(as_text=True)  # nothing used yet
    resp = client.post(path)
    assert resp.status_code == 302 and resp.location.endswith(f"/e/{event.slug}/marketplace")
    assert client.get(f"/e/{event.slug}/me").status_code == 200
    client.post("/account/logout")
    again = client.get(path)
    assert again.status_code == 410 and "already been used" in again.get_data(as_text=True)
    assert client.post(path).status_code == 410


def test_a_new_link_replaces_the_older_one(client, event, german, db):
    old = make_token(german)
    client.post(f"/e/{event.slug}/signin/{make_token(german)}")
    assert client.get(f"/e/{event.slug}/signin/{old}").status_code == 410


def test_expired_link_explains_how_to_get_a_new_one(client, app, event, german):
    app.config["SIGNIN_TOKEN_MAX_AGE"] = -1
    resp = client.get(f"/e/{event.slug}/signin/{make_token(german)}")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 410 and "has expired" in html and "Send me a new sign-in link" in html


def test_tampered_link_is_refused(client, event, german):
    resp = client.post(f"/e/{event.slug}/signin/{make_token(german)}x")
    assert resp.status_code == 400 and "not valid" in resp.get_data(as_text=True)


def test_link_of_another_event_is_refused(client, event, german, make_event, db):
    other = make_event(slug="other-event")
    db.session.commit()
    assert client.post(f"/e/{other.slug}/signin/{make_token(german)}").status_code == 400


def test_unknown_address_gets_the_same_answer_and_no_mail(client, event, german, smtp):
    html = client.post(f"/e/{event.slug}/signin", data={"email": "nobody@example.org"}).get_data(as_text=True)
    assert "Check your e-mail" in html and smtp.messages == []


def test_signin_is_rate_limited(make_app, event):
    c = make_app(RATELIMIT_ENABLED=True, RATELIMIT_PUBLIC_FORM="1 per minute").test_client()
    assert [c.post(f"/e/{event.slug}/signin", data={"email": "a@example.org"}).status_code
            for _ in range(2)] == [200, 429]


def test_pages_need_a_participant_of_this_event(client, event, german, signin, make_event, make_participant, db):
    for path in ("me", "marketplace", "requests", "agenda", "opportunities/new"):
        resp = client.get(f"/e/{event.slug}/{path}")
        assert resp.status_code == 302 and "/signin" in resp.location, path
    other_event = make_event(slug="other-event")
    stranger = make_participant(other_event)
    db.session.commit()
    signin(stranger)
    resp = client.get(f"/e/{event.slug}/me")
    assert resp.status_code == 302 and f"/e/{event.slug}/signin" in resp.location
