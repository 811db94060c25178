from flask import g, render_template
from sqlalchemy import func, select

from ..extensions import db
from ..participants.models import Organisation, Participant, ParticipantStatus
from . import bp
from .scoping import load_public_event

bp.url_value_preprocessor(load_public_event)


@bp.route("/<slug>/")
def show_event(slug):
    event = g.event
    approved = (Participant.event_id == event.id) & (Participant.status == ParticipantStatus.APPROVED)
    count = db.session.scalar(select(func.count(Participant.id)).where(approved))
    countries = db.session.execute(
        select(Organisation.country, func.count(Participant.id)).join(Participant.organisation)
        .where(approved).group_by(Organisation.country).order_by(func.count(Participant.id).desc())).all()
    return render_template("events/show_event.html", event=event, participant_count=count, countries=countries)
