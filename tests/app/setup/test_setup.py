"""Event set-up: sessions with generated slots, tables with hosts, interpreters; impossible set-ups refused."""
from app.events.models import Event, EventSession, Interpreter
from app.participants.models import ParticipantRole


def _post(client, event, path, **data):
    return client.post(f"/organiser/events/{event.id}/setup{path}", data=data)


def test_create_event_and_session(login_as, db):
    client = login_as("organiser")
    response = client.post("/organiser/events/new", data={
        "slug": "karlovy-vary-2027", "name_cs": "Burza KV", "name_de": "Börse KV", "name_en": "",
        "timezone": "Europe/Prague", "default_locale": "cs", "status": "draft", "request_mode": "approval",
        "max_meetings_default": 10, "max_open_requests": 20, "cross_border_weight": 2,
        "registration_deadline": "2027-04-01T23:59", "request_deadline": "2027-04-05T12:00"})
    assert response.status_code == 302
    event = db.session.scalars(db.select(Event).where(Event.slug == "karlovy-vary-2027")).one()
    assert event.cross_border_weight == 2 and event.request_deadline_at.hour == 10  # 12:00 CEST
    _post(client, event, "/sessions", code="am", day="2027-04-20", start="09:00", end="12:30", slot_minutes=25,
          gap_minutes=5, breaks="10:30-11:00")
    sess = db.session.scalars(db.select(EventSession)).one()
    assert len(sess.slots) == 6
    html = client.get(f"/organiser/events/{event.id}/setup/sessions").get_data(as_text=True)
    assert "6 slots of 25 minutes" in html


def test_slot_length_that_does_not_divide_the_session_is_refused(small_event, login_as, db):
    event, _people = small_event
    db.session.commit()
    client = login_as("organiser")
    html = _post(client, event, "/sessions", code="x", day="2027-03-12", start="09:00", end="10:00",
                 slot_minutes=25, gap_minutes=0).get_data(as_text=True)
    assert "do not divide the session" in html
    assert db.session.scalar(db.select(db.func.count(EventSession.id)).where(EventSession.code == "x")) == 0
    html = _post(client, event, "/sessions", code="y", day="2027-03-12", start="09:00", end="09:20",
                 slot_minutes=25, gap_minutes=0).get_data(as_text=True)
    assert "does not fit" in html


def test_more_hosts_than_tables_is_refused(small_event, login_as, db, make_participant):
    event, _people = small_event
    for _ in range(4):
        make_participant(event, role=ParticipantRole.EXHIBITOR)
    db.session.commit()
    client = login_as("organiser")
    html = _post(client, event, "/tables", count=3, zone="").get_data(as_text=True)
    assert "4 exhibitors" in html and "only 3 tables" in html
    _post(client, event, "/tables", count=6, zone="B")
    db.session.refresh(event)
    assert len(event.tables) == 6 and event.tables[-1].zone == "B"


def test_host_table_and_interpreter(small_event, login_as, db, make_participant):
    event, _people = small_event
    host = make_participant(event, role=ParticipantRole.EXHIBITOR)
    db.session.commit()
    client = login_as("organiser")
    table = event.tables[0]
    client.post(f"/organiser/events/{event.id}/setup/tables/{table.id}", data={"name": "Stand", "zone": "C",
                                                                              "host": host.id})
    db.session.refresh(table)
    assert table.host_participant_id == host.id
    html = _post(client, event, "/interpreters", name="Eva", languages=["cs"]).get_data(as_text=True)
    assert "at least two languages" in html
    _post(client, event, "/interpreters", name="Eva", languages=["cs", "de"], unavailable=[event.slots[0].id])
    interp = db.session.scalars(db.select(Interpreter)).one()
    assert interp.languages == ["cs", "de"] and interp.unavailable_slots == [event.slots[0]]


def test_overlapping_session_is_refused_with_a_message(small_event, login_as, db):
    """Before: a session at the same start as another hit the slots' unique constraint (500)."""
    event, _people = small_event
    existing = event.sessions[0]
    day, start = existing.day.isoformat(), f"{existing.start_at.hour + 1:02d}:00"  # Prague = UTC+1 in March
    db.session.commit()
    client = login_as("organiser")
    for begin, end in ((start, "10:40"), ("08:00", start[:3] + "20")):
        response = _post(client, event, "/sessions", code=f"o{begin[:2]}", day=day, start=begin, end=end,
                         slot_minutes=20, gap_minutes=0)
        assert response.status_code == 200
        assert f"overlaps session {existing.code}" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(EventSession.id))) == len(event.sessions)


def test_integrity_rules_run_in_the_app():
    """The flush-time rules are registered by the app itself (before, only a test imported them)."""
    import subprocess
    import sys

    code = ("import sys; from app import create_app; create_app({'TESTING': True, 'SECRET_KEY': 't', "
            "'SQLALCHEMY_DATABASE_URI': 'sqlite://'}); print('app.events.integrity' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_copy_the_set_up_into_the_next_event_of_a_series(login_as, db):
    """Sessions keep their local clock times and breaks on the new day (across a DST change), tables keep
    names and zones, interpreters come along; no people, hosts or meetings are copied."""
    from datetime import date

    from app.demo import seed_demo
    from app.events.models import Table
    from app.i18n import local_dt
    from app.participants.models import Participant

    source = seed_demo(db.session)
    db.session.commit()
    client = login_as("organiser")
    response = client.post(f"/organiser/events/{source.id}/setup/copy", data={
        "slug": "liberec-2027", "first_day": "2027-10-14", "name_cs": "Burza Liberec", "name_de": "Börse Liberec",
        "name_en": ""})
    assert response.status_code == 302
    copy = db.session.scalars(db.select(Event).where(Event.slug == "liberec-2027")).one()
    assert copy.status.value == "draft" and copy.name_de == "Börse Liberec" and copy.privacy_cs == source.privacy_cs
    assert copy.sessions[0].day == date(2027, 10, 14)
    old_first, new_first = source.sessions[0].day, copy.sessions[0].day
    for old, new in zip(source.sessions, copy.sessions, strict=True):
        assert (new.day - old.day) == (new_first - old_first)
        clocks = [(local_dt(s.start_at, copy.timezone).time(), local_dt(s.end_at, copy.timezone).time())
                  for s in new.slots]
        assert clocks == [(local_dt(s.start_at, source.timezone).time(),
                           local_dt(s.end_at, source.timezone).time()) for s in old.slots]
    tables = db.session.scalars(db.select(Table).where(Table.event_id == copy.id).order_by(Table.number)).all()
    assert [(t.number, t.name, t.zone, t.host_participant_id) for t in tables] == [
        (t.number, t.name, t.zone, None) for t in source.tables]
    assert sorted(i.name for i in copy.interpreters) == sorted(i.name for i in source.interpreters)
    assert db.session.scalar(db.select(db.func.count(Participant.id)).where(Participant.event_id == copy.id)) == 0
    again = client.post(f"/organiser/events/{source.id}/setup/copy", data={
        "slug": "liberec-2027", "first_day": "2027-10-20", "name_cs": "x"})
    assert "exists already" in again.get_data(as_text=True)


def test_reminder_switches_are_saved_and_queue_the_reminders_at_once(login_as, db):
    from sqlalchemy import select

    from app.jobs.models import Job

    client = login_as("organiser")
    base = {"slug": "liberec-2027", "name_cs": "Burza", "timezone": "Europe/Prague", "default_locale": "cs",
            "status": "open", "request_mode": "approval", "max_meetings_default": 10, "max_open_requests": 20}
    assert client.post("/organiser/events/new", data=base).status_code == 302
    event = db.session.scalars(db.select(Event).where(Event.slug == "liberec-2027")).one()
    _post(client, event, "/sessions", code="am", day="2030-04-20", start="09:00", end="12:30", slot_minutes=25)
    res = _post(client, event, "", **{k: v for k, v in base.items() if k != "slug"}, remind_confirm="y",
                remind_confirm_days=5, remind_agenda="", remind_requests="y", remind_requests_days=0)
    assert "Number must be between 1 and 30." in res.get_data(as_text=True)   # refused, nothing saved
    db.session.expire_all()
    assert event.remind_confirm_days == 3
    res = _post(client, event, "", **{k: v for k, v in base.items() if k != "slug"}, remind_confirm="y",
                remind_confirm_days=5, remind_agenda="", request_deadline="2030-04-10T12:00")
    assert res.status_code == 302
    db.session.expire_all()
    assert (event.remind_confirm, event.remind_confirm_days, event.remind_agenda) == (True, 5, False)
    kinds = sorted(j.payload["kind"] for j in db.session.scalars(select(Job).where(Job.kind == "outcomes.remind")))
    assert kinds == ["confirm"]        # the agenda is off; the request nudge is off (unticked)
