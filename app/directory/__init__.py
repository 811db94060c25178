"""The cross-border directory: organisation identity and merging, directory pages, import and API
(the NACE sectors and regions it shows are app.reference)."""
from .blueprint import bp  # noqa: F401


def contact_status(status):
    from flask_babel import gettext as _

    return {"pending": _("waiting for an answer"), "accepted": _("accepted"), "declined": _("declined")}[status.value]


def init_app(app):
    # search keeps the search column, members hook merging, jobs registers the contact-request notice
    from ..reference import nace, regions
    from . import jobs, members, search  # noqa: F401
    from .api import api_bp
    from .gdpr import plug_into_participants, plug_into_people

    plug_into_participants()
    plug_into_people()
    from .cli import directory_cli

    app.register_blueprint(api_bp)

    app.cli.add_command(directory_cli)
    from .suggestions import reason_text

    app.jinja_env.filters["nace"] = nace.name
    app.jinja_env.globals["reason_text"] = reason_text
    app.jinja_env.globals["contact_status"] = contact_status
    app.jinja_env.globals["region_name"] = regions.name
    app.jinja_env.globals["nace_picker_data"] = nace.picker_data


from . import views  # noqa: E402,F401  (registers the routes)
