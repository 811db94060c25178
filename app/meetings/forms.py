from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from ..labels import choices
from ..participants.forms import opts
from .models import Priority


class MeetingRequestForm(FlaskForm):
    priority = SelectField(_l("Priority"), choices=opts(choices(Priority)), default=Priority.NORMAL.value)
    message = TextAreaField(_l("Message (optional)"), validators=[Optional(), Length(max=1000)])


class DeclineForm(FlaskForm):
    not_interested = BooleanField(_l("I am not interested in meeting this participant at all"))
