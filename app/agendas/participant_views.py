"""The participant's agenda page (endpoint meetings.show_agenda, on the meetings blueprint): it shows the
published plan (app.planning) and the attendance marks (app.outcomes), both above the meetings."""
from flask import current_app, g, render_template, url_for

from ..i18n import utcnow
from ..meetings.blueprint import bp
from ..outcomes.attendance import my_marks
from ..outcomes.forms import MarkForm
from ..participants.access import participant_of_event_required
from ..planning.agenda import agenda_for


@bp.route("/<slug>/agenda")
@participant_of_event_required
def show_agenda(slug):
    agenda = agenda_for(g.me)
    links = {name: url_for(f"agendas.participant_{name}", slug=slug)
             for name in ("pdf", "ics") if f"agendas.participant_{name}" in current_app.view_functions}
    return render_template("meetings/show_agenda.html", event=g.event, agenda=agenda, links=links,
                           marks=my_marks(g.me), now=utcnow(), mark_form=MarkForm())
