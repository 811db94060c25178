from flask import Blueprint

bp = Blueprint("planning", __name__, url_prefix="/organiser/events/<int:event_id>/planning")


def init_app(app):
    from .cli import planning_cli

    app.cli.add_command(planning_cli)
    from .services import metric_label

    app.jinja_env.globals["metric_label"] = metric_label
    # roster/ and setup views live in packages create_app() does not register itself (yet)
    from ..events.admin_views import bp as setup_bp
    from ..roster import bp as roster_bp

    for extra in (setup_bp, roster_bp):
        if extra.name not in app.blueprints:
            app.register_blueprint(extra)


from . import views  # noqa: E402,F401
