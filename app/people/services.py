"""Person accounts across events: linking participations, the person's events, sessions. Flush, never commit."""
import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..extensions import db
from ..participants.models import Participant, ParticipantStatus
from .models import Person

ACTIVE = (ParticipantStatus.PENDING, ParticipantStatus.APPROVED)


def normalise(email):
    return (email or "").strip().lower()


def find_person(email):
    email = normalise(email)
    return db.session.scalar(select(Person).where(Person.email == email)) if email else None


def _linkable(participant):
    email = normalise(participant.email)
    return participant.anonymised_at is None and bool(email) and not email.endswith("@invalid")


def _person_in(session, email, locale):
    """The person with this address: stored, added earlier in this flush, or new."""
    pending = next((o for o in session.new if isinstance(o, Person) and o.email == email), None)
    if pending is not None:
        return pending
    with session.no_autoflush:
        person = session.scalar(select(Person).where(Person.email == email))
    if person is None:
        person = Person(email=email, locale=locale or "en")
        session.add(person)
    return person


def _link_participants(session, flush_context, instances):
    """Every participation is linked to its person by normalised e-mail, whoever creates it (registration, the
    roster import, the desk, the demo); an anonymised one is unlinked. Runs before each flush."""
    for obj in [*session.new, *session.dirty]:
        if not isinstance(obj, Participant):
            continue
        with session.no_autoflush:
            if not _linkable(obj):
                obj.person = None
                continue
            email = normalise(obj.email)
            if obj.person is None or obj.person.email != email:
                obj.person = _person_in(session, email, obj.locale)
                obj.person.locale = obj.locale or obj.person.locale


def init_linking():
    if not sa.event.contains(Session, "before_flush", _link_participants):
        sa.event.listen(Session, "before_flush", _link_participants)


def participations(person):
    """The person's participations that are still theirs (not anonymised), latest event first."""
    from ..events.models import Event

    return db.session.scalars(select(Participant).join(Event, Event.id == Participant.event_id)
                              .where(Participant.person_id == person.id, Participant.anonymised_at.is_(None))
                              .order_by(Event.id.desc())).all()


def same_person_at(participant, event):
    """The active participation of `participant`'s person at `event`, or None."""
    if participant.person_id is None:
        return None
    return db.session.scalar(select(Participant).where(
        Participant.person_id == participant.person_id, Participant.event_id == event.id,
        Participant.status.in_(ACTIVE)))


def participation_at(person, event):
    """The person's participation at `event` in any status, or None."""
    return db.session.scalar(select(Participant).where(Participant.person_id == person.id,
                                                       Participant.event_id == event.id))


def latest_participation(person, exclude_event=None):
    """The participation to pre-fill a new registration from: the most recent one that is still theirs."""
    stmt = (select(Participant).where(Participant.person_id == person.id, Participant.anonymised_at.is_(None))
            .order_by(Participant.created_at.desc(), Participant.id.desc()))
    if exclude_event is not None:
        stmt = stmt.where(Participant.event_id != exclude_event.id)
    return db.session.scalars(stmt).first()


def signin_participation(email):
    """The active participation whose sign-in link signs the person in (for all their events): the latest."""
    person = find_person(email)
    if person is None:
        return None
    return db.session.scalars(select(Participant).where(Participant.person_id == person.id,
                                                        Participant.status.in_(ACTIVE))
                              .order_by(Participant.id.desc())).first()


def end_sessions(participant):
    """Sign-out ends the person's session at every event, not only at the one they are looking at."""
    from ..security import end_session

    others = [participant]
    if participant.person_id is not None:
        others = db.session.scalars(select(Participant).where(Participant.person_id == participant.person_id)).all()
    for p in others:
        end_session(p)


def forget(email):
    """GDPR deletion: the person row (their address) goes; the anonymised participations stay unlinked."""
    person = find_person(email)
    if person is not None:
        db.session.execute(sa.update(Participant).where(Participant.person_id == person.id).values(person_id=None)
                           .execution_options(synchronize_session="fetch"))
        db.session.delete(person)
        db.session.flush()


def count_people():
    return db.session.scalar(select(func.count()).select_from(Person))
