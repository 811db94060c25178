"""The marketplace: browse and search the event's approved participants, their page with the meeting request
form and the directory's suggestions. Above participants, meetings, planning and the directory, which it
shows together; its routes sit on the participants blueprint (endpoints participants.marketplace, …)."""
from . import views  # noqa: F401  (adds the routes to app.participants' blueprint)
