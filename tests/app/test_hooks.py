"""The hooks a lower package offers a higher one (docs/architecture.md) are all filled by create_app, and
every enum a person reads has its label: a feature that forgot to plug in would otherwise fail silently
(a GDPR export without the meetings, an e-mail without the funding footer, a select showing raw values)."""
from app import labels, mail, security
from app.events.branding import funding_footer
from app.meetings import views as meeting_views
from app.participants import services as participants
from app.planning import runs
from app.planning import services as planning


def test_every_hook_is_filled_once_the_app_exists(app):
    from app.agendas.jobs import execute_export
    from app.agendas.services import send_agenda_emails
    from app.directory.members import add_member

    assert set(security.LOGIN_MODELS) == {"u", "p"} and set(security.EVENT_FINDERS) == {"id", "slug"}
    assert mail.FOOTER["text"] is funding_footer
    assert planning.AGENDA_MAIL["send"] is send_agenda_emails and runs.RUN_KINDS["export"] is execute_export
    assert set(participants.GDPR_EXPORT) == set(participants.GDPR_ERASE) == {"meetings", "directory"}
    assert participants.ORGANISATION_CONFIRMED == {"directory": add_member}
    assert callable(meeting_views.PARTICIPANT_PAGE["render"])


def test_every_enum_a_person_reads_has_its_label(app):
    from app import models

    names = ("EventStatus", "RequestMode", "Role", "OrganisationKind", "SizeClass", "ParticipantRole",
             "ParticipantStatus", "OpportunityKind", "Priority", "RequestStatus", "MeetingStatus", "Outcome",
             "CooperationKind", "RunStatus", "PublicationKind")
    enums = [getattr(models, name) for name in names]
    missing = [f"{e.__name__}.{m.name}" for e in enums for m in e if m not in labels.LABELS]
    assert not missing, missing
    assert str(labels.label(models.MeetingStatus.NO_SHOW)) == "no-show"
    assert labels.choices(models.Priority)[0] == ("must", labels.LABELS[models.Priority.MUST])
