"""Fixtures shared by the participant and meeting tests (imported by both conftest.py files)."""
import email
import email.policy
import socket
import threading

import pytest

from tests.sessions import sign_in_session


class Inbox:
    """Messages received by the local aiosmtpd server, parsed."""

    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(msg)
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def text(msg):
        return msg.get_body(preferencelist=("plain",)).get_content()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(app):
    """A real SMTP server on 127.0.0.1:<free port>; the app sends through it. Yields the Inbox."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    yield inbox
    controller.stop()
    app.config.update(SMTP_HOST=None)


@pytest.fixture
def signin(client):
    """signin(participant): the test client is now signed in as that participant."""
    def do(participant):
        from flask import g

        g.pop("_login_user", None)  # the tests' app context (and so g) outlives each request
        with client.session_transaction() as sess:
            sign_in_session(sess, participant)
        return participant
    return do


@pytest.fixture
def event(make_event, db):
    ev = make_event(sessions=2, privacy_en="We keep your data for the event only.",
                    privacy_cs="Vaše údaje používáme jen pro tuto akci.")
    db.session.commit()
    return ev


@pytest.fixture
def german(make_participant, make_organisation, event, db):
    org = make_organisation(name="Erzgebirge Metall GmbH", country="DE", region="Erzgebirgskreis",
                            city="Annaberg-Buchholz", nace_sectors=["C25"], registration_id="DE318000001")
    p = make_participant(event, email="anke.richter@erzmetall.example.de", organisation=org, first_name="Anke",
                         last_name="Richter", languages=["de", "en"], locale="de", phone="+49 151 1234567")
    db.session.commit()
    return p


@pytest.fixture
def czech(make_participant, make_organisation, event, db):
    org = make_organisation(name="Strojírny Jizera s.r.o.", country="CZ", region="Liberecký kraj", city="Liberec",
                            nace_sectors=["C28"], registration_id="27001112")
    p = make_participant(event, email="petr.svoboda@jizera.example.cz", organisation=org, first_name="Petr",
                         last_name="Svoboda", languages=["cs", "de"], locale="cs", phone="+420 777 123 456")
    db.session.commit()
    return p


def outbox(app):
    """The .eml files written without SMTP, oldest first, parsed."""
    from pathlib import Path

    folder = Path(app.instance_path) / "outbox"
    return [email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
            for f in sorted(folder.glob("*.eml"))] if folder.exists() else []


@pytest.fixture
def english(czech, german, db):
    """View tests read English pages: the two participants' saved language is English."""
    czech.locale = german.locale = "en"
    db.session.commit()
