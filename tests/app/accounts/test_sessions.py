"""Sessions end on the server: logout and password change revoke every copy of the cookie; idle and absolute
timeouts (issue 17). On today's code (before 0002) a copied cookie kept working after logout."""
import time

import pytest
from flask import g

from tests.conftest import DEFAULT_PASSWORD


def _get(client, url):
    g.pop("_login_user", None)  # the tests' app context outlives requests: load the user afresh
    return client.get(url)


def _signed_in_client(app, login_email="organiser@example.org"):
    c = app.test_client()
    g.pop("_login_user", None)
    assert c.post("/account/login", data={"email": login_email, "password": DEFAULT_PASSWORD}).status_code == 302
    return c


def _copy(client, app):
    """A second browser holding a copy of `client`'s session cookie (as a thief would)."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


@pytest.fixture
def organiser(make_user, db):
    user = make_user()
    db.session.commit()
    return user


def test_logout_revokes_a_copied_session_cookie(app, organiser):
    c = _signed_in_client(app)
    thief = _copy(c, app)
    assert _get(thief, "/account/organiser").status_code == 200
    g.pop("_login_user", None)
    c.post("/account/logout")
    res = _get(thief, "/account/organiser")
    assert res.status_code == 302 and "/account/login" in res.headers["Location"]


def test_participant_logout_revokes_their_session(app, make_participant, db, signin, client, event):
    p = make_participant(event)
    db.session.commit()
    signin(p)
    thief = _copy(client, app)
    assert _get(thief, f"/e/{event.slug}/me").status_code == 200
    g.pop("_login_user", None)
    client.post("/account/logout")
    assert _get(thief, f"/e/{event.slug}/me").status_code == 302


def test_password_change_ends_other_sessions_but_keeps_this_one(app, organiser, db):
    here, elsewhere = _signed_in_client(app), _signed_in_client(app)
    g.pop("_login_user", None)
    res = here.post("/account/password", data={"current_password": DEFAULT_PASSWORD,
                                               "new_password": "brand-new-pass", "confirm": "brand-new-pass"})
    assert res.status_code == 302
    assert _get(here, "/account/organiser").status_code == 200
    assert _get(elsewhere, "/account/organiser").status_code == 302
    db.session.refresh(organiser)
    assert organiser.check_password("brand-new-pass")


def test_password_change_needs_the_current_password(app, organiser, db):
    c = _signed_in_client(app)
    g.pop("_login_user", None)
    html = c.post("/account/password", data={"current_password": "wrong-wrong", "new_password": "brand-new-pass",
                                             "confirm": "brand-new-pass"}).get_data(as_text=True)
    assert "The current password is not correct." in html
    db.session.refresh(organiser)
    assert organiser.check_password(DEFAULT_PASSWORD)


@pytest.mark.parametrize("key,age", [("seen_at", 2 * 3600 + 60), ("auth_at", 12 * 3600 + 60)])
def test_idle_and_absolute_timeouts_end_the_session(app, organiser, key, age):
    c = _signed_in_client(app)
    assert _get(c, "/account/organiser").status_code == 200
    with c.session_transaction() as sess:
        sess[key] = int(time.time()) - age
    assert _get(c, "/account/organiser").status_code == 302


def test_the_timeouts_are_configuration(app, organiser):
    app.config.update(SESSION_IDLE_MINUTES=1)
    c = _signed_in_client(app)
    with c.session_transaction() as sess:
        sess["seen_at"] = int(time.time()) - 90
    assert _get(c, "/account/organiser").status_code == 302
