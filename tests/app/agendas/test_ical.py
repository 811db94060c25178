"""iCal parsed back with icalendar: stable UIDs, growing SEQUENCE, cancelled meetings kept, DST-correct UTC."""
from datetime import UTC, datetime

from icalendar import Calendar

from app.agendas import services
from app.meetings.models import MeetingStatus


def _events(data):
    cal = Calendar.from_ical(data)
    return cal, {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def test_one_vevent_per_meeting_in_the_participants_language(plan_event, publish):
    publish(plan_event["event"])
    m1, m2, _ = plan_event["meetings"]
    cal, events = _events(services.participant_ics(plan_event["cz"]))
    assert str(cal["METHOD"]) == "PUBLISH" and str(cal["VERSION"]) == "2.0"
    assert set(events) == {m1.uid, m2.uid}
    ev = events[m1.uid]
    assert str(ev["SUMMARY"]) == "Schůzka s Präzisionsteile Müller GmbH"
    assert "Jürgen Weiß" in str(ev["DESCRIPTION"]) and "němčina, angličtina" in str(ev["DESCRIPTION"])
    assert "Věra Šťastná" in str(ev["DESCRIPTION"])
    assert str(ev["LOCATION"]) == "Marienberg, stůl 1, zóna A"
    assert ev["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert ev.decoded("DTSTART").astimezone(UTC) == datetime(2027, 3, 10, 8, 0, tzinfo=UTC)
    assert str(ev["STATUS"]) == "TENTATIVE" and int(ev["SEQUENCE"]) == 0 and "DTSTAMP" in ev  # preliminary
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    german = _events(services.participant_ics(plan_event["de"]))[1][m1.uid]
    assert str(german["SUMMARY"]) == "Gespräch mit Strojírny Žďár s.r.o."


def test_uid_stays_and_sequence_grows_when_a_meeting_moves(plan_event, publish, db):
    publish(plan_event["event"])
    m1 = plan_event["meetings"][0]
    before = _events(services.participant_ics(plan_event["cz"]))[1][m1.uid]
    m1.slot = plan_event["slots"][3]
    m1.sequence += 1
    db.session.commit()
    after = _events(services.participant_ics(plan_event["cz"]))[1][m1.uid]
    assert str(after["UID"]) == str(before["UID"]) == m1.uid
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART").astimezone(UTC) == datetime(2027, 3, 10, 9, 30, tzinfo=UTC)


def test_cancelled_meeting_stays_in_the_feed_as_cancelled(plan_event, publish, db):
    publish(plan_event["event"])
    m2 = plan_event["meetings"][1]
    m2.status = MeetingStatus.CANCELLED
    m2.sequence += 1
    db.session.commit()
    ev = _events(services.participant_ics(plan_event["pl"]))[1][m2.uid]
    assert str(ev["STATUS"]) == "CANCELLED" and int(ev["SEQUENCE"]) == 1
    assert str(ev["SUMMARY"]).startswith("Cancelled:")


def test_utc_instants_across_the_daylight_saving_change(dst_event, publish):
    publish(dst_event["event"])
    m1, m2 = dst_event["meetings"]
    cal, events = _events(services.participant_ics(dst_event["a"]))
    saturday, monday = events[m1.uid], events[m2.uid]
    # 10:00 local: CET (UTC+1) on Saturday 27 March, CEST (UTC+2) on Monday 29 March 2027
    assert saturday.decoded("DTSTART").astimezone(UTC) == datetime(2027, 3, 27, 9, 0, tzinfo=UTC)
    assert monday.decoded("DTSTART").astimezone(UTC) == datetime(2027, 3, 29, 8, 0, tzinfo=UTC)
    assert saturday.decoded("DTEND").astimezone(UTC) == datetime(2027, 3, 27, 9, 25, tzinfo=UTC)
    assert saturday["DTSTART"].to_ical() == b"20270327T100000"
    assert monday["DTSTART"].to_ical() == b"20270329T100000"
    vtz = cal.walk("VTIMEZONE")[0]
    assert {c.name for c in vtz.subcomponents} >= {"STANDARD", "DAYLIGHT"}


def test_unpublished_feed_is_empty_for_participants(plan_event):
    cal, events = _events(services.participant_ics(plan_event["cz"], hide_unpublished=True))
    assert events == {}


def test_output_is_deterministic(plan_event, publish):
    publish(plan_event["event"])
    assert services.participant_ics(plan_event["cz"]) == services.participant_ics(plan_event["cz"])


def test_meetings_are_tentative_until_the_final_plan(plan_event, publish):
    """Before: a preliminary plan's meetings were CONFIRMED in people's calendars."""
    publish(plan_event["event"])
    m1 = plan_event["meetings"][0]
    assert str(_events(services.participant_ics(plan_event["cz"]))[1][m1.uid]["STATUS"]) == "TENTATIVE"
    publish(plan_event["event"], kind="final")
    assert str(_events(services.participant_ics(plan_event["cz"]))[1][m1.uid]["STATUS"]) == "CONFIRMED"


def test_my_agenda_ics_leads_to_the_participant_sign_in_and_has_one_charset(plan_event, publish, client, db):
    """Before: an anonymous calendar link went to the organiser login; the header said charset twice."""
    from tests.sessions import sign_in_session

    publish(plan_event["event"])
    db.session.commit()
    slug = plan_event["event"].slug
    res = client.get(f"/agendas/{slug}/my-agenda.ics")
    assert res.status_code == 302 and res.headers["Location"].endswith(f"/e/{slug}/signin")
    from flask import g

    g.pop("_login_user", None)  # the test client shares the fixture's app context and its cached user
    with client.session_transaction() as sess:
        sign_in_session(sess, plan_event["cz"])
    res = client.get(f"/agendas/{slug}/my-agenda.ics")
    assert res.status_code == 200 and res.headers["Content-Type"] == "text/calendar; charset=utf-8"
