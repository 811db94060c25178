"""Directory routes: every module below registers its routes on the blueprint."""
from . import directory_views, organiser_views  # noqa: F401
