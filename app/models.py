"""Every model, imported once so that Alembic and create_all() see the whole schema."""
from .accounts.models import AuditLog, EventStaff, RateCounter, Role, User
from .directory.models import ContactBlock, ContactRequest, OrganisationMember, OrganisationSector
from .events.models import Event, EventLogo, EventSession, EventStatus, Interpreter, RequestMode, Slot, Table
from .jobs.models import Job, JobStatus
from .meetings.models import (
    Feedback,
    FollowUpStage,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    NotInterested,
    Priority,
    RequestStatus,
)
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
from .planning.models import AgendaDelivery, EmailRecord, Publication, PublicationKind, RunStatus, ScheduleRun

__all__ = [
    "ContactBlock", "ContactRequest", "Job", "JobStatus", "EventStaff", "OrganisationProposal", "RateCounter",
    "AgendaDelivery", "AuditLog", "EmailRecord", "Event", "EventLogo", "EventSession", "EventStatus", "Feedback",
    "FollowUpStage", "Interpreter", "Meeting", "MeetingRequest", "MeetingStatus", "NotInterested", "Opportunity",
    "OpportunityKind", "Organisation", "OrganisationKind", "OrganisationMember", "OrganisationSector", "Participant", "ParticipantRole", "ParticipantStatus",
    "Priority", "Publication", "PublicationKind", "RequestMode", "RequestStatus", "Role", "RunStatus",
    "ScheduleRun", "SizeClass", "Slot", "Table", "User",
]
