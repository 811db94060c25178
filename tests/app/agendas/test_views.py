"""Downloads, feeds, role checks and the venue board."""
from datetime import datetime

import pytest
from icalendar import Calendar

from app.agendas import exports
from tests.sessions import sign_in_session

from .conftest import pdf_text


def _as_participant(client, participant):
    with client.session_transaction() as session:
        sign_in_session(session, participant)


def test_participant_downloads_only_their_own_agenda(client, plan_event, publish, db):
    publish(plan_event["event"])
    db.session.commit()
    _as_participant(client, plan_event["cz"])
    res = client.get("/agendas/burza-2027/my-agenda.pdf")
    assert res.status_code == 200 and res.mimetype == "application/pdf"
    assert "Jiří Dvořák" in pdf_text(res.data) and "attachment" in res.headers["Content-Disposition"]
    ics = client.get("/agendas/burza-2027/my-agenda.ics")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    assert len(Calendar.from_ical(ics.data).walk("VEVENT")) == 2
    assert client.get("/agendas/other-event/my-agenda.pdf").status_code == 404
    assert client.get(f"/agendas/burza-2027/participants/{plan_event['de'].id}.pdf").status_code == 403
    assert client.get("/agendas/burza-2027/my-agenda.pdf?lang=fr").status_code == 404


def test_anonymous_is_sent_to_login(client, plan_event):
    for url in ("/agendas/burza-2027/my-agenda.pdf", "/agendas/burza-2027/", "/agendas/burza-2027/master-plan.pdf"):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("role,allowed,forbidden", [
    ("desk", ["/", "/desk-list.pdf", "/table-sheets.pdf"], ["/master-plan.pdf", "/exports/1", "/changes.pdf"]),
    ("organiser", ["/", "/master-plan.pdf", "/desk-list.pdf"], []),
])
def test_role_checks(client, plan_event, make_user, login, db, role, allowed, forbidden):
    make_user(email=f"{role}@example.org", role=role)
    db.session.commit()
    login(email=f"{role}@example.org")
    for path in allowed:
        assert client.get("/agendas/burza-2027" + path).status_code == 200, path
    for path in forbidden:
        assert client.get("/agendas/burza-2027" + path).status_code == 403, path


def test_organiser_sees_a_clear_error_without_a_plan(client, make_event, make_user, login, db):
    make_event(slug="no-plan")
    make_user()
    db.session.commit()
    login()
    res = client.get("/agendas/no-plan/master-plan.pdf")
    assert res.status_code == 409 and "no plan to print" in res.get_data(as_text=True)


def test_feed_token_is_secret_and_can_be_revoked(client, plan_event, publish, make_user, login, db):
    publish(plan_event["event"])
    make_user()
    db.session.commit()
    cz = plan_event["cz"]
    old = cz.feed_token
    assert len(old) >= 43  # 32 random bytes, URL-safe base64
    assert old != plan_event["de"].feed_token
    res = client.get(f"/agendas/feed/{old}.ics")
    assert res.status_code == 200 and len(Calendar.from_ical(res.data).walk("VEVENT")) == 2
    assert client.get(f"/agendas/live/{old}").status_code == 200
    assert client.get(f"/agendas/feed/{old[:-1]}x.ics").status_code == 404
    login()
    assert client.post(f"/agendas/burza-2027/participants/{cz.id}/feed-token").status_code == 302
    db.session.refresh(cz)
    assert cz.feed_token != old
    assert client.get(f"/agendas/feed/{old}.ics").status_code == 404
    assert client.get(f"/agendas/live/{old}").status_code == 404
    assert client.get(f"/agendas/feed/{cz.feed_token}.ics").status_code == 200


def test_organiser_page_and_downloads(client, plan_event, publish, make_user, login, db):
    publish(plan_event["event"])
    make_user()
    db.session.commit()
    login()
    page = client.get("/agendas/burza-2027/").get_data(as_text=True)
    assert "Jiří Dvořák" in page and "zone A" in page
    res = client.get(f"/agendas/burza-2027/participants/{plan_event['pl'].id}.pdf?lang=bilingual")
    assert res.status_code == 200 and "Zofia Wójcik" in pdf_text(res.data)
    assert client.get(f"/agendas/burza-2027/participants/{plan_event['pl'].id}.ics").status_code == 200


def test_board_shows_current_and_next_slot_without_private_data(client, plan_event, publish, db, monkeypatch):
    event = plan_event["event"]
    publish(event)
    db.session.commit()
    board = exports.board_view(event, "A", datetime(2027, 3, 10, 8, 10))
    assert [r[0] for r in board.current.rows] == ["1"] and board.next.rows == ()
    assert board.current.rows[0][1:] == ("Strojírny Žďár s.r.o.", "Präzisionsteile Müller GmbH")
    from app.agendas import views

    monkeypatch.setattr(views, "utcnow", lambda: datetime(2027, 3, 10, 8, 50))
    html = client.get("/agendas/board/burza-2027/A").get_data(as_text=True)
    assert 'http-equiv="refresh"' in html and "Präzisionsteile Müller GmbH" in html
    assert "Jürgen Weiß" not in html and "@" not in html
    assert client.get("/agendas/board/unknown/A").status_code == 404
    assert client.get("/agendas/board/burza-2027/Z").status_code == 404


def test_board_before_publication_shows_nothing(client, plan_event):
    html = client.get("/agendas/board/burza-2027/all").get_data(as_text=True)
    assert "Strojírny" not in html


def test_pending_participant_has_no_feed(client, plan_event, make_participant, db):
    from app.participants.models import ParticipantStatus

    pending = make_participant(plan_event["event"], status=ParticipantStatus.PENDING)
    db.session.commit()
    assert client.get(f"/agendas/feed/{pending.feed_token}.ics").status_code == 404
    assert client.get(f"/agendas/live/{pending.feed_token}").status_code == 404
