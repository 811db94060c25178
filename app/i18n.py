"""Locale chain, time zones and formatting helpers."""
from contextlib import contextmanager
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import g, has_request_context, request, session
from flask_babel import force_locale, format_date, format_datetime, format_decimal, format_time, get_locale
from flask_login import current_user

from .config import LANGUAGES

__all__ = ["select_locale", "select_timezone", "force_locale", "in_locale", "local_dt", "utcnow"]


def utcnow():
    """Naive UTC 'now' (columns ending in _at store naive UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def select_locale():
    """language button (this browser) → saved profile language → Accept-Language → event default → app default.
    The button changes pages only; e-mails and documents for a person use their saved profile language."""
    if not has_request_context():
        return None
    chosen = session.get("locale")
    if chosen in LANGUAGES:
        return chosen
    saved = getattr(current_user, "locale", None) if current_user else None
    if saved in LANGUAGES:
        return saved
    best = request.accept_languages.best_match(LANGUAGES) if request else None
    if best:
        return best
    event = g.get("event")
    if event is not None and event.default_locale in LANGUAGES:
        return event.default_locale
    return None  # Flask-Babel falls back to BABEL_DEFAULT_LOCALE


def select_timezone():
    event = g.get("event")
    return event.timezone if event is not None else None


def local_dt(value, tz):
    """A naive-UTC datetime as an aware datetime in the time zone `tz` (name or ZoneInfo)."""
    if value is None:
        return None
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    return value.replace(tzinfo=UTC).astimezone(zone)


def to_utc(value, tz):
    """A naive local wall-clock datetime in `tz` as naive UTC."""
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    return value.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


@contextmanager
def in_locale(locale):
    """Render for someone else (e-mails, PDFs, iCal): always their language, never the viewer's."""
    with force_locale(locale if locale in LANGUAGES else "en"):
        yield


def init_app(app):
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.add_extension("jinja2.ext.i18n")

    @app.template_filter("local_time")
    def _local_time(value, tz=None, fmt="HH:mm"):
        return format_time(local_dt(value, tz or _tz()), fmt, rebase=False) if value else ""

    @app.template_filter("local_date")
    def _local_date(value, tz=None, fmt="medium"):
        fmt = "medium" if fmt == "short" else fmt  # Babel's short dates have 2-digit years (cs 11.03.27)
        return format_date(local_dt(value, tz or _tz()), fmt) if value else ""

    @app.template_filter("slot_code_local")
    def _slot_code_local(code, tz=None):
        return human_datetime(slot_code_utc(code), tz or _tz()) if code else ""

    app.add_template_filter(number, "number")
    app.add_template_global(event_dates)
    app.add_template_filter(day_month, "day_month")
    app.add_template_global(slot_label)

    @app.template_filter("local_datetime")
    def _local_datetime(value, tz=None, fmt="medium"):
        return human_datetime(value, tz or _tz(), fmt)

    @app.context_processor
    def _i18n_context():
        from flask_babel import get_locale

        return {"LANGUAGES": LANGUAGES, "current_locale": str(get_locale() or "en")}


def human_datetime(value, tz, fmt="medium"):
    """cs '1. 3. 2027 23:59', de '01.03.2027 23:59', en 'Mar 1, 2027 23:59' (24-hour everywhere)."""
    if value is None:
        return ""
    local = local_dt(value, tz)
    if fmt in ("short", "medium"):
        return f"{format_date(local, 'medium')} {format_time(local, 'HH:mm', rebase=False)}"
    return format_datetime(local, fmt, rebase=False)


def day_month(value):
    """Day and month of an (already local) datetime in the current locale: cs '11. 3.', de '11. März',
    en 'Mar 11' — for columns too narrow for the year; never the numeric '11.03.' of one country."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", value, locale=str(get_locale() or "en")) if value else ""


def slot_code_utc(code):
    """The naive-UTC start of a slot code as stored in run parameters ('2027-03-11T08:00'), None if malformed."""
    try:
        return datetime.strptime(str(code), "%Y-%m-%dT%H:%M")
    except ValueError:
        return None


def slot_label(slot, tz):
    """A slot as people read it: cs '11. 3. 2027 9:00–9:25', de '11.03.2027 09:00–09:25'."""
    return f"{human_datetime(slot.start_at, tz)}–{format_time(local_dt(slot.end_at, tz), 'HH:mm', rebase=False)}"


def number(value, digits=2):
    """A number in the reader's locale (cs/de 0,81; en 0.81); anything else unchanged."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return format_decimal(round(value, digits) if isinstance(value, float) else value, format="#,##0.##")


def event_dates(event):
    """The event's days: one date, or the first and last as the locale writes a range ('10.–11. 3. 2027')."""
    from babel.dates import format_interval

    days = sorted({local_dt(s.start_at, event.timezone).date() for s in event.sessions})
    if not days:
        return ""
    if days[0] == days[-1]:
        return format_date(days[0], "long")
    return format_interval(days[0], days[-1], "yMMMd", locale=str(get_locale() or "en"))


def _tz():
    event = g.get("event")
    return event.timezone if event is not None else "UTC"
