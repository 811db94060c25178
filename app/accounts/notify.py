"""E-mails to organiser accounts, in the account's language."""
from flask import current_app, render_template
from flask_babel import gettext as _

from ..i18n import in_locale
from ..mail import external_url, send_email
from .services import reset_token


def send_reset_link(user):
    locale = user.locale or "en"
    link = external_url("accounts.reset_password", token=reset_token(user, current_app.config["SECRET_KEY"]))
    minutes = int(current_app.config["PASSWORD_RESET_MAX_AGE"]) // 60
    with in_locale(locale):
        subject = _("Reset your coopex password")
        text = render_template("emails/accounts/password_reset.txt", user=user, link=link, minutes=minutes)
    return send_email(user.email, subject, text, kind="password_reset", locale=locale)
