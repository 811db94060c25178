"""After the meeting: attendance, ratings, follow-up surveys, the outcomes dashboard and exports.

`bp` holds the organiser's pages (one event or a series); `public_bp` the pages reached from e-mailed
signed links and the participant's one-tap attendance marks under /e/<slug>/.
"""
from flask import Blueprint

from . import labels  # noqa: F401  (registers this feature's labels before a form needs them)

bp = Blueprint("outcomes", __name__, url_prefix="/organiser/outcomes")
public_bp = Blueprint("outcomes_public", __name__, url_prefix="/e")

from . import agenda_page, attend_views, conflicts, export_views, public_views, views  # noqa: E402, F401  (routes on the blueprints)


def init_app(app):
    from . import jobs, reminders, web_exports  # noqa: F401  (register the e-mail, reminder and export jobs)
    from .cli import outcomes_cli

    app.register_blueprint(public_bp)
    app.cli.add_command(outcomes_cli)
