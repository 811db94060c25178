"""The accounts feature's values as people read them (app.labels.label and choices look them up)."""
from flask_babel import lazy_gettext as _l

from ..labels import register
from .models import Role

register({
    Role.ADMIN: _l("administrator"), Role.ORGANISER: _l("organiser"), Role.DESK: _l("reception desk"),
})
