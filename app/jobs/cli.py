"""flask jobs worker|run-due — the background worker for jobs and solver runs."""
import click
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs (e-mails, surveys, reminders, clean-ups) and solver runs.")


def run_worker(once, poll):
    """Shared by `jobs worker` and its alias `planning worker`."""
    import signal
    import threading

    from .worker import work

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):  # finish the current job or run, then exit
        signal.signal(sig, lambda *_: stop.set())
    done = work(once=once, poll_s=poll, stop_event=stop)
    click.echo(f"worker: {done} jobs and runs done")


@jobs_cli.command("worker")
@click.option("--once", is_flag=True, help="Exit when nothing is left to do.")
@click.option("--poll", type=float, default=1.0, show_default=True)
def worker_cmd(once, poll):
    """Run due jobs, recurring jobs and solver runs (start several on PostgreSQL for more throughput)."""
    run_worker(once, poll)
