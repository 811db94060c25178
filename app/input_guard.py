"""Hostile input, refused once for every route (issue 17).

- Control characters (NUL and the other C0 codes, DEL) in the path, the query string, a form field or an
  upload's file name answer 400 with a page in the reader's language. Nothing after this check runs, so
  nothing is half-saved, and PostgreSQL never sees a NUL (it refuses one in text with an error, i.e. a 500).
  Tab, CR and LF stay allowed in form values: text areas send them.
- `<int:…>` in URLs matches only ids that fit the database's integer column; a larger number is "not found"
  (PostgreSQL raised an overflow error, a 500).
- `single_line` refuses CR/LF in one-line fields (names end up in e-mail subjects), `web_address` refuses
  `javascript:` and every other non-http(s) website, and `safe_url` keeps such a stored value from ever
  becoming a link.

Written here rather than taken from a library: each is a few lines over Flask's and WTForms' own hooks.
"""
import re
from urllib.parse import urlsplit

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter
from wtforms.validators import ValidationError

CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, LF and CR are text
LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x85]")
MAX_ID = 2**31 - 1  # the largest value of an SQL INTEGER (ids are INTEGER columns)


class ControlCharacters(BadRequest):
    """A request carrying control characters: refused before any view runs."""


class IdConverter(IntegerConverter):
    """`<int:…>` with an upper bound: an id larger than any row is simply not found (404)."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002 - werkzeug's names
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def init_app(app):
    """Called before the blueprints are registered (the converter must be in place for their rules)."""
    app.url_map.converters["int"] = IdConverter

    @app.url_value_preprocessor  # the app's run before the blueprints' (which load events by slug)
    def _refuse_control_characters(_endpoint, _values):
        if hostile(request):
            raise ControlCharacters()

    app.register_error_handler(ControlCharacters, _refused_page)


def hostile(req):
    if CONTROL.search(req.path) or any(CONTROL.search(k) or CONTROL.search(v) for k, v in req.args.items(multi=True)):
        return True
    if req.method in ("GET", "HEAD", "OPTIONS"):
        return False
    if any(CONTROL.search(k) or CONTROL_IN_TEXT.search(v) for k, v in req.form.items(multi=True)):
        return True
    return any(CONTROL.search(f.filename or "") for f in req.files.values())


def _refused_page(_exc):
    return render_template("errors/error.html", code=400, title=_("The input was not accepted"), message=_(
        "It contained invisible control characters (for example a zero byte). Nothing was saved. Please type "
        "or paste the text again without them.")), 400


def id_or_none(text):
    """A query-string id: an int that fits the id columns, else None."""
    text = (text or "").strip()
    return int(text) if text.isdigit() and int(text) <= MAX_ID else None


# ---------------------------------------------------------------- WTForms validators
def single_line(form, field):
    """One-line fields (names, cities, …): line breaks are refused, they would break e-mail subjects."""
    if isinstance(field.data, str) and LINE_BREAK.search(field.data):
        raise ValidationError(_("Please write this on one line, without line breaks."))


WEB_ADDRESS_MESSAGE = _l("Please enter a web address starting with http:// or https://.")


def is_web_address(value):
    try:
        parts = urlsplit((value or "").strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and not CONTROL.search(value)


def web_address(form, field):
    """Websites are http(s) links only: `javascript:`, `data:`, `file:` … are refused."""
    if field.data and not is_web_address(field.data):
        raise ValidationError(WEB_ADDRESS_MESSAGE)


def with_scheme(value):
    """WTForms filter: "www.firma.cz" means https://www.firma.cz; a value with any scheme is left as typed."""
    value = (value or "").strip()
    if value and not re.match(r"^[a-z][a-z0-9+.-]*:", value, re.IGNORECASE):
        return "https://" + value.lstrip("/")
    return value


def safe_url(value):
    """Jinja filter: the value if it is an http(s) address, else "" (old rows are never rendered as links)."""
    return value.strip() if is_web_address(value) else ""
