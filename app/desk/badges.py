"""Name badges: one A6 badge per approved participant (name, organisation, country flag, the event, a QR code
with the check-in code), four to an A4 sheet for the desk to print and cut, or one badge alone.

Badges are printed in the event's language (`Event.default_locale`), since everybody at the event reads them.
The whole event's sheet is rendered by the worker (app.desk.badge_jobs); one badge alone in the request.
"""
from dataclasses import dataclass

from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from ..agendas import pdf
from ..agendas.viewmodels import EventInfo, event_info
from ..i18n import event_dates, in_locale
from ..labels import COUNTRY_NAMES
from ..participants.models import ParticipantRole
from .checkin import approved_people, checkin_code
from .flags import flag_svg

PER_SHEET = 4  # A6 on A4, two by two


class BadgeError(ValueError):
    pass


@dataclass(frozen=True)
class Badge:
    name: str
    size: str  # "xl", "l" or "m": long names get a smaller type so that they wrap in at most three lines
    organisation: str
    country: str  # the country's name in the badge's language
    flag: Markup
    exhibitor: bool
    code: str
    qr: Markup


@dataclass(frozen=True)
class BadgeSheet:
    event: EventInfo
    dates: str
    pages: tuple  # of tuples of at most PER_SHEET badges


def badge_lang(event) -> str:
    return event.default_locale if event.default_locale in ("cs", "de", "en") else "en"


def name_size(name: str) -> str:
    longest = max((len(w) for w in name.split()), default=0)
    if len(name) <= 20 and longest <= 12:
        return "xl"
    return "l" if len(name) <= 34 and longest <= 16 else "m"


def qr_svg(code: str) -> Markup:
    """The code as a QR symbol: a version 1 code in alphanumeric mode (digits, capitals, "-"); never a
    Micro QR, which segno would pick for so short a text and which most scanners cannot read."""
    import segno

    return Markup(segno.make(code, error="m", mask=0, micro=False).svg_inline(scale=4, border=2, omitsize=True))


def country_label(code) -> str:
    """The country's name in the current language: ours for the programme's countries, CLDR's for others."""
    if not code:
        return ""
    if code in COUNTRY_NAMES:
        return str(COUNTRY_NAMES[code])
    return (get_locale() or Locale("en")).territories.get(code, code)


def badge(person) -> Badge:
    org = person.organisation
    country = org.country if org else ""
    country_name = country_label(country)
    code = checkin_code(person)
    return Badge(name=person.full_name, size=name_size(person.full_name), organisation=org.name if org else "",
                 country=country_name, flag=flag_svg(country, country_name),
                 exhibitor=person.role == ParticipantRole.EXHIBITOR, code=code, qr=qr_svg(code))


def sheet(event, people, per_page=PER_SHEET) -> BadgeSheet:
    with in_locale(badge_lang(event)):
        badges = [badge(p) for p in people]
        dates = event_dates(event)
    pages = tuple(tuple(badges[i:i + per_page]) for i in range(0, len(badges), per_page))
    return BadgeSheet(event=event_info(event), dates=dates, pages=pages)


def no_one_message():
    return _("There is nobody to print a badge for: no participant of this event has been approved yet.")


def sheet_pdf(event) -> bytes:
    people = approved_people(event)
    if not people:
        raise BadgeError(no_one_message())
    return pdf.render_pdf("pdf/badges.html", badge_lang(event), sheet=sheet(event, people), single=False)


def single_pdf(event, person) -> bytes:
    return pdf.render_pdf("pdf/badges.html", badge_lang(event), sheet=sheet(event, [person], per_page=1),
                          single=True)

