from tests.app.participants.fixtures import czech, english, event, german, signin, smtp  # noqa: F401
