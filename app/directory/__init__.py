"""The cross-border directory: NACE sectors, organisation identity, directory pages, import and API.

`bp` is loaded on first access (PEP 562), as in app.participants: the models must import without the views.
"""


def __getattr__(name):
    if name == "bp":
        from . import views  # noqa: F401  (registers the routes)
        from .blueprint import bp

        return bp
    raise AttributeError(name)


def contact_status(status):
    from flask_babel import gettext as _

    return {"pending": _("waiting for an answer"), "accepted": _("accepted"), "declined": _("declined")}[status.value]


def init_app(app):
    from . import jobs, members, nace, regions, search  # noqa: F401  (search keeps the search column, members hook

    #                                                    merging, jobs registers the contact-request notice)
    from .api import api_bp
    from .cli import directory_cli

    app.register_blueprint(api_bp)

    app.cli.add_command(directory_cli)
    from .suggestions import reason_text

    app.jinja_env.filters["nace"] = nace.name
    app.jinja_env.globals["reason_text"] = reason_text
    app.jinja_env.globals["contact_status"] = contact_status
    app.jinja_env.globals["region_name"] = regions.name
    app.jinja_env.globals["nace_picker_data"] = nace.picker_data
