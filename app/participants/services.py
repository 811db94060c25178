"""Participant services: registration, availability, profile, opportunities, GDPR. Flush, never commit."""
import secrets
from itertools import groupby

from flask_babel import gettext as _
from sqlalchemy import delete as sa_delete
from sqlalchemy import func, select
from sqlalchemy import update as sa_update

from ..events.models import EventStatus
from ..extensions import db
from ..i18n import local_dt, utcnow
from .models import (
    Opportunity,
    Organisation,
    OrganisationKind,
    Participant,
    ParticipantRole,
    ParticipantStatus,
)
from .offers import OPPORTUNITY_FIELDS
from .organisations import create_organisation, differences, propose

PERSON_FIELDS = ("first_name", "last_name", "phone", "position", "languages", "locale", "max_meetings")


# Features above the participants add their part here (they import participants, never the reverse), each
# under its own name, from their init_app:
#   ORGANISATION_CONFIRMED  fn(organisation, email): someone registered and confirmed their organisation
#                           (app.directory makes them a member who edits the directory entry)
#   GDPR_EXPORT             fn(participant) -> {key: JSON-ready value} added to the person's data export
#   GDPR_ERASE              fn(participant, now, across_events): erase their part when the person is deleted
ORGANISATION_CONFIRMED, GDPR_EXPORT, GDPR_ERASE = {}, {}, {}


class RegistrationError(ValueError):
    """A registration that cannot be accepted; `field` names the form field it belongs to."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class ProfileError(ValueError):
    pass


class AlreadyRegistered(RegistrationError):
    """The address is registered for the event already; the view answers as for a new registration and
    e-mails the owner instead (nobody learns who takes part)."""

    def __init__(self, participant):
        super().__init__("already registered", field="email")
        self.participant = participant


# ------------------------------------------------------------------ deadlines
def registration_open(event, now=None):
    now = now or utcnow()
    return event.status == EventStatus.OPEN and (
        event.registration_deadline_at is None or now < event.registration_deadline_at)


def editing_open(event, now=None):
    """Profile, opportunities and meeting requests can change until the request deadline."""
    now = now or utcnow()
    return event.status in (EventStatus.OPEN, EventStatus.PLANNING) and (
        event.request_deadline_at is None or now < event.request_deadline_at)


# ------------------------------------------------------------------ small parsers
def parse_sectors(text):
    """'C25, c28.1 ;M72' -> ['C25', 'C28.1', 'M72']; ProfileError on anything else."""
    from ..reference import nace

    try:
        return nace.parse(text)
    except nace.NaceError as exc:
        raise ProfileError(_("Not a NACE code: %(codes)s (examples: C25, C28.1, M72).",
                             codes=", ".join(exc.codes))) from None


def normalise_registration_id(value):
    """One form per firm: 'CZ 270 01 112' and '27001112' are the same IČO (see app.reference.identity)."""
    from ..reference.identity import registration_key

    return registration_key(value)


# ------------------------------------------------------------------ organisations
def find_organisation(name, registration_id=None):
    reg = normalise_registration_id(registration_id)
    if reg:
        org = db.session.scalar(select(Organisation).where(Organisation.registration_id == reg))
        if org is not None:
            return org
    if name and name.strip():
        return db.session.scalars(select(Organisation).where(
            func.lower(Organisation.name) == name.strip().lower()).order_by(Organisation.id)).first()
    return None


def join_or_create_organisation(participant, values, locale="en"):
    """Link the new participant to the organisation named by registration id or name, creating it when it is
    new (they are then its confirmed person). An existing organisation is never changed by a newcomer: what
    they entered differently becomes a proposal (app/participants/organisations.py)."""
    values = dict(values)
    name, reg = values.pop("name").strip(), normalise_registration_id(values.pop("registration_id", None))
    description = values.pop("description", "")
    if description and locale in ("cs", "de", "en"):
        values[f"description_{locale}"] = description
    org = find_organisation(name, reg)
    if org is not None and reg and org.registration_id and org.registration_id != reg:
        org = None  # the same name, another legal entity (a different IČO / USt-IdNr.)
    if org is None:
        participant.organisation = create_organisation(name, reg, values)
        participant.organisation_confirmed = True
        return None
    participant.organisation, participant.organisation_confirmed = org, False
    db.session.flush()
    return propose(org, participant, differences(org, {"name": name, "registration_id": reg, **values}))


# ------------------------------------------------------------------ availability
def day_slots(event):
    """[(day, [slots of that day in time order])] using the event's local date."""
    slots = sorted(event.slots, key=lambda s: s.start_at)
    return [(day, list(group)) for day, group in
            groupby(slots, key=lambda s: local_dt(s.start_at, event.timezone).date())]


def set_availability(participant, event, windows):
    """windows: {day: (first_slot_id, last_slot_id) or None (not attending)}; days missing = whole day."""
    unavailable = []
    for day, slots in day_slots(event):
        window = windows.get(day, (slots[0].id, slots[-1].id))
        if window is None:
            unavailable.extend(slots)
            continue
        ids = [s.id for s in slots]
        try:
            first, last = ids.index(int(window[0])), ids.index(int(window[1]))
        except (ValueError, TypeError) as exc:
            raise ProfileError(_("Please choose times of this event.")) from exc
        if last < first:
            raise ProfileError(_("You cannot leave before you arrive."))
        unavailable.extend(slots[:first] + slots[last + 1:])
    participant.unavailable_slots = unavailable
    if all(s in unavailable for s in event.slots) and event.slots:
        raise ProfileError(_("Please attend at least one session."))


def availability_windows(participant, event):
    """The inverse of set_availability: {day: (first_id, last_id) or None}."""
    off = {s.id for s in participant.unavailable_slots}
    out = {}
    for day, slots in day_slots(event):
        free = [s for s in slots if s.id not in off]
        out[day] = (free[0].id, free[-1].id) if free else None
    return out


# ------------------------------------------------------------------ registration
def register(event, person, organisation, windows, consent, now=None):
    """Register a person for `event`. person/organisation are dicts of plain values."""
    now = now or utcnow()
    if not registration_open(event, now):
        raise RegistrationError(_("Registration for this event is closed."))
    if not consent:
        raise RegistrationError(_("Please agree to the processing of your data."), field="consent")
    email = person["email"].strip().lower()
    existing = find_participant_by_email(event, email)
    if existing is not None:
        raise AlreadyRegistered(existing)
    organisation = dict(organisation)
    listed = organisation.pop("listed", False)
    participant = Participant(
        event=event, event_id=event.id, email=email, gdpr_consent_at=now,
        role=ParticipantRole(person.get("role") or ParticipantRole.PARTICIPANT),
        status=ParticipantStatus.PENDING if event.require_approval else ParticipantStatus.APPROVED,
        **{k: person[k] for k in PERSON_FIELDS if k in person})
    db.session.add(participant)
    set_availability(participant, event, windows)
    join_or_create_organisation(participant, organisation, locale=person.get("locale", "en"))
    if participant.organisation_confirmed:  # whoever creates it decides on listing and edits it (app.directory)
        participant.organisation.listed = bool(listed)
        for confirmed in ORGANISATION_CONFIRMED.values():
            confirmed(participant.organisation, email)
    db.session.flush()
    return participant


def find_participant_by_email(event, email):
    return db.session.scalar(select(Participant).where(
        Participant.event_id == event.id, func.lower(Participant.email) == (email or "").strip().lower()))


# ------------------------------------------------------------------ profile and opportunities
def update_profile(participant, person, organisation, windows=None):
    """Save the person's own data; the organisation's record changes directly only for its confirmed people,
    everyone else's changes to it become a proposal. Returns the proposal (or None)."""
    for key in PERSON_FIELDS:
        if key in person:
            setattr(participant, key, person[key])
    org = participant.organisation
    values = {k: v for k, v in organisation.items() if not (k == "name" and not (v or "").strip())}
    proposal = None
    if participant.organisation_confirmed:
        for key, value in values.items():
            setattr(org, key, value)
    else:
        proposal = propose(org, participant, differences(org, values))
    if windows is not None:
        set_availability(participant, participant.event, windows)
    db.session.flush()
    return proposal


# ------------------------------------------------------------------ GDPR
def export_data(participant):
    """Everything coopex stores about the participant (and the same e-mail elsewhere), as JSON-ready values."""
    def iso(value):
        return value.isoformat() if value else None

    org = participant.organisation
    data = {
        "event": participant.event.slug,
        "person": {"first_name": participant.first_name, "last_name": participant.last_name,
                   "email": participant.email, "phone": participant.phone, "position": participant.position,
                   "languages": participant.languages, "locale": participant.locale,
                   "role": participant.role.value, "status": participant.status.value,
                   "max_meetings": participant.max_meetings, "gdpr_consent_at": iso(participant.gdpr_consent_at),
                   "last_login_at": iso(participant.last_login_at), "created_at": iso(participant.created_at),
                   "unavailable_slots": [iso(s.start_at) for s in participant.unavailable_slots]},
        "organisation": None if org is None else {
            "name": org.name, "registration_id": org.registration_id, "kind": org.kind.value,
            "country": org.country, "region": org.region, "city": org.city, "website": org.website,
            "nace_sectors": org.nace_sectors, "description_cs": org.description_cs,
            "description_de": org.description_de, "description_en": org.description_en},
        # the person's share of the organisation's offers and requests: those they wrote
        "opportunities": [{k: (getattr(o, k).value if k == "kind" else getattr(o, k)) for k in OPPORTUNITY_FIELDS}
                          for o in db.session.scalars(select(Opportunity).where(
                              Opportunity.author_id == participant.id).order_by(Opportunity.id))],
    }
    for part in GDPR_EXPORT.values():
        data.update(part(participant))
    return data


def delete_account(participant, now=None, across_events=True):
    """Anonymise the person; meetings and requests stay (as anonymous rows) for the statistics.

    With `across_events` the same e-mail address is erased everywhere else too (app.directory.gdpr)."""
    now = now or utcnow()
    for erase in GDPR_ERASE.values():  # app.directory: other events (across_events), app.meetings: requests
        erase(participant, now, across_events)
    _erase_traces(participant)
    participant.first_name = ""
    participant.last_name = _("Deleted participant")
    participant.email = f"deleted-{participant.id}-{secrets.token_hex(4)}@invalid"
    participant.phone = ""
    participant.position = ""
    participant.feed_token = secrets.token_urlsafe(32)
    participant.login_nonce += 1
    participant.status = ParticipantStatus.CANCELLED
    participant.anonymised_at = now
    # the offers they wrote belong to the organisation and stay; only the link to the person goes
    db.session.execute(sa_update(Opportunity).where(Opportunity.author_id == participant.id).values(author_id=None)
                       .execution_options(synchronize_session="fetch"))
    db.session.flush()


def _erase_traces(participant):
    """What else names the person: their e-mail records and outbox copies (the messages they wrote: app.meetings)."""
    from ..mail import EmailRecord, erase_outbox_copies

    address = (participant.email or "").lower()
    db.session.execute(sa_delete(EmailRecord).where(
        (EmailRecord.participant_id == participant.id) | (func.lower(EmailRecord.to) == address)))
    erase_outbox_copies(participant.email)


# ------------------------------------------------------------------ marketplace
def marketplace(event, q="", country="", region="", sector="", kind="", org_kind="", language="", exclude_id=None):
    """Approved participants of the event matching every given filter, ordered by organisation name."""
    from sqlalchemy.orm import selectinload

    stmt = (select(Participant).join(Participant.organisation)
            .where(Participant.event_id == event.id, Participant.status == ParticipantStatus.APPROVED)
            .options(selectinload(Participant.organisation).selectinload(Organisation.opportunities))
            .order_by(func.lower(Organisation.name), Participant.last_name, Participant.id))
    if country:
        stmt = stmt.where(Organisation.country == country)
    if region:
        stmt = stmt.where(Organisation.region == region)
    if org_kind:
        stmt = stmt.where(Organisation.kind == OrganisationKind(org_kind))
    if exclude_id:
        stmt = stmt.where(Participant.id != exclude_id)
    people = db.session.scalars(stmt).all()
    return [p for p in people if _matches(p, q, sector, kind, language)]


def _matches(p, q, sector, kind, language):
    if language and language not in (p.languages or []):
        return False
    if kind and not any(o.kind == kind for o in p.opportunities):
        return False
    if sector:
        codes = list(p.organisation.nace_sectors or []) + [c for o in p.opportunities for c in o.sectors or []]
        if not any(c == sector or c.startswith(sector) for c in codes):
            return False
    if q:
        from ..reference.nace import fold

        haystack = fold(_haystack(p))
        return all(word in haystack for word in fold(q).split())
    return True


def _haystack(p):
    org = p.organisation
    from ..reference import nace

    parts = [p.full_name, p.position, org.name, org.city, org.region, org.description_cs, org.description_de,
             org.description_en, nace.search_words(org.nace_sectors)]
    for o in p.opportunities:
        parts += [o.title_cs, o.title_de, o.title_en, o.text_cs, o.text_de, o.text_en, nace.search_words(o.sectors)]
    return " ".join(x or "" for x in parts).lower()


def filter_options(event):
    """Values present among the event's approved participants, for the marketplace selects."""
    from ..reference import nace

    people = db.session.scalars(select(Participant).where(
        Participant.event_id == event.id, Participant.status == ParticipantStatus.APPROVED)).all()
    orgs = [p.organisation for p in people if p.organisation]
    sectors = {c for o in orgs for c in o.nace_sectors or []}
    sectors |= {c for p in people for o in p.opportunities for c in o.sectors or []}
    return {"countries": sorted({o.country for o in orgs}), "regions": sorted({o.region for o in orgs if o.region}),
            "sectors": sorted({nace.division(c) for c in sectors} - {""}),
            "languages": sorted({lang for p in people for lang in p.languages or []})}
