"""Outcome pages (rating form, dashboard)."""
from . import bp  # noqa: F401
