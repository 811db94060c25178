"""Check-in screen, no-show candidates and badges for the desk staff and organisers of the event."""
from flask import abort, flash, g, make_response, redirect, render_template, request, send_file, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.services import audit
from ..agendas.pdf import PdfError
from ..events.scoping import of_event_or_404
from ..extensions import db
from ..meetings.models import Meeting
from ..participants.models import Participant, ParticipantStatus
from . import badge_jobs, badges, bp, checkin, no_shows
from .forms import ActionForm, CheckInCodeForm

LISTS = ("not_yet", "checked_in", "expected", "all")


@bp.route("/checkin")
def show_checkin(event_id):
    show = request.args.get("show") if request.args.get("show") in LISTS else "not_yet"
    query = request.args.get("q", "").strip()
    overview = checkin.day_overview(g.event)
    pool = checkin.approved_people(g.event) if show == "all" else getattr(overview, show)
    people = [p for p in pool if checkin.matches(p, query)]
    return render_template("desk/show_checkin.html", event=g.event, overview=overview, people=people, show=show,
                           query=query, form=CheckInCodeForm(), action=ActionForm(), is_present=checkin.is_present,
                           day_label=format_date(overview.day, "full") if overview.day else "")


@bp.route("/checkin", methods=["POST"])
def check_in_code(event_id):
    form = CheckInCodeForm()
    if not form.validate_on_submit():
        flash(_("Please type or scan the code printed on the badge."), "error")
        return redirect(url_for(".show_checkin"))
    person = checkin.find_by_code(g.event, form.code.data)
    if person is None:
        flash(_("No participant of this event has the check-in code %(code)s.",
                code=checkin.normalise_code(form.code.data)[:20]), "error")
        return redirect(url_for(".show_checkin"))
    return _check_in(person)


@bp.route("/checkin/<int:participant_id>", methods=["POST"])
def check_in_participant(event_id, participant_id):
    if not ActionForm().validate_on_submit():
        abort(400)
    return _check_in(_approved(participant_id))


def _approved(participant_id):
    person = of_event_or_404(Participant, participant_id)
    if person.status != ParticipantStatus.APPROVED:
        abort(404)
    return person


def _check_in(person):
    name = f"{person.full_name} ({person.organisation.name})" if person.organisation else person.full_name
    if checkin.check_in(person):
        audit("participant_checked_in", user=current_user, event=g.event, target=person)
        db.session.commit()
        flash(_("%(name)s is checked in.", name=name), "success")
    else:
        flash(_("%(name)s was already checked in.", name=name), "info")
    return redirect(url_for(".show_checkin", q=request.args.get("q") or None, show=request.args.get("show")))


@bp.route("/checkin/<int:participant_id>/undo", methods=["POST"])
def undo_check_in(event_id, participant_id):
    person = _approved(participant_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if checkin.undo_check_in(person):
        audit("participant_check_in_undone", user=current_user, event=g.event, target=person)
        db.session.commit()
        flash(_("The check-in of %(name)s was undone.", name=person.full_name), "success")
    return redirect(url_for(".show_checkin", q=request.args.get("q") or None, show=request.args.get("show")))


@bp.route("/no-shows")
def list_no_shows(event_id):
    return render_template("desk/list_no_shows.html", event=g.event, candidates=no_shows.candidates(g.event),
                           action=ActionForm(), grace=no_shows.GRACE_SLOTS)


@bp.route("/no-shows/<int:participant_id>", methods=["POST"])
@bp.route("/no-shows/<int:participant_id>/meetings/<int:meeting_id>", methods=["POST"])
def confirm_no_shows(event_id, participant_id, meeting_id=None):
    person = _approved(participant_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    found = {c.person.id: c for c in no_shows.candidates(g.event)}.get(person.id)
    meetings = [of_event_or_404(Meeting, meeting_id)] if meeting_id else (found.meetings if found else [])
    confirmed = no_shows.confirm(g.event, person, meetings)
    for meeting in confirmed:
        audit("no_show_confirmed", user=current_user, event=g.event, target=meeting, absent=person.id)
    db.session.commit()
    if confirmed:
        flash(ngettext("%(num)d meeting of %(name)s is recorded as a no-show.",
                       "%(num)d meetings of %(name)s are recorded as no-shows.", len(confirmed),
                       name=person.full_name), "success")
    else:
        flash(_("Nothing was changed: these meetings have been decided or marked in the meantime."), "info")
    return redirect(url_for(".list_no_shows"))


@bp.route("/badges")
def show_badges(event_id):
    ready_at = badge_jobs.sheet_ready_at(g.event.id)
    return render_template("desk/show_badges.html", event=g.event, ready_at=ready_at, action=ActionForm(),
                           pending=badge_jobs.pending(g.event.id), job=badge_jobs.latest_job(g.event.id))


@bp.route("/badges", methods=["POST"])
def queue_badges(event_id):
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        badge_jobs.queue_sheet(g.event)
    except badges.BadgeError as exc:
        flash(str(exc), "error")
        return redirect(url_for(".show_badges"))
    audit("badges_queued", user=current_user, event=g.event)
    db.session.commit()
    flash(_("The badges are being prepared. This page shows the download when they are ready."), "success")
    return redirect(url_for(".show_badges"))


@bp.route("/badges.pdf")
def badges_pdf(event_id):
    path = badge_jobs.sheet_path(g.event.id)
    if not path.is_file():
        flash(_("Prepare the badges first."), "info")
        return redirect(url_for(".show_badges"))
    return send_file(path, mimetype="application/pdf", as_attachment=True,
                     download_name=f"{g.event.slug}-badges.pdf", max_age=0)


@bp.route("/badges/<int:participant_id>.pdf")
def badge_pdf(event_id, participant_id):
    person = _approved(participant_id)
    return _pdf(lambda: badges.single_pdf(g.event, person), f"{g.event.slug}-badge-{person.id}.pdf")


def _pdf(render, name):
    try:
        data = render()
    except (badges.BadgeError, PdfError) as exc:
        return render_template("errors/error.html", code=409, title=_("The document cannot be printed"),
                               message=str(exc)), 409
    response = make_response(data)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
