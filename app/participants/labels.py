"""The participants feature's values as people read them (app.labels.label and choices look them up)."""
from flask_babel import lazy_gettext as _l

from ..labels import register
from .models import OpportunityKind, OrganisationKind, ParticipantRole, ParticipantStatus, SizeClass

register({
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
})
