"""Person accounts across events: one e-mail, one sign-in for every event, "My events", series invitations."""
from ..accounts import views as account_views
from ..participants import access as participant_access
from . import access, series
from .services import end_sessions

# people sit above accounts and participants: those reach the person account through these hooks
participant_access.PERSON_AT_EVENT["find"] = access.person_participant
participant_access.RETURNING["prefill"] = series.prefill
account_views.SIGN_OUT["participant"] = end_sessions

from . import views  # noqa: E402,F401  (the routes)
from .blueprint import bp  # noqa: E402,F401


def init_app(app):
    from . import jobs  # noqa: F401  (registers the invitation job)
    from .services import init_linking

    init_linking()
