from flask import Response, abort, g, render_template, request
from sqlalchemy import func, select

from ..events import bp
from ..events.branding import logo_path
from ..events.models import EventLogo
from ..events.scoping import load_public_event
from ..extensions import db
from .models import Organisation, Participant, ParticipantStatus

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


@bp.route("/<slug>/logos/<file_name>")
def show_logo(slug, file_name):
    """Only files recorded as this event's logos; names are generated and never reused, so caching is safe."""
    logo = db.session.scalar(select(EventLogo).where(EventLogo.event_id == g.event.id,
                                                     EventLogo.file_name == file_name))
    if logo is None or not logo_path(logo).is_file():
        abort(404)
    # read whole (at most 1 MB) rather than streamed, so no file handle outlives the request
    response = Response(logo_path(logo).read_bytes(), mimetype=logo.content_type)
    response.cache_control.public, response.cache_control.max_age = True, 86400
    response.set_etag(logo.file_name)
    response.make_conditional(request)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response
