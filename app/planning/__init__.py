from flask import Blueprint

bp = Blueprint("planning", __name__, url_prefix="/organiser/events/<int:event_id>/planning")


def init_app(app):
    from .cli import planning_cli

    app.cli.add_command(planning_cli)
    from .services import metric_label

    app.jinja_env.globals["metric_label"] = metric_label


from . import views  # noqa: E402,F401
