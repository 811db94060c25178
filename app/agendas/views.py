"""Agenda downloads (participants and organisers), the calendar feed, the live agenda and the venue board."""
from flask import Response, abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.services import audit
from ..events.scoping import of_event_or_404
from ..events.services import get_event, visible_statuses
from ..extensions import db
from ..i18n import utcnow
from ..input_guard import id_or_none
from ..participants.models import Participant
from ..planning.models import ScheduleRun
from ..security import participant_required, roles_required
from ..transactions import change
from . import bp, exports, jobs, services
from .forms import ExportForm, ResendForm, RevokeFeedForm
from .pdf import DOC_LANGS, PdfError
from .viewmodels import agenda_participants, load_plan

FAILURES = (services.AgendaError, PdfError)


def _event(slug, public=False):
    event = get_event(slug)
    if event is None or (public and event.status not in visible_statuses()):
        abort(404)
    g.event = event
    return event


def _lang():
    lang = request.args.get("lang") or None
    if lang is not None and lang not in DOC_LANGS:
        abort(404)
    return lang


def _file(data, filename, mimetype, inline=False):
    disposition = "inline" if inline else "attachment"
    # content_type, not mimetype: Werkzeug appends a second "; charset=utf-8" to a text/* mimetype
    return Response(data, content_type=mimetype, headers={
        "Content-Disposition": f'{disposition}; filename="{filename}"', "Cache-Control": "private, no-store"})


def _pdf(data, filename):
    return _file(data, filename, "application/pdf")


def _ics(data, filename, inline=False):
    return _file(data, filename, "text/calendar; charset=utf-8", inline=inline)


def _failed(exc):
    return render_template("errors/error.html", code=409, title=_("The document cannot be printed"),
                           message=str(exc)), 409


# ------------------------------------------------------------------ participants
def _own_participant(slug):
    event = _event(slug, public=True)
    if current_user.event_id != event.id:
        abort(404)
    return current_user


@bp.route("/<slug>/my-agenda.pdf")
@participant_required
def participant_pdf(slug):
    participant = _own_participant(slug)
    try:
        data = services.participant_pdf(participant, _lang(), hide_unpublished=True)
    except FAILURES as exc:
        return _failed(exc)
    return _pdf(data, services.agenda_filename(participant, "pdf"))


@bp.route("/<slug>/my-agenda.ics")
def participant_ics(slug):
    if not current_user.is_authenticated:  # a calendar link opened later: the participant's own sign-in
        return redirect(url_for("participants.signin", slug=slug))
    if not getattr(current_user, "is_participant", False):
        abort(403)
    participant = _own_participant(slug)
    return _ics(_calendar_or_404(participant), services.agenda_filename(participant, "ics"))


def _calendar_or_404(participant, **kw):
    try:
        return services.participant_ics(participant, hide_unpublished=True, **kw)
    except services.AgendaError:
        abort(404)


def _token_participant(token):
    participant = services.participant_by_feed_token(token)
    if participant is None or not participant.is_active:
        abort(404)
    return participant


@bp.route("/feed/<token>.ics")
def feed_ics(token):
    return _ics(_calendar_or_404(_token_participant(token)), "agenda.ics", inline=True)


@bp.route("/live/<token>")
def show_live_agenda(token):
    participant = _token_participant(token)
    g.event = participant.event
    plan = load_plan(participant.event)
    if participant.id not in plan.people:
        abort(404)
    agenda = services.agenda_view(plan, participant.id, hide_unpublished=True)
    response = Response(render_template("agendas/show_live_agenda.html", a=agenda, token=token,
                                         feed_url=services.feed_url(token)))
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


# ------------------------------------------------------------------ organisers
@bp.route("/<slug>/")
@roles_required("organiser", "desk")
def list_documents(slug):
    event = _event(slug)
    plan = load_plan(event)
    export_runs = jobs.export_runs(event)
    return render_template("agendas/list_documents.html", event=event, plan=plan,
                           people=agenda_participants(plan), zones=exports.zones(plan),
                           resend_form=ResendForm(), revoke_form=RevokeFeedForm(), export_form=ExportForm(),
                           export_runs=export_runs, export_progress=jobs.progress,
                           export_ready=lambda r: jobs.finished_file(r) is not None,
                           exporting=any(not jobs.progress(r)["finished"] for r in export_runs),
                           delivered=services.last_delivered_hashes(event.id),
                           is_organiser=current_user.has_role("organiser"))


def _organiser_pdf(slug, build, filename):
    event = _event(slug)
    try:
        data = build(event)
    except FAILURES as exc:
        return _failed(exc)
    return _pdf(data, f"{event.slug}-{filename}")


@bp.route("/<slug>/master-plan.pdf")
@roles_required("organiser")
def master_plan_pdf(slug):
    return _organiser_pdf(slug, exports.master_plan_pdf, "master-plan.pdf")


@bp.route("/<slug>/table-sheets.pdf")
@roles_required("organiser", "desk")
def table_sheets_pdf(slug):
    return _organiser_pdf(slug, exports.table_sheets_pdf, "table-sheets.pdf")


@bp.route("/<slug>/desk-list.pdf")
@roles_required("organiser", "desk")
def desk_list_pdf(slug):
    return _organiser_pdf(slug, exports.desk_list_pdf, "desk-list.pdf")


@bp.route("/<slug>/changes.pdf")
@roles_required("organiser")
def change_sheet_pdf(slug):
    since = id_or_none(request.args.get("since"))  # a version too large for the column is "none given"
    return _organiser_pdf(slug, lambda e: exports.change_sheet_pdf(e, since), "changes.pdf")


@bp.route("/<slug>/exports", methods=["POST"])
@roles_required("organiser")
def queue_export(slug):
    """All agendas are rendered by the background worker, never inside a request."""
    event = _event(slug)
    form = ExportForm()
    if form.validate_on_submit():
        try:
            jobs.queue_export(event, form.what.data, form.lang.data, user=current_user)
        except FAILURES as exc:
            flash(str(exc), "error")
            return redirect(url_for("agendas.list_documents", slug=slug))
        audit("agendas_export_queued", user=current_user, event=event, what=form.what.data, lang=form.lang.data)
        db.session.commit()
        flash(_("The file is being prepared; this page shows when it is ready."), "success")
    return redirect(url_for("agendas.list_documents", slug=slug))


@bp.route("/<slug>/exports/<int:run_id>")
@roles_required("organiser")
def download_export(slug, run_id):
    event = _event(slug)
    run = db.session.get(ScheduleRun, run_id)
    path = jobs.finished_file(run) if run is not None and run.event_id == event.id else None
    if path is None:
        abort(404)
    mimetype = jobs.FILES[run.parameters["what"]][1]
    response = send_file(path, mimetype=mimetype, as_attachment=True, download_name=jobs.download_name(run, event))
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _event_participant(slug, pid):
    event = _event(slug)
    participant = of_event_or_404(Participant, pid, event)
    return participant


@bp.route("/<slug>/participants/<int:pid>.pdf")
@roles_required("organiser")
def agenda_pdf(slug, pid):
    participant = _event_participant(slug, pid)
    try:
        data = services.participant_pdf(participant, _lang())
    except FAILURES as exc:
        return _failed(exc)
    return _pdf(data, services.agenda_filename(participant, "pdf"))


@bp.route("/<slug>/participants/<int:pid>.ics")
@roles_required("organiser")
def agenda_ics(slug, pid):
    participant = _event_participant(slug, pid)
    return _ics(services.participant_ics(participant), services.agenda_filename(participant, "ics"))


@bp.route("/<slug>/participants/<int:pid>/feed-token", methods=["POST"])
@roles_required("organiser")
def revoke_feed(slug, pid):
    participant = _event_participant(slug, pid)
    if RevokeFeedForm().validate_on_submit():
        services.regenerate_feed_token(participant)
        audit("agenda_feed_revoked", user=current_user, event=participant.event, target=participant)
        db.session.commit()
        flash(_("The calendar link of %(name)s was replaced; the old link no longer works.",
                name=participant.full_name), "success")
    return redirect(url_for("agendas.list_documents", slug=slug))


@bp.route("/<slug>/resend", methods=["POST"])
@roles_required("organiser")
def resend_agendas(slug):
    event = _event(slug)
    if ResendForm().validate_on_submit():
        with change(*FAILURES) as outcome:
            count = services.resend_changed_agendas(event)
            audit("agendas_resent", user=current_user, event=event, count=count)
        if outcome.failed:
            flash(outcome.message, "error")
            return redirect(url_for("agendas.list_documents", slug=slug))
        flash(ngettext("%(num)s changed agenda was sent.", "%(num)s changed agendas were sent.", count),
              "success")
    return redirect(url_for("agendas.list_documents", slug=slug))


# ------------------------------------------------------------------ venue board
@bp.route("/board/<slug>/<zone>")
def show_board(slug, zone):
    event = _event(slug, public=True)
    board = exports.board_view(event, zone, utcnow(), lang=str(get_locale() or "en"))
    if board is None:
        abort(404)
    return render_template("agendas/show_board.html", event=event, board=board, refresh=30)
