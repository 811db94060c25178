from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, HiddenField, IntegerField, SelectField
from wtforms.validators import DataRequired, NumberRange, Optional

from ..forms import ActionForm, opts  # noqa: F401  (defined once in app.forms; imported from here too)
from ..labels import choices
from .models import PublicationKind


class RunForm(FlaskForm):
    time_limit_s = IntegerField(_l("Time limit (seconds)"), default=30,
                                validators=[DataRequired(), NumberRange(min=1, max=3600)])
    workers = IntegerField(_l("Solver threads"), default=2, validators=[DataRequired(), NumberRange(min=1, max=16)])
    seed = IntegerField(_l("Calculation variant"), default=0, validators=[Optional(), NumberRange(min=0, max=10**6)])


class MoveForm(FlaskForm):
    slot = SelectField(_l("Slot"), validators=[DataRequired()])
    table = SelectField(_l("Table"), validators=[DataRequired()])


class SwapForm(FlaskForm):
    other = SelectField(_l("Swap with meeting"), coerce=int, validators=[DataRequired()])


class AddMeetingForm(FlaskForm):
    participant_a = SelectField(_l("Participant"), coerce=int, validators=[DataRequired()])
    participant_b = SelectField(_l("Partner"), coerce=int, validators=[DataRequired()])
    slot = SelectField(_l("Slot"), validators=[DataRequired()])
    table = SelectField(_l("Table"), validators=[DataRequired()])


class PublishForm(FlaskForm):
    kind = SelectField(_l("Kind of publication"), choices=opts(choices(PublicationKind)),
                       default=PublicationKind.PRELIMINARY.value)
    confirmed = HiddenField()  # set by the confirmation page, which says how many people will be e-mailed


class CapacityForm(FlaskForm):
    target_percent = DecimalField(_l("Target share of accepted wishes (%)"), default=90, places=0,
                                  validators=[DataRequired(), NumberRange(min=1, max=100)])
    max_extra = IntegerField(_l("Try up to this many extra tables or slots"), default=6,
                             validators=[DataRequired(), NumberRange(min=1, max=30)])
    time_limit_s = IntegerField(_l("Time limit per variant (seconds)"), default=10,
                                validators=[DataRequired(), NumberRange(min=1, max=600)])
