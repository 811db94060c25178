"""Who may open participant pages: the signed-in participant of *this* event."""
from functools import wraps

from flask import abort, g, redirect, render_template, request, url_for
from flask_login import current_user

from ..events.scoping import load_public_event

load_event = load_public_event  # url_value_preprocessor for every /e/<slug>/… route


# app.people fills "find": a person signed in at another of their events is moved to their participation at
# this one. Participants sit below people and must not import them; without people, only this event counts.
PERSON_AT_EVENT = {"find": None}

# app.people fills "prefill": the last participation a signed-in returning person can register again with.
RETURNING = {"prefill": None}


def current_participant():
    """The signed-in participant if they belong to g.event, else None."""
    find = PERSON_AT_EVENT["find"]
    if find is not None:
        return find(g.event)
    user = current_user
    if user.is_authenticated and getattr(user, "is_participant", False) and user.event_id == g.event.id:
        return user._get_current_object()
    return None


def participant_of_event_required(view):
    """Sign-in page of this event for strangers; 403 for organisers (they use their own pages)."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_participant() is None:
            if current_user.is_authenticated and not getattr(current_user, "is_participant", False):
                abort(403)
            return redirect(url_for("participants.signin", slug=g.event.slug, next=request.full_path))
        g.me = current_user._get_current_object()
        return view(*args, **kwargs)
    return wrapped


def pending_page():
    """What a registrant sees until the organiser approves them: no marketplace, no cards, no requests."""
    return render_template("participants/pending.html", event=g.event), 403


def is_pending(viewer):
    from .models import ParticipantStatus

    return getattr(viewer, "is_participant", False) and viewer.status != ParticipantStatus.APPROVED


def approved_participant_required(view):
    """participant_of_event_required, and approved by the organiser (pending registrants get pending_page)."""
    @participant_of_event_required
    @wraps(view)
    def wrapped(*args, **kwargs):
        if is_pending(g.me):
            return pending_page()
        return view(*args, **kwargs)
    return wrapped


def safe_next(target):
    return target if target and target.startswith("/") and not target.startswith("//") else None
