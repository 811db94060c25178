"""The organiser decides meetings whose attendance marks disagree (one says "we met", the other "my partner did
not come"). The decision is the desk's mark (`mark_desk`), which the meeting's status follows; the two
participants' own marks are kept as they were. Routes on the organiser's outcomes blueprint."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from ..accounts.services import audit
from ..events.models import Event
from ..extensions import db
from ..meetings.models import AttendanceMark, Meeting
from ..transactions import change
from . import bp
from .attendance import AttendanceError, conflicting_meetings, mark_by_desk


class ResolveConflictForm(FlaskForm):
    """Two buttons, name="decision": "held" or "no_show" (kept here, next to its only view)."""
    decision = RadioField(choices=[SelectChoice("held", "held"), SelectChoice("no_show", "no_show")],
                          validators=[InputRequired()])


def resolve(event, meeting, decision):
    """Record the organiser's decision (held or no_show) on a meeting whose marks disagree."""
    if meeting.event_id != event.id or meeting.id not in {m.id for m in conflicting_meetings(event)}:
        raise AttendanceError(_("This meeting has been decided already; nothing was changed."))
    return mark_by_desk(meeting, AttendanceMark(decision))


@bp.route("/events/<int:event_id>/conflicts")
def list_conflicts(event_id):
    event = db.session.get(Event, event_id) or abort(404)
    return render_template("outcomes/list_conflicts.html", event=event, conflicts=conflicting_meetings(event),
                           form=ResolveConflictForm())


@bp.route("/events/<int:event_id>/conflicts/<int:meeting_id>", methods=["POST"])
def resolve_conflict(event_id, meeting_id):
    event = db.session.get(Event, event_id) or abort(404)
    meeting = db.session.get(Meeting, meeting_id)
    form = ResolveConflictForm()
    if meeting is None or meeting.event_id != event.id:
        abort(404)
    if not form.validate_on_submit():
        abort(400)
    with change(AttendanceError) as outcome:
        resolve(event, meeting, form.decision.data)
        audit("attendance_conflict_resolved", user=current_user, event=event, target=meeting,
              decision=form.decision.data, mark_a=meeting.mark_a.value, mark_b=meeting.mark_b.value)
    if outcome.failed:
        flash(outcome.message, "info")
        return redirect(url_for(".list_conflicts", event_id=event.id))
    flash(_("Decided: %(a)s and %(b)s – %(decision)s.", a=meeting.participant_a.full_name,
            b=meeting.participant_b.full_name,
            decision=_("the meeting took place") if form.decision.data == "held" else _("no-show")), "success")
    return redirect(url_for(".list_conflicts", event_id=event.id))
