from tests.app.desk.checkin_fixtures import day_event  # noqa: E402, F401  (check-in, badges, no-shows)
from tests.app.planning.conftest import login_as, make_request, small_event  # noqa: F401  (shared fixtures)
