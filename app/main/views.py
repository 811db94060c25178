from flask import abort, redirect, render_template, request, session, url_for
from sqlalchemy import select

from ..config import LANGUAGES
from ..events.models import Event, EventStatus
from ..extensions import db
from . import bp


@bp.route("/")
def index():
    events = db.session.scalars(
        select(Event).where(Event.status != EventStatus.DRAFT).order_by(Event.id.desc())).all()
    return render_template("main/index.html", events=events)


@bp.route("/language/<code>", methods=["POST"])
def set_language(code):
    if code not in LANGUAGES:
        abort(404)
    session["locale"] = code  # the page language only; the e-mail language is the profile's setting
    target = request.form.get("next") or request.referrer or url_for("main.index")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("main.index")
    return redirect(target)


@bp.route("/healthz")
def healthz():
    db.session.execute(select(1))
    return {"status": "ok"}


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico before reading <link rel=icon>; answer with the SVG icon."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)
