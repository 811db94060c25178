"""Recurring job of meetings: pending requests past their deadline expire (no cron needed)."""
from datetime import timedelta

from ..i18n import utcnow
from ..jobs import recurring
from .services import expire_requests


@recurring("meetings.expire_requests", every=timedelta(minutes=10))
def expire_pending_requests(payload):
    expire_requests(utcnow())
