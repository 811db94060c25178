"""Organiser planning: runs with live progress, the plan (grid, participant, metrics), edits, publishing."""
from flask import abort, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts.services import audit
from ..events.scoping import of_event_or_404, organiser_scope
from ..extensions import db
from ..i18n import slot_label
from ..input_guard import id_or_none
from ..meetings.models import Meeting
from ..participants.models import Participant, ParticipantStatus
from ..transactions import change
from . import adapter, bp, editing, runs, stats
from .forms import ActionForm, AddMeetingForm, CapacityForm, MoveForm, PublishForm, RunForm, SwapForm, opts
from .models import Publication, RunStatus, ScheduleRun
from .services import PlanError, apply_run, dropped_meetings, explain_infeasible, publish

organiser_scope(bp, "organiser")


def _run(run_id):
    return of_event_or_404(ScheduleRun, run_id)


def _meeting(meeting_id):
    return of_event_or_404(Meeting, meeting_id)


@bp.route("/")
def show_dashboard(event_id):
    event = g.event
    all_runs = runs.runs_of(event)
    return render_template("planning/show_dashboard.html", event=event, form=RunForm(), runs=all_runs,
                           publish_form=PublishForm(), action=ActionForm(), metrics=stats.plan_metrics(event),
                           publications=db.session.scalars(select(Publication).where(
                               Publication.event_id == event.id).order_by(Publication.version.desc())).all())


@bp.route("/runs", methods=["POST"])
def queue_run(event_id):
    form = RunForm()
    if not form.validate_on_submit():
        flash(_("Please correct the run parameters."), "error")
        return redirect(url_for(".show_dashboard"))
    run = runs.queue_run(g.event, user=current_user, time_limit_s=form.time_limit_s.data,
                         workers=form.workers.data, seed=form.seed.data or 0)
    audit("run_queued", user=current_user, event=g.event, target=run)
    db.session.commit()
    flash(_("The solver run is queued; a worker will pick it up."), "success")
    return redirect(url_for(".show_run", run_id=run.id))


@bp.route("/runs/<int:run_id>")
def show_run(event_id, run_id):
    run = _run(run_id)
    why = explain_infeasible(run.problem) if run.solver_status == "infeasible" and run.problem else []
    return render_template("planning/show_run.html", event=g.event, run=run, action=ActionForm(),
                           progress=runs.progress_of(run), infeasible=why, dropped=dropped_meetings(run))


@bp.route("/runs/<int:run_id>/progress.json")
def show_run_progress(event_id, run_id):
    run = _run(run_id)
    if run.status == RunStatus.RUNNING:
        runs.fail_stale_runs()
        db.session.refresh(run)
    return jsonify(runs.progress_of(run))


@bp.route("/runs/<int:run_id>/stop", methods=["POST"])
def stop_run(event_id, run_id):
    run = _run(run_id)
    if ActionForm().validate_on_submit():
        try:
            runs.request_stop(run)
        except runs.RunError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Stop requested: the best plan found so far is kept."), "info")
    return redirect(url_for(".show_run", run_id=run.id))


@bp.route("/runs/<int:run_id>/apply", methods=["POST"])
def apply_run_view(event_id, run_id):
    run = _run(run_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    with change(PlanError) as outcome:
        result = apply_run(run, user=current_user)
        audit("run_applied", user=current_user, event=g.event, target=run, changed=result.changed)
    if outcome.failed:
        flash(outcome.message, "error")
        return redirect(url_for(".show_run", run_id=run.id))
    flash(_("Plan applied: %(new)s new, %(moved)s moved, %(cancelled)s cancelled meetings.",
            new=result.created, moved=result.moved, cancelled=result.cancelled), "success")
    return redirect(url_for(".show_plan"))


@bp.route("/runs/compare")
def compare_runs(event_id):
    ids = [i for i in map(id_or_none, request.args.getlist("run")) if i is not None]
    chosen = [_run(i) for i in ids] or [r for r in runs.runs_of(g.event) if r.plan][:5]
    keys, rows = stats.compare_runs(chosen)
    return render_template("planning/compare_runs.html", event=g.event, keys=keys, rows=rows)


@bp.route("/plan")
def show_plan(event_id):
    event = g.event
    return render_template("planning/show_plan.html", event=event, grid=stats.grid(event), action=ActionForm(),
                           add_form=_add_form(event))


@bp.route("/plan/participants/")
def find_participant_plan(event_id):
    pid = id_or_none(request.args.get("participant_id"))
    if pid is None:
        return redirect(url_for(".show_plan"))
    return redirect(url_for(".show_participant_plan", participant_id=pid))


@bp.route("/plan/participants/<int:participant_id>")
def show_participant_plan(event_id, participant_id):
    person = of_event_or_404(Participant, participant_id)
    return render_template("planning/show_participant_plan.html", event=g.event, person=person,
                           agenda=stats.participant_agenda(g.event, person))


@bp.route("/metrics")
def show_metrics(event_id):
    return render_template("planning/show_metrics.html", event=g.event, metrics=stats.plan_metrics(g.event))


# ---------------------------------------------------------------- editing
def _slot_choices(event):
    return opts((s.code, slot_label(s, event.timezone)) for s in event.slots)


def _table_choices(event):
    return opts((adapter.table_key(t), t.label) for t in event.tables)


def _add_form(event):
    form = AddMeetingForm()
    people = db.session.scalars(select(Participant).where(
        Participant.event_id == event.id, Participant.status == ParticipantStatus.APPROVED)
        .order_by(Participant.last_name)).all()
    form.participant_a.choices = form.participant_b.choices = opts((p.id, _person(p)) for p in people)
    form.slot.choices, form.table.choices = _slot_choices(event), _table_choices(event)
    return form


def _person(p):
    return f"{p.full_name} ({p.organisation.name if p.organisation else '-'})"


@bp.route("/meetings/<int:meeting_id>", methods=["GET", "POST"])
def edit_meeting(event_id, meeting_id):
    event, meeting = g.event, _meeting(meeting_id)
    move, swap = MoveForm(prefix="move"), SwapForm(prefix="swap")
    move.slot.choices, move.table.choices = _slot_choices(event), _table_choices(event)
    others = [m for m in stats.scheduled_meetings(event) if m.id != meeting.id]
    swap.other.choices = opts((m.id, f"{slot_label(m.slot, event.timezone)} · {m.table.label} · "
                                     f"{m.participant_a.full_name} – {m.participant_b.full_name}") for m in others)
    if request.method == "GET" and meeting.slot is not None:
        move.slot.data = meeting.slot.code
        move.table.data = adapter.table_key(meeting.table) if meeting.table else None
    if request.method == "POST":
        return _edit(event, meeting, move, swap)
    return render_template("planning/edit_meeting.html", event=event, meeting=meeting, move=move, swap=swap,
                           action=ActionForm())


def _edit(event, meeting, move, swap):
    op = request.form.get("op", "")
    with change(PlanError) as outcome:
        if op == "move" and move.validate_on_submit():
            editing.move_meeting(event, meeting, adapter.slot_by_code(event, move.slot.data),
                                 adapter.table_by_key(event, move.table.data))
        elif op == "swap" and swap.validate_on_submit():
            editing.swap_meetings(event, meeting, _meeting(swap.other.data))
        elif op in ("lock", "unlock") and ActionForm().validate_on_submit():
            editing.set_locked(meeting, op == "lock")
        elif op == "cancel" and ActionForm().validate_on_submit():
            editing.cancel_meeting(event, meeting)
        else:
            abort(400)
        audit(f"meeting_{op}", user=current_user, event=event, target=meeting)
    if outcome.failed:
        flash(_("The change was not saved: %(why)s", why=outcome.message), "error")
        return redirect(url_for(".edit_meeting", meeting_id=meeting.id))
    flash(_("The meeting was changed."), "success")
    return redirect(url_for(".show_plan"))


@bp.route("/meetings", methods=["POST"])
def add_meeting(event_id):
    event = g.event
    form = _add_form(event)
    if not form.validate_on_submit():
        flash(_("Please choose two participants, a slot and a table."), "error")
        return redirect(url_for(".show_plan"))
    a, b = db.session.get(Participant, form.participant_a.data), db.session.get(Participant, form.participant_b.data)
    with change(PlanError) as outcome:
        meeting = editing.add_meeting(event, a, b, adapter.slot_by_code(event, form.slot.data),
                                      adapter.table_by_key(event, form.table.data))
        audit("meeting_added", user=current_user, event=event, target=meeting)
    if outcome.failed:
        flash(_("The meeting was not added: %(why)s", why=outcome.message), "error")
        return redirect(url_for(".show_plan"))
    flash(_("The meeting was added."), "success")
    return redirect(url_for(".show_plan"))


# ---------------------------------------------------------------- publishing, capacity
@bp.route("/publish", methods=["POST"])
def publish_plan(event_id):
    form = PublishForm()
    if not form.validate_on_submit():
        abort(400)
    with change(PlanError) as outcome:
        pub, queued = publish(g.event, form.kind.data, user=current_user, defer=True)
        audit("plan_published", user=current_user, event=g.event, target=pub, notified=queued)
    if outcome.failed:
        flash(outcome.message, "error")
        return redirect(url_for(".show_dashboard"))
    flash(_("Version %(version)s published; the worker is sending the changed agendas to %(count)s "
            "participants.", version=pub.version, count=queued), "success")
    return redirect(url_for(".show_dashboard"))


@bp.route("/capacity", methods=["GET", "POST"])
def plan_capacity(event_id):
    from .capacity import capacity_table, queue_capacity_runs, smallest_reaching

    form = CapacityForm()
    if form.validate_on_submit():
        queue_capacity_runs(g.event, int(form.target_percent.data), form.max_extra.data, form.time_limit_s.data,
                            user=current_user)
        db.session.commit()
        flash(_("The variants are queued; the table fills in as the worker solves them."), "success")
        return redirect(url_for(".plan_capacity"))
    table = capacity_table(g.event)
    return render_template("planning/plan_capacity.html", event=g.event, form=form, table=table,
                           best=smallest_reaching(table))
