from ..participants.fixtures import czech, event, german, signin, smtp  # noqa: F401
