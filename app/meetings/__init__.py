"""Meetings: meeting requests (wishes), "not interested" marks, the participant's agenda."""
import click
from flask.cli import AppGroup

from . import labels  # noqa: F401  (registers this feature's labels before a form needs them)

meetings_cli = AppGroup("meetings", help="Meeting requests.")


@meetings_cli.command("expire")
def expire_command():
    """Expire pending meeting requests past their time and tell the requesters."""
    from ..extensions import db
    from ..i18n import utcnow
    from .services import expire_requests

    expired = expire_requests(utcnow())
    db.session.commit()
    click.echo(f"Expired {len(expired)} meeting request(s).")


def init_app(app):
    from . import jobs  # noqa: F401  (registers the recurring expiry of requests)
    from .gdpr import plug_into_participants

    plug_into_participants()

    app.cli.add_command(meetings_cli)


from . import views  # noqa: E402,F401
from .blueprint import bp  # noqa: E402,F401
