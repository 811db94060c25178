from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from ..extensions import db, limiter
from ..security import roles_required
from . import bp
from .forms import LoginForm
from .services import audit, authenticate


def _login_limit():
    return current_app.config["RATELIMIT_LOGIN"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("Unknown e-mail or wrong password."))
        else:
            login_user(user)
            audit("login", user=user)
            db.session.commit()
            flash(_("You are signed in."), "success")
            return redirect(_safe_next() or url_for("main.index"))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/organiser")
@roles_required("organiser", "desk")
def organiser_home():
    from sqlalchemy import select

    from ..events.models import Event

    events = db.session.scalars(select(Event).order_by(Event.id.desc())).all()
    return render_template("accounts/organiser_home.html", events=events)


def _safe_next():
    target = request.args.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else None
