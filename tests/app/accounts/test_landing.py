"""Where staff land after signing in, and in which language."""
import flask_babel


def _land(client, login, email):
    res = login(email=email)
    assert res.status_code == 302
    return res.headers["Location"]


def test_organiser_lands_on_the_organiser_dashboard(client, make_event, make_user, login, db):
    make_event()
    make_user()
    db.session.commit()
    assert _land(client, login, "organiser@example.org").endswith("/account/organiser")


def test_desk_staff_of_one_event_land_on_its_desk(client, make_event, make_user, login, db):
    event = make_event()
    make_user(email="desk@example.org", role="desk", events=[event])
    db.session.commit()
    assert _land(client, login, "desk@example.org").endswith(f"/desk/events/{event.id}/")


def test_desk_staff_of_several_events_choose_on_the_dashboard(client, make_event, make_user, login, db):
    first, second = make_event(), make_event(slug="second-event")
    make_user(email="desk@example.org", role="desk", events=[first, second])
    db.session.commit()
    assert _land(client, login, "desk@example.org").endswith("/account/organiser")


def test_a_closed_event_does_not_keep_desk_staff_from_the_running_one(client, make_event, make_user, login, db):
    from app.events.models import EventStatus

    running, closed = make_event(), make_event(slug="last-year", status=EventStatus.CLOSED)
    make_user(email="desk@example.org", role="desk", events=[running, closed])
    db.session.commit()
    assert _land(client, login, "desk@example.org").endswith(f"/desk/events/{running.id}/")


def test_an_organiser_account_granted_only_the_desk_lands_on_the_desk(client, make_event, make_user, login, db):
    from app.accounts.services import grant

    event = make_event()
    user = make_user(events=[])
    grant(user, event, "desk")
    db.session.commit()
    assert _land(client, login, "organiser@example.org").endswith(f"/desk/events/{event.id}/")


def test_a_next_page_still_wins(client, make_event, make_user, db):
    event = make_event()
    make_user(email="desk@example.org", role="desk", events=[event])
    db.session.commit()
    res = client.post("/account/login?next=/account/password",
                      data={"email": "desk@example.org", "password": "organiser-pass-1"})
    assert res.headers["Location"].endswith("/account/password")


def test_the_browsing_language_survives_the_login(client, make_event, make_user, login, db):
    """Browsed in German (Accept-Language), saved profile language English: the pages stay German."""
    make_user().locale = "en"
    db.session.commit()
    headers = {"Accept-Language": "de"}
    flask_babel.refresh()
    assert '<html lang="de">' in client.get("/account/login", headers=headers).get_data(as_text=True)
    client.post("/account/login", data={"email": "organiser@example.org", "password": "organiser-pass-1"},
                headers=headers)
    flask_babel.refresh()  # test requests share the fixture's app context and with it Babel's cached locale
    assert '<html lang="de">' in client.get("/account/organiser").get_data(as_text=True)


def test_the_chosen_language_survives_the_login(client, make_user, login, db):
    make_user().locale = "en"
    db.session.commit()
    client.get("/account/login")
    client.post("/language/cs", data={})
    login()
    flask_babel.refresh()
    assert '<html lang="cs">' in client.get("/account/organiser").get_data(as_text=True)


def test_the_dashboard_leads_organisers_to_each_events_outcomes_and_desk_staff_not(client, make_event, make_user,
                                                                                    login, db):
    first, second = make_event(), make_event(slug="second-event")
    make_user()
    make_user(email="desk@example.org", role="desk", events=[first, second])
    db.session.commit()
    login()
    html = client.get("/account/organiser").get_data(as_text=True)
    assert f"/organiser/outcomes/events/{first.id}" in html and f"/organiser/outcomes/events/{second.id}" in html
    client.post("/account/logout")
    login(email="desk@example.org")
    assert "/organiser/outcomes/events/" not in client.get("/account/organiser").get_data(as_text=True)
