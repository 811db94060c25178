"""Agendas that leave the building: participant PDFs, organiser documents, iCal files and feeds,
e-mail delivery and the venue board."""
from flask import Blueprint

bp = Blueprint("agendas", __name__, url_prefix="/agendas")


def _plug_into_planning():
    """Planning sits below the agendas: it finds the agenda e-mails and the export runs through these hooks."""
    from ..planning import runs
    from ..planning import services as planning
    from .jobs import execute_export
    from .services import send_agenda_emails

    planning.AGENDA_MAIL["send"] = send_agenda_emails
    runs.RUN_KINDS["export"] = execute_export


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

_plug_into_planning()
