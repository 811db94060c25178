"""Model integrity rules: unique e-mail per event, one host per table, slots never overlap."""
from datetime import datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from app.events.integrity import IntegrityRuleError
from app.events.models import EventSession, Slot, Table
from app.events.services import EventError, generate_slots, slot_times


def test_email_is_unique_per_event(db, make_event, make_participant):
    event = make_event()
    make_participant(event, email="a@example.cz")
    with pytest.raises(IntegrityError):
        make_participant(event, email="a@example.cz")


def test_same_email_may_register_for_another_event(db, make_event, make_participant):
    first, second = make_event(slug="one"), make_event(slug="two")
    make_participant(first, email="a@example.cz")
    assert make_participant(second, email="a@example.cz").id


def test_a_participant_hosts_at_most_one_table(db, make_event, make_participant):
    event = make_event()
    host = make_participant(event)
    db.session.add(Table(event_id=event.id, number=1, host_participant_id=host.id))
    db.session.flush()
    db.session.add(Table(event_id=event.id, number=2, host_participant_id=host.id))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_table_number_unique_per_event(db, make_event):
    event = make_event()
    db.session.add_all([Table(event_id=event.id, number=3), Table(event_id=event.id, number=3)])
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_a_host_from_another_event_is_refused(db, make_event, make_participant):
    event, other = make_event(slug="a"), make_event(slug="b")
    stranger = make_participant(other)
    db.session.add(Table(event_id=event.id, number=1, host_participant_id=stranger.id))
    with pytest.raises(IntegrityRuleError, match="another event"):
        db.session.flush()


def test_overlapping_slot_is_refused(db, make_event):
    event = make_event()
    first = event.slots[0]
    db.session.add(Slot(event_id=event.id, session_id=first.session_id,
                        start_at=first.start_at + timedelta(minutes=10), end_at=first.end_at + timedelta(minutes=10)))
    with pytest.raises(IntegrityRuleError, match="overlaps"):
        db.session.flush()


def test_two_new_overlapping_slots_in_one_flush_are_refused(db, make_event):
    event = make_event(sessions=0)
    sess = EventSession(event=event, code="x", day=datetime(2027, 3, 10).date(),
                        start_at=datetime(2027, 3, 10, 8), end_at=datetime(2027, 3, 10, 10))
    db.session.add(sess)
    db.session.flush()
    start = datetime(2027, 3, 10, 8)
    db.session.add_all([Slot(event_id=event.id, session=sess, start_at=start, end_at=start + timedelta(minutes=25)),
                        Slot(event_id=event.id, session=sess, start_at=start + timedelta(minutes=20),
                             end_at=start + timedelta(minutes=45))])
    with pytest.raises(IntegrityRuleError):
        db.session.flush()


def test_adjacent_slots_are_fine(db, make_event):
    event = make_event()
    slots = event.slots
    assert len(slots) == 4  # 2 h, 25-minute slots with 5-minute change-over
    assert all(a.end_at <= b.start_at for a, b in zip(slots, slots[1:], strict=False))


def test_slot_generation_skips_breaks():
    start = datetime(2027, 3, 10, 8)
    brk = [{"start_at": (start + timedelta(minutes=60)).isoformat(),
            "end_at": (start + timedelta(minutes=80)).isoformat()}]
    times = slot_times(start, start + timedelta(hours=2), 20, 0, brk)
    assert (start + timedelta(minutes=60), start + timedelta(minutes=80)) not in times
    assert all(not (s < start + timedelta(minutes=80) and start + timedelta(minutes=60) < e) for s, e in times)
    assert len(times) == 5


def test_slot_generation_refuses_a_session_shorter_than_a_slot(db, make_event):
    event = make_event(sessions=0)
    sess = EventSession(event=event, code="short", day=datetime(2027, 3, 10).date(), slot_minutes=30,
                        start_at=datetime(2027, 3, 10, 8), end_at=datetime(2027, 3, 10, 8, 20))
    db.session.add(sess)
    db.session.flush()
    with pytest.raises(EventError):
        generate_slots(sess)


def test_meeting_slot_and_table_pair_is_unique(db, make_event, make_participant):
    from app.meetings.models import Meeting

    event = make_event()
    table = Table(event_id=event.id, number=1)
    db.session.add(table)
    a, b, c, d = (make_participant(event) for _ in range(4))
    slot = event.slots[0]
    db.session.add_all([
        Meeting(event_id=event.id, participant_a_id=a.id, participant_b_id=b.id, slot=slot, table=table),
        Meeting(event_id=event.id, participant_a_id=c.id, participant_b_id=d.id, slot=slot, table=table)])
    with pytest.raises(IntegrityError):
        db.session.flush()
