"""The page behind the "will you come?" link of the attendance reminder (signed link, no sign-in)."""
from flask import flash, g, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ..transactions import change
from . import public_bp
from .confirmations import ConfirmationError, answer_attendance
from .forms import AttendanceForm
from .reminder_mail import first_day_text
from .tokens import read_link_token


@public_bp.route("/<slug>/attend/<token>", methods=["GET", "POST"])
def confirm_attendance(slug, token):
    """Two buttons (a POST, so that mail servers' link scanners answer nothing by opening the link)."""
    participant, _data = read_link_token(token, "attend", g.event)  # a bad link: public_views._link_error answers
    form = AttendanceForm()
    if form.validate_on_submit():
        with change(ConfirmationError) as result:
            answer_attendance(participant, form.answer.data)
        if result.failed:
            flash(result.message, "error")
        else:
            flash(_("Thank you, we look forward to seeing you.") if form.answer.data == "coming" else
                  _("Thank you for letting us know. The organisers will take it into account."), "success")
            return redirect(url_for(".confirm_attendance", slug=slug, token=token))
    day = first_day_text(g.event, str(get_locale() or "en"))
    return render_template("outcomes/confirm_attendance.html", event=g.event, participant=participant, form=form,
                           day=day)
