"""A refused move names who is busy then and offers the times and tables free for both; each offer works."""
import re

import pytest

import scheduler
from app.meetings.models import Meeting
from app.planning import adapter


@pytest.fixture
def planned(small_event, db):
    event, people = small_event
    adapter.apply_plan(event, scheduler.solve(adapter.to_problem(event), time_limit_s=2, workers=1, seed=0))
    db.session.commit()
    return event, db.session.scalars(db.select(Meeting).order_by(Meeting.slot_id, Meeting.id)).all()


def _clash(event, meetings):
    """A meeting and another one of the same person in another slot, with a table free in that slot."""
    used = {(x.slot_id, x.table_id) for x in meetings}
    for m in meetings:
        for o in meetings:
            shared = {o.participant_a_id, o.participant_b_id} & {m.participant_a_id, m.participant_b_id}
            free = [t for t in event.tables if (o.slot_id, t.id) not in used]
            if o.slot_id != m.slot_id and shared and free:
                return m, o, shared.pop(), free[0]
    pytest.skip("no shared participant next to a free table in this plan")


def test_a_refused_move_names_who_is_busy_and_offers_free_times(planned, login_as, db):
    event, meetings = planned
    m, other, person_id, table = _clash(event, meetings)
    busy = next(p for p in (other.participant_a, other.participant_b) if p.id == person_id)
    partner = other.participant_b if other.participant_a_id == person_id else other.participant_a
    where = (m.slot_id, m.table_id)
    client = login_as("organiser")
    url = f"/organiser/events/{event.id}/planning/meetings/{m.id}"
    res = client.post(url, data={"op": "move", "move-slot": other.slot.code, "move-table": adapter.table_key(table)})
    html = res.get_data(as_text=True)
    assert res.status_code == 200 and "The meeting was not moved" in html
    assert f"{busy.full_name} already meets {partner.full_name} at table {other.table.label} then." in html
    db.session.refresh(m)
    assert (m.slot_id, m.table_id) == where  # nothing saved
    offers = re.findall(r'name="move-slot" value="([^"]+)"><input type="hidden" name="move-table" value="([^"]+)"',
                        html)
    assert offers, "no free time offered"
    assert "09:00" in html or "10:" in html  # local times (the event is in Europe/Berlin, slots start 08:00 UTC)
    mine = {m.participant_a_id, m.participant_b_id}
    busy_slots = {x.slot.code for x in meetings if x.id != m.id and {x.participant_a_id, x.participant_b_id} & mine}
    assert not {code for code, _t in offers} & busy_slots  # never a time at which one of them meets someone
    code, table_key = offers[-1]
    assert client.post(url, data={"op": "move", "move-slot": code, "move-table": table_key}).status_code == 302
    db.session.refresh(m)
    assert (m.slot.code, adapter.table_key(m.table)) == (code, table_key)
    problem = adapter.to_problem(event)
    assert scheduler.violations(problem, adapter.current_plan(event, problem)) == []


def test_a_taken_table_names_the_meeting_holding_it(planned, login_as, db):
    event, meetings = planned
    m = meetings[0]
    holder = next(x for x in meetings if x.slot_id != m.slot_id and not
                  {x.participant_a_id, x.participant_b_id} & {m.participant_a_id, m.participant_b_id})
    client = login_as("organiser")
    res = client.post(f"/organiser/events/{event.id}/planning/meetings/{m.id}",
                      data={"op": "move", "move-slot": holder.slot.code, "move-table": adapter.table_key(holder.table)})
    html = res.get_data(as_text=True)
    assert (f"Table {holder.table.label} is taken then by {holder.participant_a.full_name} and "
            f"{holder.participant_b.full_name}.") in html
