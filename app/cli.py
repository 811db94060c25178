"""flask users|demo|coopex … — thin wrappers over services; errors are one clear line, exit 2."""

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from .cli_errors import _fail, one_line_errors, safe_db_url  # noqa: F401  (used below and by tests)
from .extensions import db

users_cli = AppGroup("users", help="Organiser accounts.")
demo_cli = AppGroup("demo", help="The demo event.")
coopex_cli = AppGroup("coopex", help="Database set-up and checks.")


@users_cli.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", default="")
@click.option("--role", type=click.Choice(["admin", "organiser", "desk"]), default="admin")
@click.option("--event", "events", multiple=True, metavar="SLUG",
              help="An event the organiser or desk account works at (repeatable; admins see every event).")
@one_line_errors
def create_admin(email, password, name, role, events):
    """Create an organiser account (admin by default)."""
    from .accounts.services import create_user, grant
    from .events.services import get_event

    user = create_user(email, password, role=role, name=name)
    for slug in events:
        event = get_event(slug)
        if event is None:
            _fail(f"No event with the slug {slug}.")
        if role != "admin":
            grant(user, event, role)
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}" + (f" for {', '.join(events)}." if events else "."))


@users_cli.command("grant")
@click.argument("email")
@click.argument("event_slug")
@click.option("--role", type=click.Choice(["organiser", "desk"]), default="organiser")
@click.option("--revoke", is_flag=True, help="Take the event away from the account instead.")
@one_line_errors
def grant_event(email, event_slug, role, revoke):
    """Let an organiser or desk account work at one event (admins see every event without a grant)."""
    from .accounts.services import audit, find_user, grant
    from .accounts.services import revoke as revoke_grant
    from .events.services import get_event

    user, event = find_user(email), get_event(event_slug)
    if user is None:
        _fail(f"No account with the e-mail {email}.")
    if event is None:
        _fail(f"No event with the slug {event_slug}.")
    if revoke:
        revoke_grant(user, event)
        audit("staff_revoked", event=event, target=user, via="cli")
    else:
        grant(user, event, role)
        audit("staff_granted", event=event, target=user, role=role, via="cli")
    db.session.commit()
    click.echo(f"{user.email}: {'no longer at' if revoke else role + ' at'} {event.slug}.")


@demo_cli.command("seed")
@one_line_errors
def seed():
    """Create the demo cooperation exchange (Marienberg) if it is not there yet."""
    event = _seed_if_missing()
    click.echo(f"Demo event: {event.slug}")


@coopex_cli.command("init")
@click.option("--demo", is_flag=True, help="Seed the demo events and their known demo logins into an empty database.")
@one_line_errors
def init(demo):
    """Create or migrate the database; with --demo, seed the demo into an empty one."""
    from flask_migrate import upgrade

    db.session.execute(select(1))  # fail early, in one line, when the database is unreachable
    upgrade()
    from .events.models import Event

    if demo and not db.session.scalar(select(func.count(Event.id))):
        _seed_if_missing()
    click.echo(f"Database ready: {safe_db_url()}")
    if demo:
        from .demo import DEMO_LOGIN

        base = current_app.config["SERVER_NAME_FOR_LINKS"].rstrip("/")
        click.echo(f"Organiser demo login: {DEMO_LOGIN[0]} / {DEMO_LOGIN[1]}  ({base}/account/login)")


def _seed_if_missing():
    from .demo import seed_demo_series
    from .events.models import Event

    event = db.session.scalar(select(Event).where(Event.slug == "marienberg-2027"))
    if event is None:
        event = seed_demo_series(db.session)
        db.session.commit()
    return event


def init_app(app):
    for group in (users_cli, demo_cli, coopex_cli):
        app.cli.add_command(group)
