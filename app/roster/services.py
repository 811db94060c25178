"""Organiser participant admin: filters, approval, edits on someone's behalf, CSV/XLSX import.

Services flush, never commit.
"""
import csv
import io
import re
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from ..config import LANGUAGES
from ..extensions import db
from ..labels import COUNTRY_NAMES, LANGUAGE_NAMES
from ..participants.models import Organisation, Participant, ParticipantRole, ParticipantStatus

COLUMNS = ("first_name", "last_name", "email", "organisation", "country", "languages", "locale", "role",
           "phone", "position")
REQUIRED = ("first_name", "last_name", "email", "organisation", "country")
MAX_ROWS = 2000
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")  # every imported column is a one-line value
LENGTHS = {"first_name": 100, "last_name": 100, "email": 254, "organisation": 200, "phone": 40, "position": 120}


class RosterError(ValueError):
    pass


def list_participants(event, q="", status=None, country=None, role=None):
    stmt = select(Participant).outerjoin(Participant.organisation).where(Participant.event_id == event.id)
    if q:
        like = f"%{q.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(Participant.first_name).like(like), func.lower(Participant.last_name)
                              .like(like), func.lower(Participant.email).like(like),
                              func.lower(Organisation.name).like(like)))
    if status:
        stmt = stmt.where(Participant.status == ParticipantStatus(status))
    if country:
        stmt = stmt.where(Organisation.country == country)
    if role:
        stmt = stmt.where(Participant.role == ParticipantRole(role))
    return db.session.scalars(stmt.order_by(Participant.last_name, Participant.first_name)).all()


def set_status(participant, approved, notify=True):
    new = ParticipantStatus.APPROVED if approved else ParticipantStatus.REJECTED
    if participant.status == new:
        return participant
    participant.status = new
    db.session.flush()
    if notify:
        from ..planning.notify import send_status_notice

        send_status_notice(participant, approved)
    return participant


def update_participant(participant, *, organisation_name=None, country=None, **values):
    email = values.get("email")
    if email and email.lower() != (participant.email or "").lower() and db.session.scalar(select(Participant).where(
            Participant.event_id == participant.event_id, func.lower(Participant.email) == email.lower())):
        raise RosterError(_("Another participant of this event uses this e-mail address."))
    for key, value in values.items():
        setattr(participant, key, value)
    if organisation_name:
        participant.organisation = find_or_create_organisation(organisation_name, country or participant.country)
    elif country and participant.organisation:
        participant.organisation.country = country
    db.session.flush()
    return participant


def find_or_create_organisation(name, country):
    org = db.session.scalar(select(Organisation).where(func.lower(Organisation.name) == name.strip().lower(),
                                                       Organisation.country == country))
    if org is None:
        org = Organisation(name=name.strip(), country=country)
        db.session.add(org)
        db.session.flush()
    return org


# ---------------------------------------------------------------- import
@dataclass
class ImportRow:
    number: int
    values: dict
    errors: list = field(default_factory=list)


def read_table(filename, content):
    """Rows (dicts with lower-case headers) of a CSV (UTF-8, comma or semicolon) or XLSX file."""
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(content)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(content)
    raise RosterError(_("Upload a .csv or .xlsx file."))


def _read_csv(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterError(_("The CSV file must be UTF-8 encoded.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text.strip() else ",", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect=dialect))
    if not rows:
        raise RosterError(_("The file is empty."))
    return _as_dicts(rows[0], rows[1:])


def _as_dicts(header, rows):
    """Rows as dicts keyed by the lower-case header; a repeated column name is refused (which one counts?)."""
    header = [str(h or "").strip().lower() for h in header]
    named = [h for h in header if h]
    twice = sorted({h for h in named if named.count(h) > 1})
    if twice:
        raise RosterError(_("The column %(columns)s appears more than once in the first row.",
                            columns=", ".join(twice)))
    if not named:
        raise RosterError(_("The first row must name the columns (first_name, last_name, email, …)."))
    return [{h: ("" if v is None else str(v).strip()) for h, v in zip(header, r, strict=False) if h}
            for r in rows if any(v not in (None, "") for v in r)]


def check_xlsx_size(content, limit):
    """Refuse a zip bomb before openpyxl unpacks it: an XLSX is a zip whose members may expand 1000-fold."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise RosterError(_("The Excel file cannot be read.")) from exc
    if unpacked > limit:
        raise RosterError(_("The Excel file unpacks to more than %(size)s MB; split it or save it as CSV.",
                            size=limit // (1024 * 1024)))


def _read_xlsx(content):
    from flask import current_app
    from openpyxl import load_workbook

    check_xlsx_size(content, current_app.config["XLSX_MAX_UNCOMPRESSED"])
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise RosterError(_("The Excel file cannot be read.")) from exc
    try:
        rows = list(wb.active.iter_rows(values_only=True))
    finally:
        wb.close()
    if not rows:
        raise RosterError(_("The file is empty."))
    return _as_dicts(rows[0], rows[1:])


def check_rows(event, rows):
    """Every row with its errors; nothing is written."""
    if not rows:
        raise RosterError(_("The file has no rows with participants under its first row."))
    if len(rows) > MAX_ROWS:
        raise RosterError(_("At most %(n)s rows can be imported at once.", n=MAX_ROWS))
    existing = {e.lower() for e in db.session.scalars(select(Participant.email).where(
        Participant.event_id == event.id))}
    seen, out = set(), []
    for n, raw in enumerate(rows, start=2):
        row = ImportRow(n, {c: raw.get(c, "") for c in COLUMNS})
        _check_row(row, existing, seen)
        out.append(row)
    return out


def _check_row(row, existing, seen):
    v = row.values
    for c, value in v.items():
        if CONTROL.search(value):
            row.errors.append(_("%(column)s contains line breaks or control characters.", column=c))
        elif len(value) > LENGTHS.get(c, 300):
            row.errors.append(_("%(column)s is longer than %(n)s characters.", column=c, n=LENGTHS.get(c, 300)))
    for c in REQUIRED:
        if not v[c]:
            row.errors.append(_("%(column)s is missing.", column=c))
    if v["email"]:
        try:
            v["email"] = validate_email(v["email"], check_deliverability=False).normalized
        except EmailNotValidError:
            row.errors.append(_("The e-mail address is not valid."))
        if v["email"].lower() in existing:
            row.errors.append(_("This e-mail address is already registered for the event."))
        elif v["email"].lower() in seen:
            row.errors.append(_("This e-mail address appears twice in the file."))
        seen.add(v["email"].lower())
    v["country"] = v["country"].upper()
    if v["country"] and v["country"] not in COUNTRY_NAMES:
        row.errors.append(_("Unknown country code %(code)s.", code=v["country"]))
    langs = [x.strip().lower() for x in v["languages"].replace(";", ",").replace(" ", ",").split(",") if x.strip()]
    bad = [x for x in langs if x not in LANGUAGE_NAMES]
    if bad:
        row.errors.append(_("Unknown language code %(code)s.", code=", ".join(bad)))
    v["languages"] = langs
    v["locale"] = (v["locale"] or (langs[0] if langs and langs[0] in LANGUAGES else "en")).lower()
    if v["locale"] not in LANGUAGES:
        row.errors.append(_("The language for e-mails must be cs, de or en."))
    v["role"] = (v["role"] or "participant").lower()
    if v["role"] not in {r.value for r in ParticipantRole}:
        row.errors.append(_("The role must be participant or exhibitor."))


def import_rows(event, rows, status=ParticipantStatus.APPROVED):
    """Write checked rows; refuses if any row has an error."""
    if any(r.errors for r in rows):
        raise RosterError(_("Correct the rows with errors first; nothing was imported."))
    made = []
    for r in rows:
        v = r.values
        org = find_or_create_organisation(v["organisation"], v["country"])
        p = Participant(event_id=event.id, organisation=org, first_name=v["first_name"], last_name=v["last_name"],
                        email=v["email"], phone=v["phone"], position=v["position"], languages=v["languages"],
                        locale=v["locale"], role=ParticipantRole(v["role"]), status=status)
        db.session.add(p)
        made.append(p)
    db.session.flush()
    return made
