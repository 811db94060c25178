from flask import Blueprint

from . import labels  # noqa: F401  (registers this feature's labels before a form needs them)

bp = Blueprint("planning", __name__, url_prefix="/organiser/events/<int:event_id>/planning")


def init_app(app):
    from .cli import planning_cli

    app.cli.add_command(planning_cli)
    from ..jobs import add_poller
    from . import jobs  # noqa: F401  (registers the planning jobs)
    from .runs import serve_one
    from .services import metric_label

    add_poller(serve_one)  # the jobs worker also serves solver runs

    app.jinja_env.globals["metric_label"] = metric_label


from . import views  # noqa: E402,F401
