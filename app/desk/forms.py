from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from ..forms import ActionForm  # noqa: F401  (the views import it from here)
from ..input_guard import single_line
from ..labels import COUNTRY_NAMES
from ..planning.forms import opts
from ..setup.admin_forms import LANG_CHOICES


class WalkInForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=[single_line, DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[single_line, DataRequired(), Length(max=100)])
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Email(), Length(max=254)])
    organisation = StringField(_l("Organisation"), validators=[single_line, DataRequired(), Length(max=200)])
    country = SelectField(_l("Country"), choices=opts(COUNTRY_NAMES.items()))
    languages = SelectMultipleField(_l("Languages spoken"), choices=LANG_CHOICES, validators=[DataRequired()])
    wants = SelectMultipleField(_l("Wants to meet"), coerce=int,
                                render_kw={"data-filter": _l("Find by name or organisation"), "size": 8})
    locale = SelectField(_l("Language for e-mails"), choices=opts([("cs", "Čeština"), ("de", "Deutsch"),
                                                                   ("en", "English")]))


class ReplanForm(FlaskForm):
    from_slot = SelectField(_l("Re-plan from slot"), validators=[DataRequired()])


class CheckInCodeForm(FlaskForm):
    """What a QR scanner types (the code, then Enter) or a person types from the badge."""
    code = StringField(_l("Check-in code"), validators=[single_line, DataRequired(), Length(max=40)])
