"""Reminders and nudges as scheduled jobs: due in the event's time zone, sent once to the right people in their
language (real SMTP), never to people who opted out or deleted their data, each switchable per event."""
import re
from datetime import datetime, timedelta

from flask import g
from flask_babel import refresh
from sqlalchemy import select

from app.i18n import to_utc
from app.jobs import run_due
from app.jobs.models import Job
from app.meetings.models import MeetingRequest, RequestStatus
from app.outcomes.reminders import due_times, schedule_reminders
from app.planning.models import Publication, PublicationKind

BEFORE = datetime(2027, 1, 1)   # scheduling happens well before the event (10 March 2027, Europe/Berlin)


def _gone(people):
    people["pl"].anonymised_at = people["pl"].created_at      # deleted their data
    people["cz2"].opted_out_at = people["cz2"].created_at     # opted out


def _run(when, name="w1"):
    return run_due(now=when, name=name)


def test_due_times_are_local_wall_clock_times_of_the_event(db, small_event):
    event, people, meetings = small_event
    event.remind_confirm_days = 3
    event.request_deadline_at = to_utc(datetime(2027, 3, 29, 12, 0), "Europe/Berlin")   # after the DST change
    event.remind_requests_days = 2
    due = due_times(event)
    assert due["confirm"] == datetime(2027, 3, 7, 8, 0)       # 09:00 CET
    assert due["agenda"] == datetime(2027, 3, 9, 14, 0)       # 15:00 CET the day before
    assert due["requests"] == datetime(2027, 3, 27, 11, 0)    # 12:00 CET, two days before 12:00 CEST
    assert "no_meetings" not in due                           # no final plan yet
    event.remind_agenda = False
    assert "agenda" not in due_times(event)


def test_confirm_reminder_goes_once_in_each_language_and_the_answer_reaches_the_organiser(
        db, small_event, smtp, client, login, make_user):
    event, people, meetings = small_event
    _gone(people)
    schedule_reminders(event, now=BEFORE)
    schedule_reminders(event, now=BEFORE)       # the hourly job again: still one job
    db.session.commit()
    assert db.session.scalar(select(Job.id).where(Job.kind == "outcomes.remind").offset(4)) is None
    due = due_times(event)["confirm"]
    assert _run(due - timedelta(minutes=1)) == 0 and smtp.messages == []
    assert _run(due + timedelta(minutes=1)) == 1
    assert sorted(m["To"] for m in smtp.messages) == sorted([people["cz1"].email, people["de"].email])
    assert "přijdete" in smtp.to(people["cz1"].email)[0]["Subject"]
    assert "začíná 10. března 2027" in smtp.text(smtp.to(people["cz1"].email)[0])   # the event's own day
    assert "kommen Sie" in smtp.to(people["de"].email)[0]["Subject"]
    assert all("/opt-out/" in smtp.text(m) for m in smtp.messages)
    assert _run(due + timedelta(hours=1), name="w2-after-restart") == 0 and len(smtp.messages) == 2

    link = re.search(r"http://localhost(/e/small-2027/attend/\S+)", smtp.text(smtp.to(people["de"].email)[0]))
    page = client.get(link.group(1), headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Ich komme" in page
    assert client.post(link.group(1), data={"answer": "not_coming"}).status_code == 302
    db.session.expire_all()
    assert people["de"].attendance_answer == "not_coming"
    bad = client.post(link.group(1)[:-3] + "xyz", data={"answer": "coming"})
    assert bad.status_code == 400
    db.session.expire_all()
    assert people["de"].attendance_answer == "not_coming"

    make_user().locale = "en"
    db.session.commit()
    login()
    g.pop("_login_user", None)  # the tests' app context (and its cached user and locale) outlives requests
    refresh()
    board = client.get(f"/organiser/outcomes/events/{event.id}", headers={"Accept-Language": "en"})
    section = board.get_data(as_text=True).split('id="confirmations"')[1].split("</section>")[0]
    assert "Will come: 0 · cannot come: 1 · no answer: 2" in section
    assert people["de"].email in section and people["cz1"].email in section


def test_a_moved_date_or_a_switched_off_reminder_sends_nothing_twice(db, small_event, smtp):
    event, people, meetings = small_event
    schedule_reminders(event, now=BEFORE)
    db.session.commit()
    old_due = due_times(event)["confirm"]
    event.remind_confirm_days = 5                      # the organiser moves it earlier
    schedule_reminders(event, now=BEFORE)
    db.session.commit()
    new_due = due_times(event)["confirm"]
    assert new_due == old_due - timedelta(days=2)
    assert _run(new_due + timedelta(minutes=1)) == 1
    first = len(smtp.messages)
    assert first == 4                                  # the four approved people
    assert _run(old_due + timedelta(minutes=1)) == 1 and len(smtp.messages) == first   # the old job: nothing

    event.remind_agenda = False                        # switched off after it was queued
    db.session.commit()
    _run(due_times(event).get("agenda", datetime(2027, 3, 9, 14)) + timedelta(minutes=1))
    assert not [m for m in smtp.messages if "Morgen" in m["Subject"] or "Zítra" in m["Subject"]]


def test_agenda_the_day_before_lists_the_meetings_in_local_time(db, small_event, smtp):
    event, people, meetings = small_event
    _gone(people)
    event.remind_confirm = False
    schedule_reminders(event, now=BEFORE)
    db.session.commit()
    assert _run(datetime(2027, 3, 9, 13, 59)) == 0
    _run(datetime(2027, 3, 9, 14, 1))
    assert sorted(m["To"] for m in smtp.messages) == sorted([people["cz1"].email, people["de"].email])
    text = smtp.text(smtp.to(people["de"].email)[0])
    assert smtp.to(people["de"].email)[0]["Subject"].startswith("Morgen")
    partners = re.findall(r"^- (.+)$", text, re.M)
    assert len(partners) == 3                          # de meets cz1, cz2 and pl
    assert partners[0].startswith("Mi., 10.3. 09:00–09:25") and "Erzguss" not in text.split("- ")[1]
    assert "Jizera s.r.o." in partners[0]              # the first meeting: cz1 (Jizera) in the 09:00 slot


def test_request_nudge_reaches_who_sent_none_or_has_answers_to_give(db, small_event, smtp, make_participant):
    event, people, meetings = small_event
    quiet = make_participant(event, locale="de")       # sent nothing
    db.session.add(MeetingRequest(event_id=event.id, requester_id=people["cz2"].id, target_id=people["cz1"].id,
                                  status=RequestStatus.PENDING))   # cz1 must answer
    people["pl"].opted_out_at = people["pl"].created_at
    event.request_deadline_at = datetime(2027, 2, 20, 11, 0)
    schedule_reminders(event, now=BEFORE)
    db.session.commit()
    _run(datetime(2027, 2, 18, 11, 1))
    # de sent no request; cz1 has one to answer; cz2 sent requests and has none waiting; pl opted out
    assert sorted(m["To"] for m in smtp.messages) == sorted([people["de"].email, people["cz1"].email, quiet.email])
    cz1 = smtp.text(smtp.to(people["cz1"].email)[0])
    assert "Na Vaši odpověď čeká 1 žádost" in cz1 and "/e/small-2027/requests" in cz1
    assert "/marketplace" in smtp.text(smtp.to(quiet.email)[0])


def test_people_without_meetings_in_the_final_plan_are_told_why(db, small_event, smtp, make_participant):
    event, people, meetings = small_event
    declined = make_participant(event, locale="en")       # asked, was declined
    nobody = make_participant(event, locale="en")         # never asked anyone
    unfitted = make_participant(event, locale="en")       # accepted, but no common time
    db.session.add_all([
        MeetingRequest(event_id=event.id, requester_id=declined.id, target_id=people["de"].id,
                       status=RequestStatus.DECLINED),
        MeetingRequest(event_id=event.id, requester_id=unfitted.id, target_id=people["cz1"].id,
                       status=RequestStatus.ACCEPTED)])
    event.remind_confirm = event.remind_agenda = False
    pub = Publication(event_id=event.id, version=1, kind=PublicationKind.FINAL, created_at=datetime(2027, 3, 1, 9))
    db.session.add(pub)
    schedule_reminders(event, now=datetime(2027, 3, 1, 9, 5))
    db.session.commit()
    _run(datetime(2027, 3, 1, 10, 1))
    assert sorted(m["To"] for m in smtp.messages) == sorted([declined.email, nobody.email, unfitted.email])
    assert "None of your meeting requests was accepted" in smtp.text(smtp.to(declined.email)[0])
    assert "You did not send or receive any meeting request" in smtp.text(smtp.to(nobody.email)[0])
    unfit = smtp.text(smtp.to(unfitted.email)[0])
    assert "could not be fitted" in unfit and "/directory/" in unfit and "at the desk" in unfit
    db.session.add(Publication(event_id=event.id, version=2, kind=PublicationKind.FINAL,
                               created_at=datetime(2027, 3, 2, 9)))
    schedule_reminders(event, now=datetime(2027, 3, 2, 9, 5))
    db.session.commit()
    _run(datetime(2027, 3, 2, 10, 1))
    assert len(smtp.messages) == 3                      # a second final plan: nobody told twice
