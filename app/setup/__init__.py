"""Setting up an event (organisers): the event, its sessions, tables, interpreters, branding, staff and copies.

Its own package above participants, meetings and planning, which set-up reads; app.events keeps the Event
model and the public event pages that every feature builds on."""
from .admin_views import bp  # noqa: F401  (registered by app.create_app)
