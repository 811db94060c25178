"""Directory routes: every module below registers its routes on the blueprint."""
from . import organiser_views  # noqa: F401
