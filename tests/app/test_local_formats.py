"""Times, numbers and dates as the reader writes them: the event's local time (never UTC or ISO codes),
decimal commas in cs/de, 4-digit years, both days of a two-day event (issue 20)."""
import re

import flask_babel
import pytest

from app.extensions import db
from app.meetings.models import Meeting, MeetingStatus
from app.planning.models import RunStatus, ScheduleRun

LOCAL = {"cs": "10. 3. 2027 09:00", "de": "10.03.2027 09:00", "en": "Mar 10, 2027 09:00"}


@pytest.fixture
def organiser(client, make_user):
    make_user(email="org@example.org", role="organiser")
    db.session.commit()
    client.post("/account/login", data={"email": "org@example.org", "password": "organiser-pass-1"})
    return client


def _get(client, url, lang):
    """The page's visible text (tags and attribute values such as option values left out)."""
    from app.accounts.models import User

    for user in db.session.scalars(db.select(User)):
        user.locale = lang
    db.session.commit()
    client.post(f"/language/{lang}")
    flask_babel.refresh()  # test requests share the fixture's app context and with it Babel's cached locale
    response = client.get(url, headers={"Accept-Language": lang})
    assert response.status_code == 200, response.status_code
    return " ".join(re.sub(r"<[^>]*>", " ", response.get_data(as_text=True)).split())


@pytest.fixture
def planned(make_event, make_participant, make_organisation):
    """Two meetings on 10 March 2027 at 09:00 and 09:30 Berlin time (08:00/08:30 UTC) and a finished re-plan."""
    from app.events.models import Table

    event = make_event(sessions=2)
    table = Table(event=event, event_id=event.id, number=1, zone="A")
    db.session.add(table)
    db.session.flush()
    people = [make_participant(event) for _ in range(4)]
    slots = sorted(event.slots, key=lambda s: s.start_at)
    meetings = [Meeting(event_id=event.id, participant_a_id=a.id, participant_b_id=b.id, slot_id=s.id,
                        table_id=table.id, status=MeetingStatus.SCHEDULED)
                for (a, b), s in zip([(people[0], people[1]), (people[2], people[3])], slots, strict=False)]
    run = ScheduleRun(event_id=event.id, status=RunStatus.DONE, solver_status="optimal",
                      parameters={"kind": "replan", "from_slot": slots[0].code, "time_limit_s": 2.5, "workers": 2},
                      objective={"meetings": 2, "weight": 0.81})
    db.session.add_all(meetings + [run])
    db.session.commit()
    return {"event": event, "meetings": meetings, "run": run, "slots": slots}


@pytest.mark.parametrize("lang", ["cs", "de"])
def test_meeting_editor_lists_local_times(organiser, planned, lang):
    event, meeting = planned["event"], planned["meetings"][0]
    html = _get(organiser, f"/organiser/events/{event.id}/planning/meetings/{meeting.id}", lang)
    assert planned["slots"][1].code not in html and "2027-03-10T" not in html  # swap and move lists
    assert {"cs": "10. 3. 2027 09:30–09:55", "de": "10.03.2027 09:30–09:55"}[lang] in html


@pytest.mark.parametrize("lang", ["cs", "de"])
def test_runs_and_their_comparison_read_like_words(organiser, planned, lang):
    event, run = planned["event"], planned["run"]
    for url in (f"/organiser/events/{event.id}/planning/",
                f"/organiser/events/{event.id}/planning/runs/compare?run={run.id}"):
        html = _get(organiser, url, lang)
        assert "2027-03-10T" not in html and "time_limit_s" not in html and "workers" not in html, url
        assert LOCAL[lang] in html, url
        assert "0,81" in html and "0.81" not in html and "2,5 s" in html, url


@pytest.mark.parametrize("lang", ["cs", "de"])
def test_replan_title_is_local(client, make_user, planned, lang):
    make_user(email="desk@example.org", role="desk")
    db.session.commit()
    client.post("/account/login", data={"email": "desk@example.org", "password": "organiser-pass-1"})
    html = _get(client, f"/desk/events/{planned['event'].id}/replan/{planned['run'].id}", lang)
    assert "2027-03-10T" not in html and LOCAL[lang] in html


@pytest.mark.parametrize("lang,days", [("cs", "10.–11. 3. 2027"), ("de", "10.–11. März 2027"),
                                       ("en", "Mar 10 – 11, 2027")])
def test_a_two_day_event_shows_both_days_on_its_card(client, planned, lang, days):
    assert days in _get(client, "/", lang)


@pytest.mark.parametrize("lang,expected", [("cs", "10. 3. 2027"), ("de", "10.03.2027")])
def test_short_dates_keep_four_digit_years(app, lang, expected):
    from datetime import datetime

    from app.i18n import in_locale

    with app.test_request_context(), in_locale(lang):
        assert app.jinja_env.filters["local_date"](datetime(2027, 3, 10, 8), "Europe/Berlin", "short") == expected
