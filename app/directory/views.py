"""Directory routes: every module below registers its routes on the blueprint."""
from . import contact_views, directory_views, offer_views, organiser_views  # noqa: F401
