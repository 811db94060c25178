"""Which function runs which kind of job. Each feature registers its own handlers when it is imported;
this package imports no feature (dependencies point one way: features -> jobs)."""
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Handler:
    kind: str
    run: object           # callable(payload: dict) -> None
    max_attempts: int


HANDLERS: dict[str, Handler] = {}
RECURRING: dict[str, timedelta] = {}  # kind -> period; the worker enqueues one job per period
POLLERS: list = []  # callables(worker_name, stop_event) -> bool (did work): other queues the worker serves,
                    # e.g. solver runs


def register(kind, max_attempts=5):
    """Decorator: `fn(payload)` runs jobs of `kind`. Raising retries with backoff up to `max_attempts`."""
    def decorator(fn):
        HANDLERS[kind] = Handler(kind, fn, max_attempts)
        return fn
    return decorator


def recurring(kind, every, max_attempts=1):
    """Decorator: `fn(payload)` runs every `every` (a timedelta), once per period across all workers."""
    if every < timedelta(seconds=1):
        raise ValueError("a recurring job needs a period of at least one second")

    def decorator(fn):
        register(kind, max_attempts)(fn)
        RECURRING[kind] = every
        return fn
    return decorator


def add_poller(fn):
    if fn not in POLLERS:
        POLLERS.append(fn)
    return fn
