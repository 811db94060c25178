"""Finding the events of a report. Services flush, never commit."""
from sqlalchemy import select

from ..events.models import Event
from ..extensions import db
from .models import Series


class ReportError(ValueError):
    pass


def events_for(event_slug=None, series_name=None):
    """The one event, or every event of the series (by name or id); ReportError when unknown."""
    if bool(event_slug) == bool(series_name):
        raise ReportError("give either --event SLUG or --series NAME")
    if event_slug:
        event = db.session.scalar(select(Event).where(Event.slug == event_slug))
        if event is None:
            raise ReportError(f"no event with the slug {event_slug!r}")
        return [event]
    series = series_for(series_name)
    if series is None:
        raise ReportError(f"no series named {series_name!r}")
    if not series.events:
        raise ReportError(f"the series {series.name!r} has no events")
    return list(series.events)


def series_for(series_name):
    """The series by name, or by id given as digits; None when there is none (or no name is given)."""
    if not series_name:
        return None
    series = db.session.scalar(select(Series).where(Series.name == series_name))
    if series is None and str(series_name).isdigit():
        series = db.session.get(Series, int(series_name))
    return series
