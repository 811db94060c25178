"""Organiser event set-up (blueprint `setup`): event data, sessions and slots, tables, interpreters."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.models import Role
from ..accounts.services import audit, grant
from ..events import branding
from ..events.models import EventLogo, EventSession, EventStatus, Interpreter, RequestMode, Table
from ..events.scoping import of_event_or_404, organiser_scope
from ..extensions import db
from ..i18n import local_dt
from ..planning.forms import opts
from ..transactions import change
from . import copying
from . import setup_services as svc
from .admin_forms import (
    CopyEventForm,
    EventForm,
    InterpreterForm,
    LogoForm,
    NewEventForm,
    SessionForm,
    TableCountForm,
    TableForm,
    TablesForm,
)

bp = Blueprint("setup", __name__, url_prefix="/organiser/events")
FIELDS = [f for f in svc.EVENT_FIELDS if f not in ("languages",)]


organiser_scope(bp, "organiser")


def _values(form):
    values = {f: getattr(form, f).data for f in FIELDS if hasattr(form, f)}
    values["status"], values["request_mode"] = EventStatus(values["status"]), RequestMode(values["request_mode"])
    for key in ("remind_confirm_days", "remind_requests_days"):  # left empty: keep the event's lead time
        if values.get(key) is None:
            values.pop(key, None)
    return values | {
        "registration_deadline": form.registration_deadline.data, "request_deadline": form.request_deadline.data,
        "cross_border_weight": form.cross_border_weight.data or 0}


@bp.route("/new", methods=["GET", "POST"])
def create_event():
    form = NewEventForm(max_meetings_default=12, max_open_requests=20, cross_border_weight=1)
    if form.validate_on_submit():
        with change(svc.SetupError) as result:
            event = svc.create_event(form.slug.data, **_values(form))
            if current_user.role != Role.ADMIN:  # the creator works at the event (admins see every event anyway)
                grant(current_user, event, Role.ORGANISER)
            audit("event_created", user=current_user, event=event, target=event)
        if result.failed:
            flash(result.message, "error")
        else:
            flash(_("The event was created. Now add sessions and tables."), "success")
            return redirect(url_for(".edit_sessions", event_id=event.id))
    return render_template("setup/edit_event.html", form=form, event=None)


@bp.route("/<int:event_id>/setup", methods=["GET", "POST"])
def edit_event(event_id):
    event = g.event
    form = EventForm(obj=event)
    if request.method == "GET":
        for name, value in (("registration_deadline", event.registration_deadline_at),
                            ("request_deadline", event.request_deadline_at)):
            getattr(form, name).data = local_dt(value, event.timezone).replace(tzinfo=None) if value else None
    if form.validate_on_submit():
        with change(svc.SetupError) as result:
            svc.update_event(event, **_values(form))
            _schedule_reminders(event)
            audit("event_updated", user=current_user, event=event, target=event)
        if result.failed:
            flash(result.message, "error")
        else:
            flash(_("The event was saved."), "success")
            return redirect(url_for(".edit_event", event_id=event.id))
    return render_template("setup/edit_event.html", form=form, event=event, logo_form=LogoForm())


def _schedule_reminders(event):
    """A changed date, deadline or switch queues the reminders at their new times at once (the hourly
    recurring job would do it too)."""
    from ..outcomes.reminders import schedule_reminders  # outcomes imports events: import it late

    schedule_reminders(event)


@bp.route("/<int:event_id>/setup/copy", methods=["GET", "POST"])
def copy_event(event_id):
    """The next exchange of a series starts as a copy of this one's set-up (no people, no meetings)."""
    source = g.event
    form = CopyEventForm(name_cs=source.name_cs, name_de=source.name_de, name_en=source.name_en)
    if form.validate_on_submit():
        names = {f"name_{lang}": getattr(form, f"name_{lang}").data for lang in ("cs", "de", "en")}
        with change(svc.SetupError) as result:
            event = copying.copy_event(source, form.slug.data, form.first_day.data, names)
            if current_user.role != Role.ADMIN:  # as for a new event: whoever copies it works at the copy
                grant(current_user, event, Role.ORGANISER)
            audit("event_copied", user=current_user, event=event, target=source)
        if result.failed:
            flash(result.message, "error")
        else:
            flash(_("The set-up was copied. Check the dates and open registration when ready."), "success")
            return redirect(url_for(".edit_event", event_id=event.id))
    return render_template("setup/copy_event.html", form=form, event=source)


@bp.route("/<int:event_id>/setup/sessions", methods=["GET", "POST"])
def edit_sessions(event_id):
    event, form = g.event, SessionForm()
    if form.validate_on_submit():
        with change(svc.SetupError) as result:
            breaks = svc.parse_breaks(form.breaks.data)
            svc.add_session(event, form.code.data.strip(), form.day.data, form.start.data, form.end.data,
                            form.slot_minutes.data, form.gap_minutes.data or 0, breaks,
                            names={k: getattr(form, k).data for k in ("name_cs", "name_de", "name_en")})
            audit("session_added", user=current_user, event=event)
        if result.failed:
            form.slot_minutes.errors.append(result.message)
        else:
            flash(_("The session was added and its slots generated."), "success")
            return redirect(url_for(".edit_sessions", event_id=event.id))
    return render_template("setup/edit_sessions.html", event=event, form=form)


@bp.route("/<int:event_id>/setup/sessions/<int:session_id>/delete", methods=["POST"])
def delete_session(event_id, session_id):
    sess = of_event_or_404(EventSession, session_id)
    with change(svc.SetupError) as result:
        svc.delete_session(sess)
    if result.failed:
        flash(result.message, "error")
    else:
        flash(_("The session was deleted."), "success")
    return redirect(url_for(".edit_sessions", event_id=g.event.id))


@bp.route("/<int:event_id>/setup/tables", methods=["GET", "POST"])
def edit_tables(event_id):
    """One form for every table (names, zones, hosts) and their number; all of it is saved or nothing."""
    event = g.event
    if request.method == "POST" and "tables-0-table_id" not in request.form and "count" in request.form:
        return _set_table_count(event)  # the count alone (older pages, scripts)
    form = _tables_form(event)
    if form.validate_on_submit():
        with change(svc.SetupError) as result:
            svc.update_tables(event, [_table_row(entry) for entry in form.tables])
            svc.set_table_count(event, form.count.data, (form.zone.data or "").strip())
        if result.failed:
            form.form_errors.append(result.message)
        else:
            flash(_("The tables were saved."), "success")
            return redirect(url_for(".edit_tables", event_id=event.id))
    return render_template("setup/edit_tables.html", event=event, form=form)


def _tables_form(event, fresh=False):
    """The submitted form on POST (nothing typed is lost on an error), else the tables as saved."""
    rows = [{"table_id": t.id, "name": t.name, "zone": t.zone, "host": t.host_participant_id or 0}
            for t in event.tables]
    form = TablesForm() if request.method == "POST" and not fresh else \
        TablesForm(formdata=None, count=len(rows) or None, tables=rows)
    hosts = opts([(0, "–")] + [(p.id, p.full_name) for p in svc.exhibitors(event)])
    labels = {str(t.id): t for t in event.tables}
    for entry in form.tables:
        entry.form.host.choices = hosts
        entry.table = labels.get(str(entry.form.table_id.data))
    return form


def _table_row(entry):
    from ..participants.models import Participant

    row = entry.form
    table = of_event_or_404(Table, int(row.table_id.data)) if str(row.table_id.data).isdigit() else abort(400)
    host = db.session.get(Participant, row.host.data) if row.host.data else None
    return table, (row.name.data or "").strip(), (row.zone.data or "").strip(), host


def _set_table_count(event):
    form, error = TableCountForm(), None
    if form.validate_on_submit():
        with change(svc.SetupError) as result:
            svc.set_table_count(event, form.count.data, (form.zone.data or "").strip())
        if result.failed:
            error = result.message
        else:
            flash(_("The tables were saved."), "success")
            return redirect(url_for(".edit_tables", event_id=event.id))
    page = _tables_form(event, fresh=True)
    page.form_errors.append(error or _("Please give the number of tables."))
    return render_template("setup/edit_tables.html", event=event, form=page)


@bp.route("/<int:event_id>/setup/tables/<int:table_id>", methods=["POST"])
def update_table(event_id, table_id):
    table = of_event_or_404(Table, table_id)
    form = TableForm()
    form.host.choices = opts([(0, "–")] + [(p.id, p.full_name) for p in svc.exhibitors(g.event)])
    if form.validate_on_submit():
        from ..participants.models import Participant

        host = db.session.get(Participant, form.host.data) if form.host.data else None
        with change(svc.SetupError) as result:
            svc.update_table(table, (form.name.data or "").strip(), (form.zone.data or "").strip(), host)
        if result.failed:
            flash(result.message, "error")
        else:
            flash(_("The table was saved."), "success")
    else:
        flash(_("The table was not saved: %(why)s", why=" ".join(e for errs in form.errors.values() for e in errs)),
              "error")
    return redirect(url_for(".edit_tables", event_id=g.event.id))


@bp.route("/<int:event_id>/setup/interpreters", methods=["GET", "POST"])
def edit_interpreters(event_id):
    event, form = g.event, InterpreterForm()
    form.unavailable.choices = opts((s.id, format_datetime(local_dt(s.start_at, event.timezone), "short", rebase=False))
                                    for s in event.slots)
    if form.validate_on_submit():
        slots = [s for s in event.slots if s.id in set(form.unavailable.data or [])]
        with change(svc.SetupError) as result:
            svc.add_interpreter(event, form.name.data, form.languages.data or [], form.email.data or "", slots)
        if result.failed:
            form.languages.errors.append(result.message)
        else:
            flash(_("The interpreter was added."), "success")
            return redirect(url_for(".edit_interpreters", event_id=event.id))
    return render_template("setup/edit_interpreters.html", event=event, form=form)


@bp.route("/<int:event_id>/setup/interpreters/<int:interpreter_id>/delete", methods=["POST"])
def delete_interpreter(event_id, interpreter_id):
    interp = of_event_or_404(Interpreter, interpreter_id)
    svc.delete_interpreter(interp)
    db.session.commit()
    flash(_("The interpreter was removed."), "success")
    return redirect(url_for(".edit_interpreters", event_id=g.event.id))


@bp.route("/<int:event_id>/setup/logos", methods=["POST"])
def add_logo(event_id):
    event, form = g.event, LogoForm()
    if form.validate_on_submit():
        with change(branding.BrandingError) as result:
            logo = branding.add_logo(event, form.kind.data, form.label.data, form.image.data.read())
            db.session.flush()
            audit("logo_added", user=current_user, event=event, target=logo)
        if result.failed:
            flash(result.message, "error")
        else:
            flash(_("The logo was added."), "success")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
    return redirect(url_for(".edit_event", event_id=event.id) + "#logos")


@bp.route("/<int:event_id>/setup/logos/<int:logo_id>/delete", methods=["POST"])
def delete_logo(event_id, logo_id):
    logo = of_event_or_404(EventLogo, logo_id)
    branding.delete_logo(logo)
    db.session.commit()
    flash(_("The logo was removed."), "success")
    return redirect(url_for(".edit_event", event_id=g.event.id) + "#logos")
