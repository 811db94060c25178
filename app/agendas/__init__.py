"""Agendas that leave the building: participant PDFs, organiser documents, iCal files and feeds,
e-mail delivery and the venue board."""
from flask import Blueprint

bp = Blueprint("agendas", __name__, url_prefix="/agendas")


def init_app(app):
    from .cli import agendas_cli
    from .pdf import css_string

    app.cli.add_command(agendas_cli)
    app.jinja_env.filters["css_string"] = css_string
    app.jinja_env.filters["agenda_day"] = _agenda_day


def _agenda_day(value, fmt="full"):
    from flask_babel import format_date

    return format_date(value, fmt)


from . import views  # noqa: E402,F401
