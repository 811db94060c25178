from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..accounts import limits
from ..events.scoping import of_event_or_404
from ..extensions import db, limiter
from ..i18n import utcnow
from ..participants.access import approved_participant_required, load_event, participant_of_event_required
from ..participants.forms import ConfirmForm
from ..participants.marketplace_views import participant_page
from ..participants.models import Participant
from ..transactions import change
from .agenda import agenda_for
from .blueprint import bp
from .forms import DeclineForm, MeetingRequestForm
from .models import MeetingRequest
from .services import (
    MeetingRequestError,
    clear_not_interested,
    expire_requests,
    is_mutual,
    mark_not_interested,
    open_request_count,
    request_meeting,
    requests_of,
    respond,
    withdraw,
)

bp.url_value_preprocessor(load_event)


def _request_limit():
    return current_app.config.get("RATELIMIT_MEETING_REQUEST", "60 per hour")


def _other(participant_id):
    return of_event_or_404(Participant, participant_id)


def _my_request(request_id):
    req = of_event_or_404(MeetingRequest, request_id)
    if g.me.id not in (req.requester_id, req.target_id):
        abort(404)
    return req


@bp.route("/<slug>/participants/<int:participant_id>/request", methods=["POST"])
@approved_participant_required
@limiter.limit(_request_limit, methods=["POST"])
def request_meeting_view(slug, participant_id):
    other = _other(participant_id)
    form = MeetingRequestForm()
    if form.validate_on_submit():
        if not limits.hit(f"meeting-request:{g.me.id}", current_app.config["RATELIMIT_MEETING_REQUEST"]):
            db.session.commit()  # counted per participant in the database: holds for every process and address
            form.message.errors = [*form.message.errors,
                                   _("You have sent many meeting requests in a short time. Please try again later.")]
            return participant_page(g.me, other.id, form=form), 429
        with change(MeetingRequestError) as outcome:
            req, created = request_meeting(g.me, other, form.priority.data, form.message.data)
        if outcome.failed:
            form.message.errors = [*form.message.errors, outcome.message]
        else:
            if not created:
                flash(_("You have already asked %(name)s for a meeting.", name=other.full_name), "info")
            elif is_mutual(req):
                flash(_("You both want to meet: the meeting request is accepted."), "success")
            else:
                flash(_("Your meeting request has been sent to %(name)s.", name=other.full_name), "success")
            return redirect(url_for("participants.show_participant", slug=slug, participant_id=other.id))
    return participant_page(g.me, other.id, form=form), 400


@bp.route("/<slug>/requests")
@approved_participant_required
def list_requests(slug):
    if expire_requests(event=g.event):
        db.session.commit()
    received, sent = requests_of(g.me)
    mutual = {r.id for r in sent + received if is_mutual(r)}
    return render_template("meetings/list_requests.html", event=g.event, received=received, sent=sent,
                           mutual=mutual, open_count=open_request_count(g.me), confirm=ConfirmForm(),
                           decline=DeclineForm())


@bp.route("/<slug>/requests/<int:request_id>/<any(accept, decline, withdraw):action>", methods=["POST"])
@approved_participant_required
def answer_request(slug, request_id, action):
    req = _my_request(request_id)
    form = DeclineForm() if action == "decline" else ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if action == "withdraw":
            withdraw(req, g.me)
            message = _("Your request has been withdrawn.")
        else:
            respond(req, g.me, accept=action == "accept")
            message = _("You accepted the meeting request.") if action == "accept" else \
                _("You declined the meeting request.")
            if action == "decline" and form.not_interested.data:
                mark_not_interested(g.me, req.requester)
    except MeetingRequestError as exc:
        db.session.commit()  # keeps a lazy expiry that happened on the way
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("meetings.list_requests", slug=slug))


@bp.route("/<slug>/participants/<int:participant_id>/<any('not-interested', 'interested'):mark>", methods=["POST"])
@approved_participant_required
def mark_participant(slug, participant_id, mark):
    other = _other(participant_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with change(MeetingRequestError) as outcome:
        if mark == "not-interested":
            mark_not_interested(g.me, other)
            flash(_("You will not be scheduled to meet %(name)s.", name=other.full_name), "success")
        else:
            clear_not_interested(g.me, other)
            flash(_("%(name)s can be scheduled for you again.", name=other.full_name), "success")
    if outcome.failed:
        flash(outcome.message, "error")
    return redirect(request.form.get("back") if (request.form.get("back") or "").startswith("/e/")
                    else url_for("participants.show_participant", slug=slug, participant_id=other.id))


@bp.route("/<slug>/agenda")
@participant_of_event_required
def show_agenda(slug):
    agenda = agenda_for(g.me)
    links = {name: url_for(f"agendas.participant_{name}", slug=slug)
             for name in ("pdf", "ics") if f"agendas.participant_{name}" in current_app.view_functions}
    from ..outcomes.attendance import my_marks
    from ..outcomes.forms import MarkForm

    return render_template("meetings/show_agenda.html", event=g.event, agenda=agenda, links=links,
                           marks=my_marks(g.me), now=utcnow(), mark_form=MarkForm())
