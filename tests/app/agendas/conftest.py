"""Fixtures that build an event with a plan: slots, tables in zones, Meeting rows, publications."""
import io
from datetime import date, datetime, timedelta

import pytest

from app.i18n import to_utc


@pytest.fixture
def make_table(db):
    from app.events.models import Table

    def make(event, number, zone="A", **kw):
        table = Table(event=event, event_id=event.id, number=number, zone=zone, **kw)
        db.session.add(table)
        db.session.flush()
        return table
    return make


@pytest.fixture
def make_meeting(db):
    from app.meetings.models import Meeting

    def make(a, b, slot, table, **kw):
        meeting = Meeting(event_id=a.event_id, participant_a=a, participant_b=b, participant_a_id=a.id,
                          participant_b_id=b.id, slot=slot, slot_id=slot.id if slot else None, table=table,
                          table_id=table.id if table else None, **kw)
        db.session.add(meeting)
        db.session.flush()
        return meeting
    return make


@pytest.fixture
def publish(db):
    """publish(event, kind="preliminary") -> the next Publication, made by the planning feature's own
    publish() (snapshot and AgendaDelivery rows included; no e-mails)."""
    from app.planning.models import PublicationKind
    from app.planning.services import publish as planning_publish

    def make(event, kind="preliminary"):
        pub, _ = planning_publish(event, kind=PublicationKind(kind), notify=False)
        db.session.flush()
        return pub
    return make


@pytest.fixture
def plan_event(db, make_event, make_participant, make_organisation, make_table, make_meeting):
    """Kooperationsbörse on 2027-03-10 (4 slots, 09:00–10:55 CET) with three people and three meetings.

    Jiří Dvořák (cs) meets Jürgen Weiß (de) at 09:00 on table 1 (zone A) with an interpreter, and Zofia
    Wójcik (en) at 09:30 on table 2 (zone B). Weiß meets Wójcik at 10:00 on table 1.
    """
    from app.events.models import Interpreter

    event = make_event(slug="burza-2027", contact_email="burza@example.cz")
    slots = event.slots
    cz = make_participant(event, first_name="Jiří", last_name="Dvořák", locale="cs", languages=["cs", "de"],
                          email="jiri.dvorak@example.cz", position="jednatel",
                          organisation=make_organisation(name="Strojírny Žďár s.r.o.", country="CZ"))
    de = make_participant(event, first_name="Jürgen", last_name="Weiß", locale="de", languages=["de", "en"],
                          email="juergen.weiss@example.de",
                          organisation=make_organisation(name="Präzisionsteile Müller GmbH", country="DE"))
    pl = make_participant(event, first_name="Zofia", last_name="Wójcik", locale="en", languages=["pl", "en"],
                          email="zofia.wojcik@example.pl",
                          organisation=make_organisation(name="Łódź Łożyska Sp. z o.o.", country="PL"))
    t1, t2 = make_table(event, 1, "A"), make_table(event, 2, "B")
    interpreter = Interpreter(event=event, name="Věra Šťastná", languages=["cs", "de"])
    db.session.add(interpreter)
    db.session.flush()
    m1 = make_meeting(cz, de, slots[0], t1, interpreter=interpreter)
    m2 = make_meeting(cz, pl, slots[1], t2)
    m3 = make_meeting(de, pl, slots[2], t1)
    db.session.commit()
    return {"event": event, "cz": cz, "de": de, "pl": pl, "tables": (t1, t2), "slots": slots,
            "meetings": (m1, m2, m3), "interpreter": interpreter}


@pytest.fixture
def dst_event(db, make_participant, make_organisation, make_table, make_meeting):
    """Europe/Berlin event around the 2027-03-28 switch: a meeting at 10:00 local on 27 March and 29 March."""
    from app.events.models import Event, EventSession, EventStatus, Slot

    event = Event(slug="dst-2027", name_en="Spring exchange", name_de="Frühlingsbörse", name_cs="Jarní burza",
                  venue="Zittau", timezone="Europe/Berlin", status=EventStatus.OPEN)
    db.session.add(event)
    db.session.flush()
    slots = []
    for code, day in (("sat", date(2027, 3, 27)), ("mon", date(2027, 3, 29))):
        start = to_utc(datetime.combine(day, datetime.min.time()) + timedelta(hours=10), "Europe/Berlin")
        sess = EventSession(event=event, code=code, day=day, start_at=start, end_at=start + timedelta(hours=1))
        db.session.add(sess)
        db.session.flush()
        slot = Slot(event_id=event.id, session=sess, start_at=start, end_at=start + timedelta(minutes=25))
        db.session.add(slot)
        slots.append(slot)
    db.session.flush()
    a = make_participant(event, first_name="Petra", last_name="Nováková", locale="cs")
    b = make_participant(event, first_name="Uwe", last_name="Schröder", locale="de",
                         organisation=make_organisation(name="Schröder Metallbau KG", country="DE"))
    table = make_table(event, 5, "A")
    m1 = make_meeting(a, b, slots[0], table)
    m2 = make_meeting(b, a, slots[1], table, uid="second-meeting@coopex")
    db.session.commit()
    return {"event": event, "a": a, "b": b, "meetings": (m1, m2), "slots": slots}


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)
