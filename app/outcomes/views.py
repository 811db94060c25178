"""The organiser's outcome pages (dashboard, conflicts, exports)."""
from . import bp  # noqa: F401
