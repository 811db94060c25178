"""The planning feature's values as people read them (app.labels.label and choices look them up)."""
from flask_babel import lazy_gettext as _l

from ..labels import register
from .models import PublicationKind, RunStatus

register({
    RunStatus.QUEUED: _l("queued"), RunStatus.RUNNING: _l("running"), RunStatus.DONE: _l("finished"),
    RunStatus.FAILED: _l("failed"), RunStatus.CANCELLED: _l("stopped"),
    PublicationKind.PRELIMINARY: _l("preliminary"), PublicationKind.FINAL: _l("final"),
})
