from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from ..config import LANGUAGES
from ..extensions import db, limiter
from ..security import end_session, renew_session, roles_required
from . import bp, limits
from .forms import GrantForm, LoginForm, PasswordChangeForm, ResetPasswordForm, ResetRequestForm
from .models import EventStaff, User
from .notify import send_reset_link
from .services import (
    AccountError,
    AccountLocked,
    audit,
    authenticate,
    change_password,
    find_user,
    grant,
    landing_endpoint,
    revoke,
    set_new_password,
    user_for_reset_token,
    visible_events,
)


def _login_limit():
    return current_app.config["RATELIMIT_LOGIN"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data, current_app.config["LOGIN_LOCKOUT"])
        except AccountLocked as exc:
            db.session.commit()  # the audit entry of the refused attempt
            form.password.errors.append(str(exc))
            return render_template("accounts/login.html", form=form), 429
        if user is None:
            db.session.commit()  # the counted failure and its audit entry
            form.password.errors.append(_("Unknown e-mail or wrong password."))
        else:
            _keep_browsing_language()
            login_user(user)
            audit("login", user=user)
            db.session.commit()
            flash(_("You are signed in."), "success")
            endpoint, values = landing_endpoint(user)
            return redirect(_safe_next() or url_for(endpoint, **values))
    return render_template("accounts/login.html", form=form)


# app.people fills "participant": signing out a participant ends the person's sessions at every event. Accounts
# sit below people and must not import them.
SIGN_OUT = {"participant": None}


@bp.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated and current_user.is_participant and SIGN_OUT["participant"] is not None:
        SIGN_OUT["participant"](current_user)  # a person signs out of every event they take part in
        db.session.commit()
    elif current_user.is_authenticated:
        end_session(current_user)  # the cookie stops working everywhere, even if someone copied it
        db.session.commit()
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password_view():
    if current_user.is_participant:
        abort(403)
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            change_password(current_user, form.current_password.data, form.new_password.data)
        except AccountError as exc:
            form.current_password.errors.append(str(exc))
        else:
            audit("password_changed", user=current_user)
            db.session.commit()
            renew_session(current_user)
            flash(_("Your password has been changed. Other sessions of this account were signed out."), "success")
            return redirect(url_for("accounts.organiser_home"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/password/reset", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = find_user(email)
        if limits.hit(f"reset:{email}", current_app.config["PASSWORD_RESETS_PER_ADDRESS"]) \
                and user is not None and user.active:
            send_reset_link(user)
        db.session.commit()
        # the same answer for every address: nobody learns who has an account
        return render_template("accounts/reset_sent.html", email=form.email.data)
    return render_template("accounts/request_reset.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    try:
        user = user_for_reset_token(token, current_app.config["SECRET_KEY"],
                                    int(current_app.config["PASSWORD_RESET_MAX_AGE"]))
    except AccountError as exc:
        return render_template("accounts/reset_failed.html", message=str(exc)), 410
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            set_new_password(user, form.new_password.data)
        except AccountError as exc:
            form.new_password.errors.append(str(exc))
        else:
            audit("password_reset", user=user)
            db.session.commit()
            logout_user()
            flash(_("Your password has been changed. Please sign in with it."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/organiser")
@roles_required("organiser", "desk")
def organiser_home():
    return render_template("accounts/organiser_home.html", events=visible_events(current_user))


@bp.route("/events/<int:event_id>/staff", methods=["GET", "POST"])
@roles_required("admin")
def edit_staff(event_id):
    from ..events.models import Event

    event = db.session.get(Event, event_id) or abort(404)
    form = GrantForm()
    if form.validate_on_submit():
        user = find_user(form.email.data)
        try:
            if user is None:
                raise AccountError(_("There is no organiser account with this e-mail address."))
            grant(user, event, form.role.data)
        except AccountError as exc:
            form.email.errors.append(str(exc))
        else:
            audit("staff_granted", user=current_user, event=event, target=user, role=form.role.data)
            db.session.commit()
            flash(_("%(email)s now works at this event.", email=user.email), "success")
            return redirect(url_for("accounts.edit_staff", event_id=event.id))
    staff = db.session.scalars(select(EventStaff).where(EventStaff.event_id == event.id)
                               .join(User).order_by(User.email)).all()
    return render_template("accounts/edit_staff.html", event=event, form=form, staff=staff, revoke_form=GrantForm())


@bp.route("/events/<int:event_id>/staff/<int:user_id>/revoke", methods=["POST"])
@roles_required("admin")
def revoke_staff(event_id, user_id):
    from ..events.models import Event

    event = db.session.get(Event, event_id) or abort(404)
    user = db.session.get(User, user_id) or abort(404)
    from flask_wtf import FlaskForm

    if FlaskForm().validate_on_submit():
        revoke(user, event)
        audit("staff_revoked", user=current_user, event=event, target=user)
        db.session.commit()
        flash(_("%(email)s no longer works at this event.", email=user.email), "success")
    return redirect(url_for("accounts.edit_staff", event_id=event.id))


def _keep_browsing_language():
    """The pages stay in the language the person browsed in before signing in: a language button's choice is in
    the session already; a browser's language (Accept-Language) would otherwise give way to the account's
    saved language, which is meant for e-mails."""
    browsing = request.accept_languages.best_match(LANGUAGES)
    if "locale" not in session and browsing:
        session["locale"] = browsing


def _safe_next():
    target = request.args.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else None
