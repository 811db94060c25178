"""flask directory import FILE.csv|FILE.xlsx — all or nothing; exit code 2 with every bad cell listed."""
from pathlib import Path

import click
from flask.cli import AppGroup

from ..extensions import db

directory_cli = AppGroup("directory", help="The directory of organisations.")


@directory_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(path):
    """Import organisations from a directory export (columns: see README)."""
    from .importer import ImportError_, import_file

    try:
        counts = import_file(path.name, path.read_bytes())
    except ImportError_ as exc:
        db.session.rollback()
        for row, column, message in exc.problems:
            click.echo(f"row {row}, column {column}: {message}", err=True)
        click.echo("Nothing was imported.", err=True)
        raise SystemExit(2) from None
    except ValueError as exc:  # unreadable file: wrong type, encoding, broken XLSX
        db.session.rollback()
        click.echo(f"{path.name}: {exc}", err=True)
        raise SystemExit(2) from None
    db.session.commit()
    click.echo(f"{counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged.")


@directory_cli.command("reindex")
def reindex_command():
    """Recompute every organisation's search text and sector rows (after editing data by hand)."""
    from sqlalchemy import select

    from ..participants.models import Organisation
    from .search import refresh

    orgs = db.session.scalars(select(Organisation)).all()
    for org in orgs:
        refresh(org)
    db.session.commit()
    click.echo(f"{len(orgs)} organisations reindexed.")
