"""Publishing asks first and says how many people will be e-mailed; the real SMTP server receives that many."""
import re

import scheduler
from app.jobs import run_due
from app.meetings.models import Meeting
from app.planning import adapter, editing
from app.planning.models import Publication
from tests.app.participants.fixtures import smtp  # noqa: F401


def _announced(html):
    found = re.search(r"(\d+) participants? whose agenda changed will be e-mailed", html)
    return int(found.group(1)) if found else 0


def _publish(client, base):
    asked = client.post(f"{base}/publish", data={"kind": "preliminary"})
    html = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Publish the plan?" in html
    return html


def test_publishing_asks_and_the_count_agrees_with_the_mails_sent(small_event, login_as, smtp, db):  # noqa: F811
    event, _people = small_event
    adapter.apply_plan(event, scheduler.solve(adapter.to_problem(event), time_limit_s=2, workers=1, seed=0))
    db.session.commit()
    client = login_as("organiser")
    base = f"/organiser/events/{event.id}/planning"
    html = _publish(client, base)
    assert db.session.scalar(db.select(db.func.count(Publication.id))) == 0  # asking publishes nothing
    first = _announced(html)
    people = {p for m in db.session.scalars(db.select(Meeting)) for p in (m.participant_a_id, m.participant_b_id)}
    assert first == len(people) > 0
    assert f"Publish and e-mail {first} participants" in html
    assert client.post(f"{base}/publish", data={"kind": "preliminary", "confirmed": "yes"}).status_code == 302
    while run_due():
        pass
    assert len(smtp.messages) == first

    meeting = db.session.scalars(db.select(Meeting).where(Meeting.table_id.is_not(None))).first()
    used = {(m.slot_id, m.table_id) for m in db.session.scalars(db.select(Meeting))}
    busy = {m.slot_id for m in db.session.scalars(db.select(Meeting)) if m.id != meeting.id and
            {m.participant_a_id, m.participant_b_id} & {meeting.participant_a_id, meeting.participant_b_id}}
    slot, table = next((s, t) for s in event.slots for t in event.tables
                       if s.id not in busy and (s.id, t.id) not in used)
    editing.move_meeting(event, meeting, slot, table)
    db.session.commit()
    html = _publish(client, base)
    assert _announced(html) == 2  # the two people of the moved meeting
    client.post(f"{base}/publish", data={"kind": "preliminary", "confirmed": "yes"})
    while run_due():
        pass
    assert len(smtp.messages) == first + 2
    assert db.session.scalar(db.select(db.func.count(Publication.id))) == 1 + 1


def test_nothing_changed_says_nobody_is_e_mailed(small_event, login_as, db):
    from app.planning.services import publish

    event, _people = small_event
    adapter.apply_plan(event, scheduler.solve(adapter.to_problem(event), time_limit_s=2, workers=1, seed=0))
    publish(event, defer=True)
    db.session.commit()
    client = login_as("organiser")
    html = _publish(client, f"/organiser/events/{event.id}/planning")
    assert "nobody will be e-mailed" in html


def test_without_a_plan_there_is_nothing_to_confirm(small_event, login_as, db):
    event, _people = small_event
    db.session.commit()
    client = login_as("organiser")
    res = client.post(f"/organiser/events/{event.id}/planning/publish", data={"kind": "preliminary"},
                      follow_redirects=True)
    assert "There is no plan to publish yet" in res.get_data(as_text=True)
