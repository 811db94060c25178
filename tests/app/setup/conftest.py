from tests.app.planning.conftest import login_as, make_request, small_event  # noqa: F401  (shared fixtures)
