"""Translated labels for every enum value a person reads: `label(value)` in Python and templates."""
from flask_babel import lazy_gettext as _l

from .accounts.models import Role
from .events.models import EventStatus, RequestMode
from .meetings.models import MeetingStatus, Outcome, Priority, RequestStatus
from .outcomes.models import CooperationKind
from .participants.models import (
    OpportunityKind,
    OrganisationKind,
    ParticipantRole,
    ParticipantStatus,
    SizeClass,
)
from .planning.models import PublicationKind, RunStatus

LABELS = {
    EventStatus.DRAFT: _l("draft"), EventStatus.OPEN: _l("open for registration"),
    EventStatus.PLANNING: _l("planning"), EventStatus.PUBLISHED: _l("plan published"),
    EventStatus.CLOSED: _l("closed"),
    RequestMode.APPROVAL: _l("the partner accepts or declines"), RequestMode.AUTOMATIC: _l("accepted automatically"),
    Role.ADMIN: _l("administrator"), Role.ORGANISER: _l("organiser"), Role.DESK: _l("reception desk"),
    OrganisationKind.COMPANY: _l("company"), OrganisationKind.CHAMBER: _l("chamber"),
    OrganisationKind.CLUSTER: _l("cluster"), OrganisationKind.ASSOCIATION: _l("association"),
    OrganisationKind.RESEARCH: _l("research institute or university"),
    OrganisationKind.PUBLIC_BODY: _l("public body or municipal business development"),
    OrganisationKind.LAG: _l("local action group (LEADER)"), OrganisationKind.OTHER: _l("other organisation"),
    SizeClass.MICRO: _l("micro (under 10 employees)"), SizeClass.SMALL: _l("small (10–49 employees)"),
    SizeClass.MEDIUM: _l("medium-sized (50–249 employees)"), SizeClass.LARGE: _l("large (250+ employees)"),
    ParticipantRole.PARTICIPANT: _l("participant"), ParticipantRole.EXHIBITOR: _l("exhibitor"),
    ParticipantStatus.PENDING: _l("waiting for approval"), ParticipantStatus.APPROVED: _l("approved"),
    ParticipantStatus.REJECTED: _l("rejected"), ParticipantStatus.CANCELLED: _l("cancelled"),
    OpportunityKind.BUSINESS_OFFER: _l("business offer"), OpportunityKind.BUSINESS_REQUEST: _l("business request"),
    OpportunityKind.TECHNOLOGY_OFFER: _l("technology offer"),
    OpportunityKind.TECHNOLOGY_REQUEST: _l("technology request"),
    OpportunityKind.RND_COOPERATION: _l("R&D cooperation"), OpportunityKind.OTHER: _l("other"),
    Priority.MUST: _l("must meet"), Priority.HIGH: _l("high"), Priority.NORMAL: _l("normal"),
    RequestStatus.PENDING: _l("pending"), RequestStatus.ACCEPTED: _l("accepted"),
    RequestStatus.DECLINED: _l("declined"), RequestStatus.WITHDRAWN: _l("withdrawn"),
    RequestStatus.EXPIRED: _l("expired"),
    MeetingStatus.SCHEDULED: _l("scheduled"), MeetingStatus.HELD: _l("held"),
    MeetingStatus.NO_SHOW: _l("no-show"), MeetingStatus.CANCELLED: _l("cancelled"),
    Outcome.NO_FOLLOW_UP: _l("no follow-up"), Outcome.FURTHER_CONTACT: _l("further contact agreed"),
    Outcome.OFFER_SENT: _l("offer or quote sent"), Outcome.COOPERATION_AGREED: _l("cooperation agreed"),
    Outcome.CONTRACT_SIGNED: _l("contract signed"),
    CooperationKind.SUPPLY: _l("supply"), CooperationKind.JOINT_PROJECT: _l("joint project"),
    CooperationKind.RND: _l("research and development"),
    RunStatus.QUEUED: _l("queued"), RunStatus.RUNNING: _l("running"), RunStatus.DONE: _l("finished"),
    RunStatus.FAILED: _l("failed"), RunStatus.CANCELLED: _l("stopped"),
    PublicationKind.PRELIMINARY: _l("preliminary"), PublicationKind.FINAL: _l("final"),
}

LANGUAGE_NAMES = {"cs": _l("Czech"), "de": _l("German"), "en": _l("English"), "pl": _l("Polish"),
                  "sk": _l("Slovak"), "fr": _l("French"), "ru": _l("Russian"), "uk": _l("Ukrainian")}
COUNTRY_NAMES = {"CZ": _l("Czechia"), "DE": _l("Germany"), "PL": _l("Poland"), "SK": _l("Slovakia"),
                 "AT": _l("Austria")}


def label(value):
    """The translated label of an enum value, language code or country code; the value itself otherwise."""
    for table in (LABELS, LANGUAGE_NAMES, COUNTRY_NAMES):
        try:
            if value in table:
                return table[value]
        except TypeError:
            continue
    return str(value) if value is not None else ""


def choices(enum_cls):
    """(value, label) pairs for a SelectField."""
    return [(m.value, LABELS[m]) for m in enum_cls]


def init_app(app):
    app.jinja_env.globals["label"] = label
