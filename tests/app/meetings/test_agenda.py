"""My agenda: only once a plan is published; preliminary/final; partner contacts only then."""
import pytest

from app.events.models import EventStatus, Interpreter, Table
from app.meetings.models import Meeting
from app.planning.models import Publication, PublicationKind

pytestmark = pytest.mark.usefixtures("english")


def _meeting(db, czech, german):
    event = czech.event
    table = Table(event_id=event.id, number=7, zone="A")
    interpreter = Interpreter(event_id=event.id, name="Eva Tlumočnice", languages=["cs", "de"])
    db.session.add_all([table, interpreter])
    db.session.flush()
    slot = sorted(event.slots, key=lambda s: s.start_at)[1]  # 09:30 Berlin
    m = Meeting(event_id=event.id, participant_a_id=czech.id, participant_b_id=german.id, slot_id=slot.id,
                table_id=table.id, interpreter_id=interpreter.id)
    db.session.add(m)
    db.session.commit()
    return m


def test_no_meetings_before_publication_and_no_contacts(client, signin, czech, german, db):
    _meeting(db, czech, german)
    signin(czech)
    html = client.get(f"/e/{czech.event.slug}/agenda").get_data(as_text=True)
    assert "No meetings yet" in html and "Anke Richter" not in html
    assert german.email not in client.get(f"/e/{czech.event.slug}/participants/{german.id}").get_data(as_text=True)


def test_preliminary_agenda_shows_time_table_partner_languages_interpreter(client, signin, czech, german, db):
    _meeting(db, czech, german)
    db.session.add(Publication(event_id=czech.event_id, version=1, kind=PublicationKind.PRELIMINARY))
    db.session.commit()
    signin(czech)
    html = client.get(f"/e/{czech.event.slug}/agenda").get_data(as_text=True)
    assert "Preliminary plan" in html and "09:30" in html and "Anke Richter" in html
    assert "Erzgebirge Metall GmbH" in html and "German, English" in html and "Eva Tlumočnice" in html
    assert ">7<" in html and german.email in html
    assert german.email in client.get(f"/e/{czech.event.slug}/participants/{german.id}").get_data(as_text=True)


def test_final_label_and_no_contacts_for_unrelated_participants(client, signin, czech, german, make_participant, db):
    _meeting(db, czech, german)
    czech.event.status = EventStatus.PUBLISHED
    db.session.add(Publication(event_id=czech.event_id, version=1, kind=PublicationKind.PRELIMINARY))
    db.session.add(Publication(event_id=czech.event_id, version=2, kind=PublicationKind.FINAL))
    third = make_participant(czech.event)
    db.session.commit()
    signin(czech)
    assert "Final plan" in client.get(f"/e/{czech.event.slug}/agenda").get_data(as_text=True)
    signin(third)
    html = client.get(f"/e/{czech.event.slug}/agenda").get_data(as_text=True)
    assert "no meetings in this plan" in html
    assert german.email not in client.get(f"/e/{czech.event.slug}/participants/{german.id}").get_data(as_text=True)


def test_pdf_and_ical_links_only_when_the_endpoints_exist(client, signin, czech, german, app, db):
    czech.event.status = EventStatus.PUBLISHED
    db.session.commit()
    signin(czech)
    html = client.get(f"/e/{czech.event.slug}/agenda").get_data(as_text=True)
    has_pdf = "agendas.participant_pdf" in app.view_functions
    assert ("Download PDF" in html) == has_pdf
