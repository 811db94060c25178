"""My events, the sign-in for all events, one-click registration for the next event of a series, opt-out."""
from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user

from ..accounts import limits
from ..accounts.services import audit
from ..events.models import Event
from ..events.scoping import load_public_event
from ..extensions import db, limiter
from ..i18n import utcnow
from ..participants.access import safe_next
from ..participants.forms import ConfirmForm, SignInForm
from ..participants.notify import external_url, notify
from ..participants.services import AlreadyRegistered, RegistrationError, registration_open
from ..participants.tokens import make_token
from ..security import roles_required
from ..transactions import change
from . import series
from .blueprint import bp
from .overview import my_events, open_in_series
from .services import participation_at, signin_participation
from .tokens import InvitationLinkError, read_token

bp.url_value_preprocessor(load_public_event)


def _public_limit():
    return current_app.config["RATELIMIT_PUBLIC_FORM"]


def _signed_in_participant():
    user = current_user
    return user._get_current_object() if user.is_authenticated and getattr(user, "is_participant", False) else None


# ------------------------------------------------------------------ my events and the one sign-in
@bp.route("/my-events")
def list_events():
    me = _signed_in_participant()
    if me is None:
        if current_user.is_authenticated:
            abort(403)  # organiser accounts have their own home page
        return redirect(url_for("people.signin", next=request.full_path))
    upcoming, past = my_events(me.person) if me.person else ([], [])
    invitations = open_in_series(me.person) if me.person else []
    return render_template("people/list_events.html", upcoming=upcoming, past=past, me=me, invitations=invitations)


@bp.route("/my-events/signin", methods=["GET", "POST"])
@limiter.limit(_public_limit, methods=["POST"])
def signin():
    form = SignInForm()
    target = safe_next(request.args.get("next")) or url_for("people.list_events")
    if form.validate_on_submit():
        participant = signin_participation(form.email.data)
        email = form.email.data.strip().lower()
        if participant is not None and limits.hit(f"signin:{email}", current_app.config["SIGNIN_LINKS_PER_ADDRESS"]):
            link = external_url("participants.signin_token", slug=participant.event.slug,
                                token=make_token(participant), next=target)
            notify(participant, "signin", link=link)
        db.session.commit()
        # the same answer whether or not the address is known: no one learns who takes part
        return render_template("people/signin_sent.html", email=form.email.data)
    return render_template("people/signin.html", form=form)


# ------------------------------------------------------------------ series: one-click registration
@bp.route("/e/<slug>/return/<token>", methods=["GET", "POST"])
def register_returning(slug, token):
    try:
        person = read_token(token, "return", g.event)
    except InvitationLinkError as exc:
        return render_template("people/link_failed.html", event=g.event, reason=exc.reason), 410 \
            if exc.reason == "expired" else 400
    return _returning(person)


@bp.route("/e/<slug>/return", methods=["GET", "POST"])
def register_returning_signed_in(slug):
    me = _signed_in_participant()
    if me is None or me.person is None:
        return redirect(url_for("participants.register_participant", slug=slug))
    return _returning(me.person)


def _returning(person):
    event = g.event
    here = participation_at(person, event)
    if here is not None:
        flash(_("You are already registered for this event."), "info")
        return redirect(url_for("participants.signin", slug=event.slug))
    if not registration_open(event):
        return render_template("participants/registration_closed.html", event=event)
    last = series.prefill(person, event)
    if last is None:
        return redirect(url_for("participants.register_participant", slug=event.slug))
    form = ConfirmForm()
    if form.validate_on_submit():
        with change(AlreadyRegistered, RegistrationError) as outcome:
            participant = series.register_returning(event, person)
            participant.last_login_at = utcnow()
        if isinstance(outcome.error, AlreadyRegistered):
            return redirect(url_for("participants.signin", slug=event.slug))
        if outcome.failed:
            flash(outcome.message, "error")
            return redirect(url_for("participants.register_participant", slug=event.slug))
        login_user(participant)
        flash(_("You are registered for %(event)s with the details of your last registration.",
                event=event.name), "success")
        return redirect(url_for("participants.edit_profile", slug=event.slug))
    return render_template("people/register_returning.html", event=event, last=last, form=form)


@bp.route("/my-events/opt-out/<token>", methods=["GET", "POST"])
def opt_out(token):
    """One button (a POST): link scanners of mail servers open links, they must not opt people out."""
    try:
        person = read_token(token, "opt-out")
    except InvitationLinkError as exc:
        return render_template("people/link_failed.html", event=None, reason=exc.reason), 400
    form = ConfirmForm()
    if form.validate_on_submit():
        if person.invitations_opted_out_at is None:
            person.invitations_opted_out_at = utcnow()
        db.session.commit()
        return render_template("people/opted_out.html")
    return render_template("people/opt_out.html", form=form)


# ------------------------------------------------------------------ organisers: invite the series
@bp.route("/organiser/events/<int:event_id>/series-invitations", methods=["GET", "POST"])
@roles_required("organiser")
def invite_series(event_id):
    event = g.event = db.session.get(Event, event_id) or abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        with change(series.InvitationError) as outcome:
            count = series.invite_series(event)
            audit("series_invited", user=current_user, event=event, people=count)
        if outcome.failed:
            flash(outcome.message, "error")
        else:
            flash(ngettext("The invitation is being sent to %(num)d person.",
                           "The invitations are being sent to %(num)d people.", count), "success")
        return redirect(url_for("people.invite_series", event_id=event.id))
    return render_template("people/invite_series.html", event=event, form=form,
                           pending=series.pending_invitees(event), invited=len(series.already_invited(event)))
