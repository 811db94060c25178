from ..agendas.conftest import make_meeting, make_table  # noqa: F401
from ..participants.fixtures import czech, english, event, german, signin, smtp  # noqa: F401
from ..planning.conftest import login_as  # noqa: F401
