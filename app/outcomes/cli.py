"""flask outcomes report --event SLUG | --series NAME --out FILE.xlsx | FILE.pdf (or a folder for CSV files)."""
from pathlib import Path

import click
from flask.cli import AppGroup

from ..cli_errors import one_line_errors
from .exports import SHEETS, to_csv, to_xlsx
from .services import events_for, series_for

outcomes_cli = AppGroup("outcomes", help="Outcomes of events: attendance, ratings, funder reports.")


@outcomes_cli.command("report")
@click.option("--event", "event_slug", help="Slug of one event.")
@click.option("--series", "series_name", help="Name (or id) of a series of events.")
@click.option("--out", required=True, type=click.Path(dir_okay=True, path_type=Path),
              help="FILE.xlsx for a workbook, FILE.pdf for the funder's report in Czech and German, otherwise "
                   "a folder that receives one CSV file per table.")
@one_line_errors
def report(event_slug, series_name, out):
    events = events_for(event_slug, series_name)
    if out.suffix.lower() == ".xlsx":
        out.write_bytes(to_xlsx(events))
        click.echo(f"Wrote {out}")
        return
    if out.suffix.lower() == ".pdf":
        from .report_pdf import to_pdf

        out.write_bytes(to_pdf(events, series_for(series_name)))
        click.echo(f"Wrote {out}")
        return
    out.mkdir(parents=True, exist_ok=True)
    for sheet in SHEETS:
        (out / f"{sheet}.csv").write_text(to_csv(events, sheet), encoding="utf-8")
    click.echo(f"Wrote {len(SHEETS)} CSV files to {out}")
