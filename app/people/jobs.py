"""Series invitations leave through the job queue, never from a request."""
from ..jobs import register
from .series import send_invitations

register("people.invite_series", max_attempts=3)(send_invitations)
