"""Abuse limits that hold across processes: fixed-window counters in the database (RateCounter).

Flask-Limiter stays the per-IP first line, but its shared storages need redis, memcached or mongodb;
coopex runs on its database alone, so limits per e-mail address, per account and per participant are
counted here. Limits are written like Flask-Limiter's ("10 per 15 minutes", parsed by `limits`).
Services flush, never commit: the view's commit stores the count (views commit even when they refuse).
"""
from datetime import timedelta

from limits import parse
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..i18n import utcnow
from .models import RateCounter


def _window(limit):
    item = parse(limit)
    return item.amount, timedelta(seconds=item.get_expiry())


def count(key, limit, now=None):
    """Hits of `key` in its current window (0 when the window has passed)."""
    amount, span = _window(limit)
    table = RateCounter.__table__
    row = db.session.execute(select(table.c.count, table.c.window_start_at).where(table.c.key == key)).first()
    now = now or utcnow()
    return row.count if row is not None and row.window_start_at > now - span else 0


def exceeded(key, limit, now=None):
    return count(key, limit, now) >= _window(limit)[0]


def hit(key, limit, now=None):
    """Count one hit; True while the window holds at most `amount` hits. Atomic increments, so two
    processes counting at once both count."""
    amount, span = _window(limit)
    now = now or utcnow()
    table = RateCounter.__table__
    db.session.flush()
    bumped = db.session.execute(update(table).where(table.c.key == key, table.c.window_start_at > now - span)
                                .values(count=table.c.count + 1))
    if not bumped.rowcount:
        restarted = db.session.execute(update(table).where(table.c.key == key).values(count=1, window_start_at=now))
        if not restarted.rowcount:
            try:
                with db.session.begin_nested():
                    db.session.execute(table.insert().values(key=key, count=1, window_start_at=now))
            except IntegrityError:  # another process inserted it first: count on its row
                return hit(key, limit, now)
    return db.session.execute(select(table.c.count).where(table.c.key == key)).scalar() <= amount


def restart_window(key, now=None):
    """Let the current count last a whole window from now (a lockout of full length)."""
    db.session.execute(update(RateCounter.__table__).where(RateCounter.__table__.c.key == key)
                       .values(window_start_at=now or utcnow()))


def reset(key):
    db.session.execute(delete(RateCounter.__table__).where(RateCounter.__table__.c.key == key))
