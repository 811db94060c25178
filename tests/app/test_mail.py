"""Every e-mail has a plain part and a branded HTML part built from the same text."""
from email import message_from_bytes, policy
from pathlib import Path

from app.mail import Attachment, send_email


def _outbox(app):
    files = sorted((Path(app.instance_path) / "outbox").glob("*.eml"))
    return [message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]


def test_html_part_is_escaped_linked_and_titled_with_the_event(app, make_event, db):
    event = make_event()
    text = "Dobrý den,\nklikněte: https://coopex.example.org/e/x/signin/abc?y=1\n\n<b>Ne tučně</b> & dál"
    send_email("jana@example.cz", "Přihlášení", text, kind="signin", locale="cs", event=event,
               attachments=[Attachment("a.ics", b"BEGIN:VCALENDAR", "text/calendar")])
    msg = _outbox(app)[-1]
    assert msg.get_body(("plain",)).get_content().strip() == text
    html = msg.get_body(("html",)).get_content()
    assert "Kooperační burza" in html  # the event's Czech name in the header
    assert '<a href="https://coopex.example.org/e/x/signin/abc?y=1"' in html
    assert "&lt;b&gt;Ne tučně&lt;/b&gt; &amp; dál" in html and "<b>" not in html
    assert "Dobrý den,<br>" in html
    assert [a.get_filename() for a in msg.iter_attachments()] == ["a.ics"]


def test_explicit_html_is_kept(app):
    send_email("a@example.org", "S", "plain", html="<p>mine</p>")
    assert _outbox(app)[-1].get_body(("html",)).get_content().strip() == "<p>mine</p>"
