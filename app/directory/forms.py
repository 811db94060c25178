"""Directory forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField
from wtforms.validators import DataRequired


class MergeForm(FlaskForm):
    """Merge `drop_id` into `keep_id` (both ids come from the duplicates list)."""
    keep_id = IntegerField(_l("Keep"), validators=[DataRequired()])
    drop_id = IntegerField(_l("Merge into it"), validators=[DataRequired()])
    back = HiddenField()
