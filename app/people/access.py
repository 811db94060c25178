"""One sign-in for every event: a participant's session moves to the same person's participation at the event
whose page they open. The session keeps its sign-in time, so moving never extends the absolute timeout."""
from functools import wraps

from flask import abort, redirect, request, session, url_for
from flask_login import current_user, login_user

from .services import same_person_at


def person_participant(event):
    """The signed-in person's participation at `event` (switching the session to it), else None."""
    user = current_user
    if not (user.is_authenticated and getattr(user, "is_participant", False)):
        return None
    if user.event_id == event.id:
        return user._get_current_object()
    other = same_person_at(user, event)
    if other is None:
        return None
    auth_at = session.get("auth_at")
    login_user(other)
    session["auth_at"] = auth_at
    return other


def person_required(view):
    """A signed-in participant of any event; strangers get the sign-in for all events, organisers 403."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("people.signin", next=request.full_path if request.method == "GET" else None))
        if not getattr(current_user, "is_participant", False):
            abort(403)
        return view(*args, **kwargs)
    return wrapped
