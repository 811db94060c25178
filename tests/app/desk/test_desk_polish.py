"""The desk: walk-ins without an e-mail address, searchable "wants to meet" picker, the re-plan result per
person (before/now, local times) with a count of e-mails that agrees with what the SMTP server received."""
import re

import scheduler
from app.jobs import run_due
from app.meetings.models import Meeting, MeetingStatus
from app.participants.models import Participant
from app.planning import adapter, runs
from app.planning.models import ScheduleRun
from app.planning.services import publish
from tests.app.participants.fixtures import smtp  # noqa: F401


def _walk_in(client, event, **overrides):
    data = {"first_name": "Petr", "last_name": "Novák", "email": "", "organisation": "Nová firma",
            "country": "CZ", "languages": ["cs", "de"], "locale": "cs", **overrides}
    return client.post(f"/desk/events/{event.id}/walk-ins", data=data)


def test_a_walk_in_needs_no_e_mail_address(small_event, login_as, db):
    event, people = small_event
    db.session.commit()
    client = login_as("desk")
    assert _walk_in(client, event, wants=[people[3].id]).status_code == 302
    assert _walk_in(client, event, first_name="Eva", last_name="Malá").status_code == 302  # a second one, too
    walk_ins = db.session.scalars(db.select(Participant).where(Participant.email.is_(None))).all()
    assert sorted(p.last_name for p in walk_ins) == ["Malá", "Novák"]
    pair = adapter.pair_key(walk_ins[0].id if walk_ins[0].last_name == "Novák" else walk_ins[1].id, people[3].id)
    assert pair in {m.id for m in adapter.to_problem(event).meetings}
    assert "Malá" in client.get(f"/desk/events/{event.id}/").get_data(as_text=True)


def test_a_bad_e_mail_address_is_still_refused(small_event, login_as, db):
    event, _people = small_event
    db.session.commit()
    client = login_as("desk")
    _walk_in(client, event, email="not-an-address")
    assert db.session.scalar(db.select(db.func.count(Participant.id)).where(Participant.last_name == "Novák")) == 0


def test_the_wants_picker_filters_without_javascript_ignoring_accents(small_event, login_as, db):
    event, people = small_event
    people[3].last_name, people[4].last_name = "Dvořák", "Šťastná"
    db.session.commit()
    client = login_as("desk")
    html = client.get(f"/desk/events/{event.id}/", query_string={"who": "dvorak"}).get_data(as_text=True)
    picker = html[html.index('name="wants"'):html.index("</select>", html.index('name="wants"'))]
    assert f'value="{people[3].id}"' in picker and f'value="{people[4].id}"' not in picker
    assert 'data-filter="Find by name or organisation"' in html and "js/pickers.js" in html
    full = client.get(f"/desk/events/{event.id}/").get_data(as_text=True)
    picker = full[full.index('name="wants"'):full.index("</select>", full.index('name="wants"'))]
    assert all(f'value="{p.id}"' in picker for p in people)


def test_replan_result_lists_before_and_now_per_person_and_counts_the_e_mails(small_event, login_as, smtp, db):  # noqa: F811
    event, people = small_event
    adapter.apply_plan(event, scheduler.solve(adapter.to_problem(event), time_limit_s=2, workers=1, seed=0))
    publish(event, notify=False)
    people[5].email = None  # a walk-in without an address: listed, never e-mailed
    db.session.commit()
    busy = {}
    for m in db.session.scalars(db.select(Meeting).where(Meeting.status == MeetingStatus.SCHEDULED)):
        for pid in (m.participant_a_id, m.participant_b_id):
            busy[pid] = busy.get(pid, 0) + 1
    absent = max((p for p in people[:5]), key=lambda p: busy.get(p.id, 0))
    client = login_as("desk")
    client.post(f"/desk/events/{event.id}/participants/{absent.id}/absent")
    client.post(f"/desk/events/{event.id}/replan", data={"from_slot": event.slots[0].code})
    run = db.session.scalars(db.select(ScheduleRun)).one()
    run.parameters = {**run.parameters, "time_limit_s": 2}
    db.session.commit()
    runs.execute_run(runs.claim_next("desk-worker"), beat_every_s=0.2)
    assert client.post(f"/desk/events/{event.id}/replan/{run.id}/apply").status_code == 302
    while run_due():
        pass
    page = client.get(f"/desk/events/{event.id}/replan/{run.id}").get_data(as_text=True)
    announced = int(re.search(r"(\d+) participants? (?:is|are) being e-mailed", page).group(1))
    assert announced == len(smtp.messages) > 0
    assert all(str(m["To"]) != "" for m in smtp.messages)
    table = page[page.index('id="changes"'):]
    partners = [p for p in people if p.id != absent.id and busy.get(p.id)]
    assert absent.full_name in table and "cancelled" in table
    assert any(p.full_name in table for p in partners)
    assert re.search(r"Mar 1[01], 2027 (09|1\d):\d\d · table \d", table)  # local times, not slot codes
    assert "T08" not in table and "s1-" not in table
