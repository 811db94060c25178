"""flask agendas export|resend|revoke-feed — thin wrappers over the agenda services."""
import time

import click
from flask.cli import AppGroup

from ..cli_errors import one_line_errors
from ..extensions import db

agendas_cli = AppGroup("agendas", help="Agenda PDFs, iCal and e-mail delivery.")


def _event(event_id):
    from flask_babel import gettext as _

    from ..events.models import Event
    from .services import AgendaError

    event = db.session.get(Event, event_id)
    if event is None:
        raise AgendaError(_("There is no event with the number %(id)s.", id=event_id))
    return event


@agendas_cli.command("export")
@click.option("--event", "event_id", type=int, required=True, help="Event id.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True, help="Output folder.")
@click.option("--lang", type=click.Choice(["cs", "de", "en", "bilingual"]), default=None,
              help="Language of every agenda (default: each participant's own).")
@click.option("--workers", type=int, default=None, help="Rendering processes (default: CPU count).")
@one_line_errors
def export(event_id, out_dir, lang, workers):
    """Write all agendas (one PDF, a zip, single files) and the organiser documents into OUT."""
    from .exports import export_event

    started = time.perf_counter()
    paths = export_event(_event(event_id), out_dir, lang, workers=workers)
    for path in paths:
        click.echo(str(path))
    click.echo(f"Done in {time.perf_counter() - started:.1f} s.")


@agendas_cli.command("resend")
@click.option("--event", "event_id", type=int, required=True, help="Event id.")
@one_line_errors
def resend(event_id):
    """E-mail the latest agenda to participants whose agenda changed since their last e-mail."""
    from .services import resend_changed_agendas

    count = resend_changed_agendas(_event(event_id))
    db.session.commit()
    click.echo(f"Sent {count} changed agenda(s).")
