"""The events feature's values as people read them (app.labels.label and choices look them up)."""
from flask_babel import lazy_gettext as _l

from ..labels import register
from .models import EventStatus, RequestMode

register({
    EventStatus.DRAFT: _l("draft"), EventStatus.OPEN: _l("open for registration"),
    EventStatus.PLANNING: _l("planning"), EventStatus.PUBLISHED: _l("plan published"),
    EventStatus.CLOSED: _l("closed"),
    RequestMode.APPROVAL: _l("the partner accepts or declines"), RequestMode.AUTOMATIC: _l("accepted automatically"),
})
