"""Agenda e-mails captured by a real local SMTP server (aiosmtpd); attachments open."""
import email
import socket
from email import policy

import pytest
from icalendar import Calendar
from sqlalchemy import select

from app.agendas import services
from app.planning.models import AgendaDelivery, EmailRecord

from .conftest import pdf_text


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp(app):
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    yield collector
    controller.stop()


def _attachments(msg):
    return {part.get_filename(): part.get_content() for part in msg.iter_attachments()}


def test_agenda_emails_in_each_language_with_attachments_that_open(plan_event, publish, smtp, db):
    pub = publish(plan_event["event"])
    ids = [plan_event["cz"].id, plan_event["de"].id]
    assert services.send_agenda_emails(pub, ids) == 2
    db.session.commit()
    by_to = {str(m["To"]): m for m in smtp.messages}
    czech, german = by_to["jiri.dvorak@example.cz"], by_to["juergen.weiss@example.de"]
    assert "Váš program" in str(czech["Subject"]) and "verze 1" in str(czech["Subject"])
    assert "Ihr Terminplan" in str(german["Subject"])
    assert "Dobrý den,\n" in czech.get_body(("plain",)).get_content()
    files = _attachments(czech)
    pdf_name = f"agenda-dvorak-{plan_event['cz'].id}.pdf"
    assert "Můj program schůzek" in pdf_text(files[pdf_name])
    cal = Calendar.from_ical(files[pdf_name.replace(".pdf", ".ics")])
    assert len(cal.walk("VEVENT")) == 2
    deliveries = db.session.scalars(select(AgendaDelivery)).all()
    assert {d.participant_id for d in deliveries if d.sent_at} == set(ids)
    records = db.session.scalars(select(EmailRecord).where(EmailRecord.kind == "agenda")).all()
    assert {r.locale for r in records} == {"cs", "de"} and all(len(r.attachments) == 2 for r in records)


def test_resend_only_to_those_whose_agenda_changed(plan_event, publish, smtp, db):
    event = plan_event["event"]
    pub = publish(event)
    everyone = [plan_event[k].id for k in ("cz", "de", "pl")]
    assert services.send_agenda_emails(pub, everyone) == 3
    db.session.commit()
    assert services.changed_participants(event) == []
    m3 = plan_event["meetings"][2]  # Weiß × Wójcik moves to the last slot
    m3.slot = plan_event["slots"][3]
    m3.sequence += 1
    db.session.flush()
    publish(event)
    smtp.messages.clear()
    assert services.resend_changed_agendas(event) == 2
    assert sorted(str(m["To"]) for m in smtp.messages) == ["juergen.weiss@example.de", "zofia.wojcik@example.pl"]
    assert services.changed_participants(event) == []


def test_agenda_hash_follows_the_plan(plan_event, db):
    cz = plan_event["cz"]
    first = services.agenda_hash(cz)
    assert len(first) == 64 and services.agenda_hash(cz) == first
    plan_event["meetings"][0].table = plan_event["tables"][1]
    db.session.flush()
    assert services.agenda_hash(cz) != first
    from app.planning.services import agenda_hash as planning_hash
    from app.planning.services import agenda_lines

    for person in (plan_event["cz"], plan_event["de"], plan_event["pl"]):
        expected = planning_hash(agenda_lines(plan_event["event"]).get(person.id, []))
        assert services.agenda_hash(person) == expected  # the hash planning stores in AgendaDelivery


def test_mail_failure_is_skipped_not_fatal(plan_event, publish, app, db):
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=1)  # nothing listens there
    pub = publish(plan_event["event"])
    assert services.send_agenda_emails(pub, [plan_event["cz"].id]) == 0
    assert [d.sent_at for d in db.session.scalars(select(AgendaDelivery))] == [None, None, None]



def test_publishing_the_plan_sends_agendas_through_this_feature(plan_event, smtp, db):
    """planning.publish(notify=True) calls send_agenda_emails: every changed agenda goes out with PDF + .ics."""
    from app.planning.services import publish

    pub, count = publish(plan_event["event"], notify=True)
    assert count == 3 and len(smtp.messages) == 3
    assert all(len(_attachments(m)) == 2 for m in smtp.messages)
    assert all(d.sent_at for d in pub.deliveries)
