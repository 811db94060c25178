"""flask planning solve|apply|publish|replan|worker — thin wrappers over the planning services."""
import click
from flask.cli import AppGroup

from ..cli_errors import one_line_errors
from ..extensions import db

planning_cli = AppGroup("planning", help="Solver runs, plans and publications.")


def _event(event_id):
    from ..events.models import Event

    event = db.session.get(Event, event_id)
    if event is None:
        raise ValueError(f"no event with id {event_id}")
    return event


def _solve_now(event, time_limit, workers, seed, **variant):
    from .runs import claim_next, execute_run, queue_run

    run = queue_run(event, time_limit_s=time_limit, workers=workers, seed=seed, **variant)
    db.session.commit()
    claimed = claim_next(run_id=run.id)
    if claimed is None:
        raise ValueError(f"run {run.id} was taken by a worker; follow it there")
    return execute_run(claimed)


@planning_cli.command("solve")
@click.option("--event", "event_id", type=int, required=True)
@click.option("--time-limit", type=float, default=30.0, show_default=True)
@click.option("--workers", type=int, default=2, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@one_line_errors
def solve_cmd(event_id, time_limit, workers, seed):
    """Solve now (in this process) and keep the run; apply it with `flask planning apply RUN`."""
    run = _solve_now(_event(event_id), time_limit, workers, seed)
    o = run.objective or {}
    click.echo(f"Run {run.id}: {run.status.value} ({run.solver_status}), meetings {o.get('meetings')}, "
               f"weight {o.get('weight')}, breaks {o.get('breaks')}")


@planning_cli.command("apply")
@click.argument("run_id", type=int)
@one_line_errors
def apply_cmd(run_id):
    """Make the plan of a finished run the plan of its event."""
    from .models import ScheduleRun
    from .services import apply_run

    run = db.session.get(ScheduleRun, run_id)
    if run is None:
        raise ValueError(f"no run with id {run_id}")
    result = apply_run(run)
    db.session.commit()
    click.echo(f"Applied run {run.id}: {result.created} new, {result.moved} moved, {result.cancelled} cancelled, "
               f"{len(result.affected)} participants affected")


@planning_cli.command("publish")
@click.option("--event", "event_id", type=int, required=True)
@click.option("--final", is_flag=True, help="Publish the final plan (default: preliminary).")
@one_line_errors
def publish_cmd(event_id, final):
    """Publish the current plan and e-mail the participants whose agenda changed."""
    from .models import PublicationKind
    from .services import publish

    pub, sent = publish(_event(event_id), PublicationKind.FINAL if final else PublicationKind.PRELIMINARY)
    db.session.commit()
    click.echo(f"Published version {pub.version} ({pub.kind.value}); {sent} participants notified")


@planning_cli.command("replan")
@click.option("--event", "event_id", type=int, required=True)
@click.option("--from-slot", "from_slot", required=True,
              help="Start of the first slot to re-plan, in the event's local time, e.g. '2027-03-11 09:00'.")
@click.option("--time-limit", type=float, default=10.0, show_default=True)
@click.option("--notify/--no-notify", default=False, help="Publish and e-mail the affected participants.")
@one_line_errors
def replan_cmd(event_id, from_slot, time_limit, notify):
    """Re-plan from a slot onward, moving as few meetings as possible, and apply the result."""
    from ..i18n import human_datetime
    from .services import apply_run, publish

    event = _event(event_id)
    slot = slot_at_local_time(event, from_slot)
    run = _solve_now(event, time_limit, 1, 0, kind="replan", from_slot=slot.code)
    result = apply_run(run)
    if notify and result.affected:
        publish(event)
    db.session.commit()
    click.echo(f"Re-planned from {human_datetime(slot.start_at, event.timezone)} ({event.timezone}, run {run.id}): "
               f"{result.moved} moved, {result.created} new, {result.cancelled} cancelled; affected participant ids: "
               f"{', '.join(str(i) for i in sorted(result.affected)) or '-'}")


def slot_at_local_time(event, text):
    """The slot starting at `text` ('2027-03-11 09:00' or '2027-03-11T09:00', the event's local time)."""
    from datetime import datetime

    from ..i18n import local_dt, to_utc

    try:
        local = datetime.fromisoformat(text.strip().replace(" ", "T"))
    except ValueError:
        raise ValueError(f"'{text}' is not a date and time like '2027-03-11 09:00'") from None
    start = to_utc(local.replace(tzinfo=None), event.timezone)
    slot = next((s for s in event.slots if s.start_at == start), None)
    if slot is None:
        starts = ", ".join(local_dt(s.start_at, event.timezone).strftime("%Y-%m-%d %H:%M") for s in event.slots)
        raise ValueError(f"no slot starts at {text} ({event.timezone}) in event {event.id}; slots start at: {starts}")
    return slot


@planning_cli.command("worker")
@click.option("--once", is_flag=True, help="Exit when the queue is empty.")
@click.option("--poll", type=float, default=1.0, show_default=True)
def worker_cmd(once, poll):
    """Alias of `flask jobs worker`: solver runs and background jobs (start several for more throughput)."""
    from ..jobs.cli import run_worker

    run_worker(once, poll)
