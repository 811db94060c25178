"""The participant's live agenda page (endpoint meetings.show_agenda, on the meetings blueprint): the published
plan (app.planning), what became of every wish (app.agendas) and the one-tap attendance marks of this package."""
from flask import current_app, g, render_template, url_for

from ..agendas.wishes import wish_outcomes
from ..i18n import utcnow
from ..meetings.blueprint import bp
from ..meetings.forms import DeclineForm
from ..participants.access import participant_of_event_required
from ..planning.agenda import agenda_for
from .attendance import my_marks
from .forms import MarkForm


@bp.route("/<slug>/agenda")
@participant_of_event_required
def show_agenda(slug):
    agenda = agenda_for(g.me)
    links = {name: url_for(f"agendas.participant_{name}", slug=slug)
             for name in ("pdf", "ics") if f"agendas.participant_{name}" in current_app.view_functions}
    return render_template("meetings/show_agenda.html", event=g.event, agenda=agenda, links=links,
                           marks=my_marks(g.me), now=utcnow(), mark_form=MarkForm(), decline_form=DeclineForm(),
                           wishes=wish_outcomes(g.me) if agenda.published else [])
