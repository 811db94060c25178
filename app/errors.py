"""Error pages in the visitor's language."""
from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError


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
    app.register_error_handler(500, lambda e: page(500, _("Something went wrong"),
                                                   _("The error has been logged. Please try again later.")))
