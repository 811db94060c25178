"""Event-day desk (reception staff and organisers): absences, walk-ins, re-plan from the current slot."""
import unicodedata

from flask import abort, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts.services import audit
from ..events.scoping import of_event_or_404, organiser_scope
from ..extensions import db
from ..i18n import human_datetime
from ..participants.models import Participant, ParticipantStatus
from ..planning import adapter, runs
from ..planning.forms import opts
from ..planning.models import ScheduleRun
from ..planning.services import PlanError
from ..transactions import change
from . import bp, services
from .forms import ActionForm, ReplanForm, WalkInForm

organiser_scope(bp, "organiser", "desk")


def _replan_form(event):
    form = ReplanForm()
    form.from_slot.choices = opts((s.code, human_datetime(s.start_at, event.timezone)) for s in event.slots)
    if form.from_slot.data is None:
        current = services.current_slot(event)
        form.from_slot.data = current.code if current else None
    return form


@bp.route("/")
def show_desk(event_id):
    event = g.event
    query = request.args.get("q", "").strip()
    people = db.session.scalars(select(Participant).where(
        Participant.event_id == event.id, Participant.status == ParticipantStatus.APPROVED)
        .order_by(Participant.last_name)).all()
    listed = [p for p in people if _matches(p, query)]
    replans = [r for r in runs.runs_of(event) if (r.parameters or {}).get("kind") == "replan"][:5]
    return render_template("desk/show_desk.html", event=event, people=listed, query=query, action=ActionForm(),
                           walk_in=_walk_in_form(people), replan=_replan_form(event), replans=replans,
                           current=services.current_slot(event))


def _matches(person, query):
    """Name or organisation contains the query, ignoring case and accents (Dvořák ~ dvorak)."""
    if not query:
        return True
    text = f"{person.full_name} {person.organisation.name if person.organisation else ''}"
    return _fold(query) in _fold(text)


def _fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@bp.route("/participants/<int:participant_id>/<any(absent, present):state>", methods=["POST"])
def mark_participant(event_id, participant_id, state):
    p = of_event_or_404(Participant, participant_id)
    if not ActionForm().validate_on_submit():
        abort(404)
    services.set_absent(p, state == "absent")
    audit(f"participant_{state}", user=current_user, event=g.event, target=p)
    db.session.commit()
    flash(_("%(name)s is marked absent. Re-plan to free their meetings.", name=p.full_name) if state == "absent"
          else _("%(name)s is marked present.", name=p.full_name), "success")
    return redirect(url_for(".show_desk"))


def _walk_in_form(people=None):
    form = WalkInForm()
    if people is None:
        people = db.session.scalars(select(Participant).where(
            Participant.event_id == g.event.id, Participant.status == ParticipantStatus.APPROVED)).all()
    form.wants.choices = opts((p.id, f"{p.full_name} ({p.organisation.name if p.organisation else '-'})")
                              for p in people)
    return form


@bp.route("/walk-ins", methods=["POST"])
def add_walk_in(event_id):
    form = _walk_in_form()
    if not form.validate_on_submit():
        flash(_("Please fill in the walk-in's name, e-mail, organisation and languages."), "error")
        return redirect(url_for(".show_desk"))
    with change(services.DeskError) as outcome:
        p = services.add_walk_in(g.event, form.first_name.data, form.last_name.data, form.email.data,
                                 form.organisation.data, form.country.data, form.languages.data or [],
                                 form.locale.data, wants=form.wants.data or [])
        audit("walk_in_added", user=current_user, event=g.event, target=p)
    if outcome.failed:
        flash(outcome.message, "error")
        return redirect(url_for(".show_desk"))
    flash(_("%(name)s was added. Add their meetings on the plan or re-plan.", name=p.full_name), "success")
    return redirect(url_for(".show_desk"))


@bp.route("/replan", methods=["POST"])
def queue_replan(event_id):
    form = _replan_form(g.event)
    if not form.validate_on_submit():
        abort(400)
    run = services.queue_replan(g.event, adapter.slot_by_code(g.event, form.from_slot.data), user=current_user)
    db.session.commit()
    return redirect(url_for(".show_replan", run_id=run.id))


def _run(run_id):
    run = of_event_or_404(ScheduleRun, run_id)
    return run


@bp.route("/replan/<int:run_id>")
def show_replan(event_id, run_id):
    run = _run(run_id)
    affected = (run.progress or {}).get("affected") or []
    if not run.applied_at and run.plan:
        affected = sorted(services.preview_affected(run))
    people = db.session.scalars(select(Participant).where(Participant.id.in_(affected))
                                .order_by(Participant.last_name)).all() if affected else []
    return render_template("desk/show_replan.html", event=g.event, run=run, progress=runs.progress_of(run),
                           action=ActionForm(), affected=people)


@bp.route("/replan/<int:run_id>/progress.json")
def show_replan_progress(event_id, run_id):
    run = _run(run_id)
    return jsonify(runs.progress_of(run))


@bp.route("/replan/<int:run_id>/apply", methods=["POST"])
def apply_replan(event_id, run_id):
    run = _run(run_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    with change(PlanError) as outcome:
        result, notified = services.apply_replan(run, user=current_user)
        audit("replan_applied", user=current_user, event=g.event, target=run, affected=len(result.affected))
    if outcome.failed:
        flash(outcome.message, "error")
        return redirect(url_for(".show_replan", run_id=run.id))
    flash(_("Re-plan applied: %(moved)s meetings moved; %(count)s participants are being notified.",
            moved=result.moved, count=notified), "success")
    return redirect(url_for(".show_replan", run_id=run.id))
