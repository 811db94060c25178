from flask import abort, g, render_template
from sqlalchemy import func, select

from ..extensions import db
from ..participants.models import Organisation, Participant, ParticipantStatus
from . import bp
from .services import get_event, visible_statuses


@bp.url_value_preprocessor
def _load_event(endpoint, values):
    slug = (values or {}).get("slug")
    if slug is not None:
        event = get_event(slug)
        if event is None or event.status not in visible_statuses():
            abort(404)
        g.event = event


@bp.route("/<slug>/")
def show_event(slug):
    event = g.event
    approved = (Participant.event_id == event.id) & (Participant.status == ParticipantStatus.APPROVED)
    count = db.session.scalar(select(func.count(Participant.id)).where(approved))
    countries = db.session.execute(
        select(Organisation.country, func.count(Participant.id)).join(Participant.organisation)
        .where(approved).group_by(Organisation.country).order_by(func.count(Participant.id).desc())).all()
    return render_template("events/show_event.html", event=event, participant_count=count, countries=countries)
