"""The outcomes feature's values as people read them (app.labels.label and choices look them up)."""
from flask_babel import lazy_gettext as _l

from ..labels import register
from .models import CooperationKind

register({
    CooperationKind.SUPPLY: _l("supply"), CooperationKind.JOINT_PROJECT: _l("joint project"),
    CooperationKind.RND: _l("research and development"),
})
