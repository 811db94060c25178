"""Agenda e-mails (issue 20): dates and times as the reader's language writes them (no '10.03. 09:00'),
and a section on the wishes that did not become meetings."""
from datetime import datetime

import pytest

from app.agendas import services
from app.meetings.models import MeetingRequest, RequestStatus
from app.planning.models import RunStatus, ScheduleRun
from tests.app.participants import fixtures as shared


@pytest.fixture
def lost_wish(plan_event, make_participant, make_organisation, db):
    """Jiří Dvořák also wanted to meet Lena Krause; the plan found no common free time."""
    cz = plan_event["cz"]
    lena = make_participant(cz.event, first_name="Lena", last_name="Krause", locale="de",
                            organisation=make_organisation(name="Krause Formenbau GmbH", country="DE"))
    db.session.add(MeetingRequest(event_id=cz.event_id, requester_id=cz.id, target_id=lena.id,
                                  status=RequestStatus.ACCEPTED))
    lo, hi = sorted((cz.id, lena.id))
    db.session.add(ScheduleRun(event_id=cz.event_id, status=RunStatus.DONE, applied_at=datetime(2027, 1, 5),
                               plan={"assignments": [], "unscheduled": [
                                   {"meeting": f"m{lo}-{hi}", "reason": "no_common_slot"}]}))
    db.session.commit()
    return lena


@pytest.fixture
def inbox(app):
    """A real SMTP server (aiosmtpd) the app sends through; the shared Inbox parses what arrives."""
    from aiosmtpd.controller import Controller

    received = shared.Inbox()
    controller = Controller(received, hostname="127.0.0.1", port=shared._free_port())
    controller.start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    yield received
    controller.stop()
    app.config.update(SMTP_HOST=None)


def _text(received, address):
    msg = next(m for m in received.messages if str(m["To"]) == address)
    return msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()


def test_czech_agenda_mail_writes_dates_the_czech_way_and_lists_the_lost_wish(plan_event, publish, lost_wish,
                                                                             inbox, db):
    pub = publish(plan_event["event"])
    assert services.send_agenda_emails(pub, [plan_event["cz"].id]) == 1
    text, html = _text(inbox, "jiri.dvorak@example.cz")
    for body in (text, html):
        assert "středa 10. března 2027" in body and "9:00–9:25" in body and "9:30–9:55" in body
        assert "10.03." not in body and "2027-03-10" not in body
        assert "Vaše další přání schůzek" in body
        assert "Krause Formenbau GmbH" in body and "nemáte společný volný čas" in body


def test_german_agenda_mail_writes_dates_the_german_way(plan_event, publish, inbox, db):
    pub = publish(plan_event["event"])
    assert services.send_agenda_emails(pub, [plan_event["de"].id]) == 1
    text, html = _text(inbox, "juergen.weiss@example.de")
    for body in (text, html):
        assert "Mittwoch, 10. März 2027" in body and "09:00–09:25" in body and "10:00–10:25" in body
        assert "Ihre weiteren Gesprächswünsche" not in body  # every wish of his is a meeting
