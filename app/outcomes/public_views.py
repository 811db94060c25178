"""Pages a participant reaches from the e-mails (signed links, no sign-in) and the one-tap marks."""
from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..events.scoping import load_public_event
from ..extensions import db
from ..meetings.models import Meeting
from ..participants.access import participant_of_event_required
from ..transactions import change
from . import attendance, public_bp
from .followup import FollowUpError, answers_of, partners_met, save_follow_up
from .forms import FollowUpForm, MarkForm, RatingsForm, kind_choices, outcome_choices
from .ratings import (
    Answer,
    RatingError,
    existing_feedback,
    meetings_to_rate,
    opt_out_participant,
    save_ratings,
)
from .tokens import LinkError, read_link_token

public_bp.url_value_preprocessor(load_public_event)


@public_bp.errorhandler(LinkError)
def _link_error(exc):
    """Every e-mailed link of these pages (rating, follow-up, opt-out, attendance) fails the same way."""
    return link_failed(exc.reason)


def link_failed(reason):
    """One clear sentence, in the reader's language; 410 for an expired link, 400 for a bad one."""
    message = (_("This link has expired. Please ask the organiser for a new one.") if reason == "expired"
               else _("This link is not valid. Please use the complete link from the e-mail."))
    return render_template("outcomes/link_failed.html", event=g.event, message=message), (
        410 if reason == "expired" else 400)


def _fill(form, participant, meetings):
    known = existing_feedback(participant)
    for meeting in meetings:
        f = known.get(meeting.id)
        form.meetings.append_entry({
            "meeting_id": meeting.id, "rating": str(f.rating) if f and f.rating else "",
            "outcome": f.outcome.value if f and f.outcome else "", "comment": f.comment if f else "",
            "did_not_take_place": bool(f and f.did_not_take_place)})


def _answers(form):
    return [Answer(meeting_id=entry.meeting_id.data, rating=int(entry.rating.data) if entry.rating.data else None,
                   outcome=entry.outcome.data or None, did_not_take_place=entry.did_not_take_place.data,
                   comment=entry.comment.data or "") for entry in form.meetings]


@public_bp.route("/<slug>/rate/<token>", methods=["GET", "POST"])
def rate_meetings(slug, token):
    participant, _data = read_link_token(token, "rate", g.event)
    meetings = meetings_to_rate(participant)
    form = RatingsForm()
    if request.method == "GET":
        _fill(form, participant, meetings)
    for entry in form.meetings:
        entry.outcome.choices = outcome_choices()
    if form.validate_on_submit():
        with change(RatingError) as outcome:
            save_ratings(participant, _answers(form))
        if outcome.failed:
            flash(outcome.message, "error")
        else:
            flash(_("Thank you, your answers are saved. You can change them with the same link."), "success")
            return redirect(url_for(".rate_meetings", slug=slug, token=token))
    by_id = {m.id: m for m in meetings}
    rows = [(entry, by_id.get(entry.meeting_id.data)) for entry in form.meetings]
    return render_template("outcomes/rate_meetings.html", event=g.event, participant=participant, form=form,
                           rows=[(e, m, m.partner_of(participant)) for e, m in rows if m is not None])


@public_bp.route("/<slug>/agenda/meetings/<int:meeting_id>/<any(held, no_show):mark>", methods=["POST"])
@participant_of_event_required
def mark_meeting(slug, meeting_id, mark):
    """One tap on the live agenda: "we met" or "my partner did not come"."""
    form = MarkForm()
    meeting = db.session.get(Meeting, meeting_id)
    if form.validate_on_submit() and meeting is not None and meeting.event_id == g.event.id:
        with change(attendance.AttendanceError) as outcome:
            attendance.mark_by_participant(meeting, g.me, mark)
        if outcome.failed:
            flash(outcome.message, "error")
        else:
            flash(_("Thank you, noted.") if mark == "held" else
                  _("Thank you, we noted that your partner did not come."), "success")
    else:
        flash(_("This meeting is not on your agenda."), "error")
    return redirect(url_for("meetings.show_agenda", slug=slug) + f"#m{meeting_id}")


@public_bp.route("/<slug>/opt-out/<token>", methods=["GET", "POST"])
def opt_out(slug, token):
    """The opt-out link in every survey and reminder. One button (a POST), so that link scanners of mail
    servers, which open every link, do not opt people out by themselves."""
    participant, _data = read_link_token(token, "opt-out", g.event)
    form = MarkForm()
    if form.validate_on_submit():
        opt_out_participant(participant)
        db.session.commit()
    return render_template("outcomes/opt_out.html", event=g.event, participant=participant, form=form)


@public_bp.route("/<slug>/follow-up/<token>", methods=["GET", "POST"])
def answer_follow_up(slug, token):
    participant, data = read_link_token(token, "follow-up", g.event)
    try:
        months = int(data.get("m") or 0)
    except (ValueError, TypeError):
        return link_failed("invalid")
    partners = partners_met(participant)
    form = FollowUpForm()
    if request.method == "GET":
        known = answers_of(participant, months)
        for partner in partners:
            a = known.get(partner.id)
            form.partners.append_entry({"partner_id": partner.id, "cooperating": bool(a and a.cooperating),
                                        "kind": a.kind.value if a and a.kind else "",
                                        "comment": a.comment if a else ""})
    for entry in form.partners:
        entry.kind.choices = kind_choices()
    if form.validate_on_submit():
        with change(FollowUpError) as outcome:
            save_follow_up(participant, months, [(e.partner_id.data, e.cooperating.data, e.kind.data or None,
                                                  e.comment.data) for e in form.partners])
        if outcome.failed:
            flash(outcome.message, "error")
        else:
            flash(_("Thank you, your answers are saved. You can change them with the same link."), "success")
            return redirect(url_for(".answer_follow_up", slug=slug, token=token))
    by_id = {p.id: p for p in partners}
    rows = [(e, by_id[e.partner_id.data]) for e in form.partners if e.partner_id.data in by_id]
    return render_template("outcomes/answer_follow_up.html", event=g.event, participant=participant,
                           form=form, rows=rows, months=months)
