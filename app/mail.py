"""E-mail delivery: SMTP when COOPEX_SMTP_HOST is set, otherwise .eml files in instance/outbox/.

Callers render subject and body under the recipient's locale (app.i18n.in_locale); this module only
delivers and records. It adds to the session (EmailRecord) but never commits.
"""
import email.policy
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import getaddresses, make_msgid
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, has_request_context, render_template, url_for
from markupsafe import Markup, escape
from sqlalchemy.orm import Mapped, mapped_column

from .db_types import created_at
from .extensions import db
from .i18n import in_locale, utcnow


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str = "application/octet-stream"


class MailError(RuntimeError):
    pass


def header_text(value):
    """One line for a header: a CR/LF or other control character (e.g. from a participant's name) would make
    EmailMessage refuse the subject, or, worse, start a new header; they become spaces."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]", " ", str(value or "")).split())


def build_message(to, subject, text, html=None, attachments=()):
    to, subject = header_text(to), header_text(subject)
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_FROM"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain="coopex.localhost")
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    for att in attachments:
        maintype, _, subtype = att.mimetype.partition("/")
        msg.add_attachment(att.content, maintype=maintype, subtype=subtype, filename=att.filename)
    return msg


def send_email(to, subject, text, *, html=None, attachments=(), kind="other", locale="en",
               event=None, participant=None):
    """Deliver and record one e-mail; nothing (None) for someone without an address (a walk-in registered at
    the desk without one)."""
    if not (to or "").strip():
        return None
    subject = header_text(subject)
    if html is None:
        html = html_version(text, subject, locale, event)
    footer = _funding_footer(event, locale)  # the HTML part draws it with the emblem (emails/_layout.html)
    if footer:
        text = f"{text.rstrip()}\n\n-- \n{footer}\n"
    msg = build_message(to, subject, text, html, attachments)
    if current_app.config.get("SMTP_HOST"):
        _send_smtp(msg)
    else:
        _write_outbox(msg, kind)
    record = _record(to, subject, kind, locale, event, participant, attachments)
    return record


def external_url(endpoint, **values):
    """An absolute link for e-mails: SERVER_NAME_FOR_LINKS + the route (works outside requests too)."""
    base = (current_app.config.get("SERVER_NAME_FOR_LINKS") or "").rstrip("/")
    if has_request_context():
        path = url_for(endpoint, **values)
    else:
        with current_app.test_request_context("/"):
            path = url_for(endpoint, **values)
    return base + path


_URL = re.compile(r"https?://[^\s<>\"]+")


def html_version(text, subject, locale="en", event=None):
    """The plain text as a simple branded HTML part: paragraphs, line breaks and clickable links."""
    title = event.localised("name", locale) if event is not None else "coopex"
    paragraphs = [_linkify(block) for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    with in_locale(locale):
        return render_template("emails/_layout.html", title=title, subject=subject, locale=locale,
                               paragraphs=paragraphs, event=event)


# The plain-text footer of an event's e-mails (the funding statement); app.events.branding sets it, so this
# base module imports no feature.
FOOTER = {"text": lambda event: ""}


def _funding_footer(event, locale):
    with in_locale(locale):
        return FOOTER["text"](event)


def _linkify(block):
    out, last = [], 0
    for match in _URL.finditer(block):
        out.append(escape(block[last:match.start()]))
        url = match.group(0)
        out.append(Markup('<a href="{0}" style="color:#0b5cad">{0}</a>').format(url))
        last = match.end()
    out.append(escape(block[last:]))
    return Markup("<br>\n").join(Markup("").join(out).split("\n"))


def _send_smtp(msg):
    cfg = current_app.config
    try:
        with smtplib.SMTP(cfg["SMTP_HOST"], int(cfg["SMTP_PORT"]), timeout=30) as smtp:
            if cfg.get("SMTP_STARTTLS"):
                smtp.starttls(context=ssl.create_default_context())
            if cfg.get("SMTP_USER"):
                smtp.login(cfg["SMTP_USER"], cfg["SMTP_PASSWORD"] or "")
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"SMTP delivery to {msg['To']} failed: {exc}") from exc


def _write_outbox(msg, kind):
    outbox = Path(current_app.instance_path) / "outbox"
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    (outbox / f"{stamp}-{kind}.eml").write_bytes(bytes(msg))


def erase_outbox_copies(address):
    """GDPR erasure: delete the outbox .eml files addressed to `address`; returns how many."""
    outbox = Path(current_app.instance_path) / "outbox"
    if not address or not outbox.is_dir():
        return 0
    wanted, removed = address.strip().lower(), 0
    for path in outbox.glob("*.eml"):
        with path.open("rb") as fh:
            headers = BytesHeaderParser(policy=email.policy.default).parse(fh)
        if any(addr.lower() == wanted for _name, addr in getaddresses(headers.get_all("To", []))):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _record(to, subject, kind, locale, event, participant, attachments):
    record = EmailRecord(to=to, subject=subject[:300], kind=kind, locale=locale,
                         event_id=getattr(event, "id", None), participant_id=getattr(participant, "id", None),
                         attachments=[a.filename for a in attachments])
    db.session.add(record)
    return record


class EmailRecord(db.Model):
    """Every e-mail sent (or written to the outbox): to whom, what, in which language."""
    __tablename__ = "email_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("participants.id", ondelete="SET NULL"))
    to: Mapped[str] = mapped_column(sa.String(254))
    kind: Mapped[str] = mapped_column(sa.String(40))  # registration, signin, request_new, agenda, …
    subject: Mapped[str] = mapped_column(sa.String(300))
    locale: Mapped[str] = mapped_column(sa.String(5))
    attachments: Mapped[list] = mapped_column(sa.JSON, default=list)  # file names
    created_at = created_at()
