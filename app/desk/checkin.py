"""Check-in at the desk: codes printed on the badges, checking in and undoing it, who is expected today.

A check-in code is derived, not stored: the first 40 bits of HMAC-SHA256(secret key, event and participant id),
written in Crockford's base32 (no I, L, O, U, so a typed code cannot be misread) as `XXXX-XXXX`. It names
nobody, it cannot be guessed from another badge, and no migration or backfill is needed for participants
registered before badges existed. Changing the secret key changes every code: print the badges again then.
Services flush, never commit.
"""
import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..i18n import utcnow
from ..meetings.models import Meeting, MeetingStatus
from ..participants.models import Participant, ParticipantStatus
from .services import current_slot

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
CODE_BITS = 40


def checkin_code(participant) -> str:
    """The participant's code, e.g. "7KQ2-XM4D" (the QR code on the badge carries exactly this text)."""
    key = current_app.secret_key.encode() if isinstance(current_app.secret_key, str) else current_app.secret_key
    message = f"coopex-checkin:{participant.event_id}:{participant.id}".encode()
    number = int.from_bytes(hmac.new(key, message, hashlib.sha256).digest()[:CODE_BITS // 8], "big")
    chars = "".join(ALPHABET[(number >> shift) & 31] for shift in range(CODE_BITS - 5, -1, -5))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_code(text: str) -> str:
    """What a scanner or a person typed, as the code is printed: case, spaces and dashes do not matter,
    O reads as 0 and I or L as 1."""
    raw = "".join(c for c in (text or "").upper() if c.isalnum()).translate(READ_AS)
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == CODE_BITS // 5 else raw


def find_by_code(event, text):
    """The approved participant of `event` whose code this is, or None."""
    code = normalise_code(text)
    if len(code) != 9:
        return None
    for person in approved_people(event):
        if hmac.compare_digest(checkin_code(person), code):
            return person
    return None


def approved_people(event):
    return db.session.scalars(select(Participant).where(
        Participant.event_id == event.id, Participant.status == ParticipantStatus.APPROVED)
        .options(selectinload(Participant.organisation))
        .order_by(Participant.last_name, Participant.first_name, Participant.id)).all()


def check_in(participant, now=None) -> bool:
    """Check the participant in; False when they already were (the first time is kept)."""
    if participant.checked_in_at is not None and not participant.absent:
        return False
    participant.checked_in_at = participant.checked_in_at or now or utcnow()
    participant.absent = False
    db.session.flush()
    return True


def undo_check_in(participant) -> bool:
    """Undo a check-in made by mistake; False when the participant was not checked in."""
    if participant.checked_in_at is None:
        return False
    participant.checked_in_at = None
    db.session.flush()
    return True


def is_present(participant) -> bool:
    return participant.checked_in_at is not None and not participant.absent


def fold(text: str) -> str:
    """Lower case without accents: "Dvořák" and "dvorak" match, so do "Müller" and "muller"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def matches(person, query) -> bool:
    if not query:
        return True
    org = person.organisation.name if person.organisation else ""
    return all(word in fold(f"{person.full_name} {org}") for word in fold(query).split())


@dataclass(frozen=True)
class DayOverview:
    day: date | None
    expected: list       # approved participants with a meeting on `day` (everybody approved if none has one)
    checked_in: list
    not_yet: list


def local_day(value: datetime, zone: str) -> date:
    return value.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(zone)).date()


def today(event, now=None):
    """The event day in progress or next (the last one once the event is over), in the event's zone."""
    slot = current_slot(event, now)
    return local_day(slot.start_at, event.timezone) if slot else None


def day_overview(event, now=None) -> DayOverview:
    day = today(event, now)
    people = approved_people(event)
    busy = _busy_on(event, day) if day else set()
    expected = [p for p in people if p.id in busy] or list(people)
    present = [p for p in expected if is_present(p)]
    return DayOverview(day, expected, present, [p for p in expected if not is_present(p)])


def _busy_on(event, day):
    """Ids of participants with a meeting (not cancelled) on `day`."""
    rows = db.session.scalars(select(Meeting).where(
        Meeting.event_id == event.id, Meeting.slot_id.is_not(None), Meeting.status != MeetingStatus.CANCELLED)
        .options(selectinload(Meeting.slot)))
    return {pid for m in rows if local_day(m.slot.start_at, event.timezone) == day
            for pid in (m.participant_a_id, m.participant_b_id)}
