"""Person accounts across events: one e-mail, one sign-in for every event, "My events", series invitations.

`bp` is loaded on first access (PEP 562), as in app.participants: the models must import without the views.
"""


def __getattr__(name):
    if name == "bp":
        from . import views  # noqa: F401  (registers the routes)
        from .blueprint import bp

        return bp
    raise AttributeError(name)


def init_app(app):
    from . import jobs  # noqa: F401  (registers the invitation job)
    from .services import init_linking

    init_linking()
