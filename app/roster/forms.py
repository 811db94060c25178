from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, HiddenField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from ..forms import ActionForm  # noqa: F401  (the views import it from here)
from ..input_guard import single_line
from ..labels import COUNTRY_NAMES, choices
from ..participants.models import ParticipantRole
from ..planning.forms import opts
from ..setup.admin_forms import LANG_CHOICES


class ParticipantForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=[single_line, DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[single_line, DataRequired(), Length(max=100)])
    # optional: a walk-in registered at the desk may have given no address
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[single_line, Length(max=40)])
    position = StringField(_l("Position"), validators=[single_line, Length(max=120)])
    organisation_name = StringField(_l("Organisation"), validators=[single_line, DataRequired(), Length(max=200)])
    country = SelectField(_l("Country"), choices=opts(COUNTRY_NAMES.items()))
    languages = SelectMultipleField(_l("Languages spoken"), choices=LANG_CHOICES)
    locale = SelectField(_l("Language for e-mails"), choices=opts([("cs", "Čeština"), ("de", "Deutsch"),
                                                                   ("en", "English")]))
    role = SelectField(_l("Role"), choices=opts(choices(ParticipantRole)))
    max_meetings = IntegerField(_l("Most meetings (empty: event default)"),
                                validators=[Optional(), NumberRange(min=0, max=60)])


class ImportForm(FlaskForm):
    file = FileField(_l("CSV or Excel file"), validators=[FileRequired()])


class ConfirmImportForm(FlaskForm):
    rows = HiddenField(validators=[DataRequired()])
