"""A job queue of its own on the app's database (PostgreSQL or SQLite): jobs due at a time, recurring jobs,
retries with backoff, claims that hold across processes. Features register handlers with `register` /
`recurring`; the worker (`flask --app wsgi jobs worker`) runs them and the solver runs (a poller).

Why not a library: the candidates need Redis or RabbitMQ (RQ, Celery, Dramatiq, Huey with Redis) or are
PostgreSQL-only (procrastinate, pgqueuer); coopex runs on SQLite embedded and PostgreSQL in production
with no other server, and the job's effects must commit in the app's own transaction.
"""
from .queue import enqueue, run_due
from .registry import add_poller, recurring, register

__all__ = ["enqueue", "run_due", "register", "recurring", "add_poller", "init_app"]


def init_app(app):
    from .cli import jobs_cli

    app.cli.add_command(jobs_cli)
