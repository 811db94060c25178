"""The one place where a view's failed change is undone.

A view runs each change it makes to the database inside `change(...)`: the block commits when it ends, and
when it raises one of the named errors (the services' errors, whose messages are written for the user) the
session is rolled back here, so that the page rendered after the failure neither shows nor flushes a
half-made change. The error is handed back for the view to show where it belongs (a flash, or a form
field). Any other exception is not caught: it reaches the 500 page, whose handler (`app.errors`) is the
rollback point for everything unexpected.

    with change(SetupError) as result:
        svc.add_session(event, ...)
        audit("session_added", ...)
    if result.failed:
        form.slot_minutes.errors.append(result.message)
    else:
        return redirect(...)
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from .extensions import db


@dataclass
class Result:
    error: Exception | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None

    @property
    def message(self) -> str:
        return str(self.error) if self.error is not None else ""


@contextmanager
def change(*errors: type[Exception], commit: bool = True):
    """Commit the block's change, or undo it when it raises one of `errors` (see the module docstring)."""
    result = Result()
    try:
        yield result
    except errors as exc:
        undo()
        result.error = exc
        return
    if commit:
        db.session.commit()


def undo() -> None:
    """Roll the request's session back; also when the connection itself failed and cannot roll back."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection may be gone; a fresh session replaces it
        db.session.remove()
