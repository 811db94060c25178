"""Every model, imported once so that Alembic and create_all() see the whole schema."""
from .accounts.models import AuditLog, EventStaff, RateCounter, Role, User
from .directory.models import ContactBlock, ContactRequest, OrganisationMember, OrganisationSector
from .events.models import Event, EventLogo, EventSession, EventStatus, Interpreter, RequestMode, Slot, Table
from .jobs.models import Job, JobStatus
from .meetings.models import (
    AttendanceMark,
    Feedback,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    NotInterested,
    Outcome,
    Priority,
    RequestStatus,
)
from .outcomes.models import CooperationKind, FollowUpAnswer, Series
from .participants.models import (
    Opportunity,
    OpportunityKind,
    Organisation,
    OrganisationKind,
    OrganisationProposal,
    Participant,
    ParticipantRole,
    ParticipantStatus,
    SizeClass,
)
from .people.models import Person
from .planning.models import AgendaDelivery, EmailRecord, Publication, PublicationKind, RunStatus, ScheduleRun

__all__ = [
    "ContactBlock", "ContactRequest", "EventStaff", "OrganisationProposal", "RateCounter", "EventLogo",
    "OrganisationMember", "OrganisationSector", "Person",
    "AgendaDelivery", "AttendanceMark", "AuditLog", "CooperationKind", "EmailRecord", "Event", "EventSession",
    "EventStatus", "Feedback", "FollowUpAnswer", "Interpreter", "Job", "JobStatus", "Meeting", "MeetingRequest",
    "MeetingStatus", "NotInterested", "Opportunity", "Outcome",
    "OpportunityKind", "Organisation", "OrganisationKind", "Participant", "ParticipantRole", "ParticipantStatus",
    "Priority", "Publication", "PublicationKind", "RequestMode", "RequestStatus", "Role", "RunStatus",
    "ScheduleRun", "Series", "SizeClass", "Slot", "Table", "User",
]
