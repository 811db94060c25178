"""After the meeting: attendance, ratings, follow-up surveys, the outcomes dashboard and exports."""
from flask import Blueprint

bp = Blueprint("outcomes", __name__)

from . import views  # noqa: E402, F401  (routes on bp)


def init_app(app):
    from .cli import outcomes_cli

    app.cli.add_command(outcomes_cli)
