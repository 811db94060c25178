"""Error pages in the visitor's language."""
from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from .events.integrity import IntegrityRuleError
from .extensions import db
from .transactions import undo


def init_app(app):
    def page(code, title, message):
        return render_template("errors/error.html", code=code, title=title, message=message), code

    app.register_error_handler(403, lambda e: page(403, _("Forbidden"),
                                                   _("You do not have permission to open this page.")))
    app.register_error_handler(404, lambda e: page(404, _("Not found"), _("This page does not exist.")))
    app.register_error_handler(429, lambda e: page(429, _("Too many attempts"),
                                                   _("Please wait a moment and try again.")))
    app.register_error_handler(CSRFError, lambda e: page(400, _("The form has expired"),
                                                         _("Please reload the page and submit the form again.")))
    app.register_error_handler(413, lambda e: page(413, _("The file is too large"), _(
        "Uploads may have at most %(size)s MB. Please send a smaller file.",
        size=app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024))))
    app.register_error_handler(IntegrityRuleError, lambda e: _rolled_back(lambda: page(
        409, _("The change was not saved"), _("It would break a rule of the event set-up (for example two "
                                              "time slots at the same time). Please check your input."))))
    app.register_error_handler(500, lambda e: _rolled_back(lambda: page(
        500, _("Something went wrong"), _("The error has been logged. Please try again later."))))


def _rolled_back(render):
    """A failed transaction (e.g. a database error) must not break the error page itself."""
    undo()
    try:
        return render()
    except Exception:  # noqa: BLE001 - the layout reads the user from the database; fall back to bare HTML
        db.session.remove()
        return render_template("errors/bare.html", title=_("Something went wrong"),
                               message=_("The error has been logged. Please try again later.")), 500
