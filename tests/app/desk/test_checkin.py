"""Check-in at the desk: by the badge's code (as a scanner or a person types it) or by name, idempotent,
audited and undoable; a code that matches nobody gets one sentence in the reader's language."""
import re

from flask_babel import refresh
from sqlalchemy import select

from app.accounts.models import AuditLog
from app.desk import checkin
from app.participants.models import Participant

DESK_PASSWORD = "organiser-pass-1"


def _desk(client, make_user, db, event, email="desk@example.org"):
    make_user(email=email, role="desk", events=[event])
    db.session.commit()
    client.post("/account/login", data={"email": email, "password": DESK_PASSWORD})
    return client


def _audits(db, action):
    return db.session.scalars(select(AuditLog).where(AuditLog.action == action)).all()


def test_codes_are_short_distinct_and_read_as_typed(day_event, make_event, make_participant):
    event, people, _ = day_event
    codes = {checkin.checkin_code(p) for p in people.values()}
    assert len(codes) == len(people)
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", c) for c in codes)
    person = people["muller"]
    code = checkin.checkin_code(person)
    for typed in (code, code.lower(), code.replace("-", ""), f" {code[:4]} {code[5:]} ",
                  code.replace("0", "O").replace("1", "l")):
        assert checkin.find_by_code(event, typed).id == person.id, typed
    assert checkin.find_by_code(event, "ZZZZ-ZZZZ") is None
    assert checkin.find_by_code(event, person.email) is None
    other = make_event(slug="other-2027")
    stranger = make_participant(other)
    assert checkin.find_by_code(event, checkin.checkin_code(stranger)) is None


def test_scanned_code_checks_in_once_is_audited_and_can_be_undone(day_event, client, make_user, db):
    event, people, _ = day_event
    person = people["dvorak"]
    desk = _desk(client, make_user, db, event)
    url = f"/desk/events/{event.id}/checkin"
    res = desk.post(url, data={"code": checkin.checkin_code(person).lower().replace("-", "")},
                    headers={"Accept-Language": "en"})
    assert res.status_code == 302
    db.session.expire_all()
    first = db.session.get(Participant, person.id).checked_in_at
    assert first is not None
    page = desk.get(url + "?show=checked_in", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Antonín Dvořák (Strojírny Dvořák s.r.o.) is checked in." in page
    assert "Antonín Dvořák" in page.split('id="checkin-list"')[1]
    # scanning the same badge again changes nothing
    desk.post(url, data={"code": checkin.checkin_code(person)})
    page = desk.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "was already checked in." in page
    db.session.expire_all()
    assert db.session.get(Participant, person.id).checked_in_at == first
    assert len(_audits(db, "participant_checked_in")) == 1
    # undo a mistaken check-in
    desk.post(f"{url}/{person.id}/undo")
    db.session.expire_all()
    assert db.session.get(Participant, person.id).checked_in_at is None
    assert [a.target_id for a in _audits(db, "participant_check_in_undone")] == [person.id]


def test_a_code_that_matches_nobody_is_one_sentence_in_the_readers_language(day_event, client, make_user, db):
    event, people, _ = day_event
    desk = _desk(client, make_user, db, event)
    url = f"/desk/events/{event.id}/checkin"
    for lang, sentence in (("cs", "Kód ZZZZ-ZZZZ nepatří žádnému účastníkovi této akce."),
                           ("de", "Der Check-in-Code ZZZZ-ZZZZ gehört zu keinem Teilnehmer dieser Veranstaltung."),
                           ("en", "No participant of this event has the check-in code ZZZZ-ZZZZ.")):
        desk.post(f"/language/{lang}")
        refresh()  # the test's app context outlives requests: forget the language Flask-Babel cached
        res = desk.post(url, data={"code": "zzzz zzzz"})
        assert res.status_code == 302
        page = desk.get(url).get_data(as_text=True)
        assert sentence in page
    res = desk.post(url, data={"code": "   "})
    assert res.status_code == 302
    assert db.session.scalars(select(Participant).where(Participant.checked_in_at.is_not(None))).all() == []


def test_name_search_ignores_accents_and_case_without_javascript(day_event, client, make_user, db):
    event, people, _ = day_event
    desk = _desk(client, make_user, db, event)
    url = f"/desk/events/{event.id}/checkin"

    def listed(query):
        page = desk.get(url, query_string={"show": "all", "q": query}).get_data(as_text=True)
        return page.split('id="checkin-list"')[1]

    assert "Antonín Dvořák" in listed("dvorak") and "Jörg Müller" not in listed("dvorak")
    assert "Jörg Müller" in listed("MULLER") and "Jörg Müller" in listed("giesserei")
    assert "Eva Svobodová" in listed("svobodova dvorak")      # name and organisation words
    assert "Anna Nowak" not in listed("svobodova")
    desk.post(f"{url}/{people['nowak'].id}", query_string={"q": "nowak"})
    db.session.expire_all()
    assert db.session.get(Participant, people["nowak"].id).checked_in_at is not None


def test_expected_today_checked_in_and_not_yet(day_event, client, make_user, db):
    event, people, _ = day_event
    checkin.check_in(people["dvorak"])
    db.session.commit()
    overview = checkin.day_overview(event)
    assert {p.id for p in overview.expected} == {people[k].id for k in ("dvorak", "muller", "nowak", "lyon")}
    assert [p.id for p in overview.checked_in] == [people["dvorak"].id]
    assert {p.id for p in overview.not_yet} == {people[k].id for k in ("muller", "nowak", "lyon")}
    desk = _desk(client, make_user, db, event)
    page = desk.get(f"/desk/events/{event.id}/checkin", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert re.search(r'<span class="count">3</span> Not yet checked in', page)
    assert re.search(r'<span class="count">1</span> Checked in', page)
    assert re.search(r'<span class="count">4</span> Expected today', page)
    assert "Eva Svobodová" not in page      # no meeting today: not expected, not in "not yet"


def test_desk_of_another_event_cannot_check_in(day_event, client, make_user, make_event, db):
    event, people, _ = day_event
    other = make_event(slug="elsewhere-2027")
    desk = _desk(client, make_user, db, other, email="desk-other@example.org")
    url = f"/desk/events/{event.id}/checkin"
    assert desk.get(url).status_code == 403
    assert desk.post(url, data={"code": checkin.checkin_code(people["dvorak"])}).status_code == 403
    assert desk.post(f"{url}/{people['dvorak'].id}").status_code == 403
    db.session.expire_all()
    assert db.session.get(Participant, people["dvorak"].id).checked_in_at is None
    # the event's own desk cannot reach a participant of another event through its URL
    stranger = db.session.get(Participant, people["dvorak"].id)
    assert desk.post(f"/desk/events/{other.id}/checkin/{stranger.id}").status_code == 404
