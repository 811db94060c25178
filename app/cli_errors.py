"""One-line CLI errors for every feature's commands (exit 2), kept apart from app.cli so that the
features' command groups do not import app.cli, which imports the demo and with it every feature."""
import functools
import sys

import click
from flask import current_app
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from .extensions import db


def one_line_errors(fn):
    """Turn expected failures (unreachable database, bad input) into one line on stderr and exit 2."""
    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except OperationalError as exc:
            db.session.rollback()
            _fail(f"cannot reach the database {safe_db_url()}: {str(exc.orig).strip().splitlines()[0]}")
        except ValueError as exc:
            db.session.rollback()
            _fail(str(exc))
    return wrapped


def _fail(message):
    click.echo(f"coopex: error: {message}", err=True)
    sys.exit(2)


def safe_db_url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=True)
