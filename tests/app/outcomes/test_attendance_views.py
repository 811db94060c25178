"""The one-tap marks on the participant's live agenda."""
from datetime import timedelta

from app.events.models import EventStatus
from app.meetings.models import AttendanceMark, MeetingStatus


def test_one_tap_we_met_and_partner_did_not_come(db, small_event, client, signin):
    event, people, meetings = small_event
    event.status = EventStatus.PUBLISHED
    for slot in event.slots:   # the event took place a year ago
        slot.start_at, slot.end_at = slot.start_at - timedelta(days=365), slot.end_at - timedelta(days=365)
    db.session.commit()
    signin(people["cz1"])
    page = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    assert page.count("Sešli jsme se</button>") == 3      # all three of cz1's meetings are in the past
    res = client.post(f"/e/{event.slug}/agenda/meetings/{meetings[0].id}/held")
    assert res.status_code == 302 and res.headers["Location"].endswith(f"/e/{event.slug}/agenda#m{meetings[0].id}")
    client.post(f"/e/{event.slug}/agenda/meetings/{meetings[4].id}/no_show")
    client.post(f"/e/{event.slug}/agenda/meetings/{meetings[3].id}/held")   # pl - de: not cz1's
    db.session.expire_all()
    assert (meetings[0].mark_a, meetings[0].status) == (AttendanceMark.HELD, MeetingStatus.HELD)
    assert (meetings[4].mark_a, meetings[4].status) == (AttendanceMark.NO_SHOW, MeetingStatus.NO_SHOW)
    assert (meetings[3].mark_a, meetings[3].mark_b, meetings[3].status) == (None, None, MeetingStatus.SCHEDULED)
    page = client.get(f"/e/{event.slug}/agenda").get_data(as_text=True)
    assert "Zaznamenali jste: sešli jsme se." in page
