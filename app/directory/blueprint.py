from flask import Blueprint, abort
from flask_login import current_user

from ..extensions import db
from ..participants.models import Organisation

bp = Blueprint("directory", __name__, url_prefix="/directory")


def organisation_or_404(org_id, allowed=None):
    """The organisation, or 404. With ``allowed(user, organisation)``: 403 for a signed-in user it refuses,
    404 for a visitor (who should not learn which organisations have editable pages)."""
    org = db.session.get(Organisation, org_id)
    if org is None:
        abort(404)
    if allowed is not None and not allowed(current_user, org):
        abort(403 if current_user.is_authenticated else 404)
    return org
