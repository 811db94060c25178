from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp

from ..events.models import EventStatus, RequestMode
from ..input_guard import single_line
from ..labels import LANGUAGE_NAMES, choices
from ..planning.forms import opts

LANG_CHOICES = opts(LANGUAGE_NAMES.items())


class EventForm(FlaskForm):
    name_cs = StringField(_l("Name (Czech)"), validators=[single_line, Length(max=200)])
    name_de = StringField(_l("Name (German)"), validators=[single_line, Length(max=200)])
    name_en = StringField(_l("Name (English)"), validators=[single_line, Length(max=200)])
    description_cs = TextAreaField(_l("Description (Czech)"))
    description_de = TextAreaField(_l("Description (German)"))
    description_en = TextAreaField(_l("Description (English)"))
    venue = StringField(_l("Venue"), validators=[single_line, Length(max=200)])
    venue_address = StringField(_l("Address"), validators=[single_line, Length(max=300)])
    timezone = SelectField(_l("Time zone"), choices=opts([("Europe/Prague", "Europe/Prague"),
                                                          ("Europe/Berlin", "Europe/Berlin")]))
    default_locale = SelectField(_l("Default language"), choices=opts([("cs", "Čeština"), ("de", "Deutsch"),
                                                                        ("en", "English")]))
    status = SelectField(_l("Status"), choices=opts(choices(EventStatus)))
    registration_deadline = DateTimeLocalField(_l("Registration deadline"), format="%Y-%m-%dT%H:%M",
                                               validators=[Optional()])
    request_deadline = DateTimeLocalField(_l("Deadline for meeting requests"), format="%Y-%m-%dT%H:%M",
                                          validators=[Optional()])
    request_mode = SelectField(_l("Meeting requests"), choices=opts(choices(RequestMode)))
    require_approval = BooleanField(_l("Registrations need the organiser's approval"))
    max_meetings_default = IntegerField(_l("Most meetings per participant"),
                                        validators=[DataRequired(), NumberRange(min=1, max=60)])
    max_open_requests = IntegerField(_l("Most open requests per participant"),
                                     validators=[DataRequired(), NumberRange(min=1, max=500)])
    cross_border_weight = IntegerField(_l("Extra weight of cross-border (CZ–DE) meetings"),
                                       validators=[Optional(), NumberRange(min=0, max=10)])
    contact_email = EmailField(_l("Contact e-mail"), validators=[Optional(), Email(), Length(max=254)])
    funding_statement = BooleanField(_l("Show \"Co-funded by the European Union\" with the EU emblem"))
    programme_name = StringField(_l("Funding programme"), validators=[Length(max=200)])
    # reminders and nudges, each switchable (app/outcomes/reminders.py)
    remind_confirm = BooleanField(_l("Ask participants to confirm that they will come"), default=True)
    remind_confirm_days = IntegerField(_l("Days before the event"), default=3,
                                       validators=[Optional(), NumberRange(min=1, max=30)])
    remind_agenda = BooleanField(_l("Send each participant their agenda the day before"), default=True)
    remind_requests = BooleanField(_l("Remind participants who sent no request or have requests to answer"),
                                   default=True)
    remind_requests_days = IntegerField(_l("Days before the deadline for meeting requests"), default=2,
                                        validators=[Optional(), NumberRange(min=1, max=30)])
    remind_no_meetings = BooleanField(_l("Tell participants without meetings in the final plan what they can "
                                         "still do"), default=True)


class NewEventForm(EventForm):
    slug = StringField(_l("Short name in the address"), validators=[
        single_line, DataRequired(), Length(max=80),
        Regexp(r"^[a-z0-9-]+$", message=_l("Use lower-case letters, digits and -."))])


class CopyEventForm(FlaskForm):
    slug = StringField(_l("Short name in the address"), validators=[
        DataRequired(), Length(max=80), Regexp(r"^[a-z0-9-]+$", message=_l("Use lower-case letters, digits and -."))])
    first_day = DateField(_l("First day of the new event"), validators=[DataRequired()])
    name_cs = StringField(_l("Name (Czech)"), validators=[Length(max=200)])
    name_de = StringField(_l("Name (German)"), validators=[Length(max=200)])
    name_en = StringField(_l("Name (English)"), validators=[Length(max=200)])


class SessionForm(FlaskForm):
    code = StringField(_l("Code"), validators=[single_line, DataRequired(), Length(max=20)])
    name_cs = StringField(_l("Name (Czech)"), validators=[single_line, Length(max=120)])
    name_de = StringField(_l("Name (German)"), validators=[single_line, Length(max=120)])
    name_en = StringField(_l("Name (English)"), validators=[single_line, Length(max=120)])
    day = DateField(_l("Day"), validators=[DataRequired()])
    start = TimeField(_l("Start"), validators=[DataRequired()])
    end = TimeField(_l("End"), validators=[DataRequired()])
    slot_minutes = IntegerField(_l("Slot length (minutes)"), default=25,
                                validators=[DataRequired(), NumberRange(min=5, max=240)])
    gap_minutes = IntegerField(_l("Change-over between slots (minutes)"), default=5,
                               validators=[Optional(), NumberRange(min=0, max=60)])
    breaks = StringField(_l("Breaks (e.g. 10:30-11:00, 15:00-15:30)"), validators=[single_line, Length(max=200)])


class TableCountForm(FlaskForm):
    count = IntegerField(_l("Number of tables"), validators=[DataRequired(), NumberRange(min=1, max=500)])
    zone = StringField(_l("Zone of new tables"), validators=[single_line, Length(max=40)])


class TableRowForm(Form):
    """One table's line in the tables form (no CSRF of its own: the surrounding TablesForm has it)."""
    table_id = HiddenField(validators=[DataRequired()])
    name = StringField(_l("Table name"), validators=[single_line, Length(max=80)])
    zone = StringField(_l("Zone"), validators=[single_line, Length(max=40)])
    host = SelectField(_l("Host (exhibitor)"), coerce=int, validators=[Optional()])


class TablesForm(FlaskForm):
    """All tables in one form: names, zones and hosts of every table, and how many tables there are."""
    count = IntegerField(_l("Number of tables"), validators=[DataRequired(), NumberRange(min=1, max=500)])
    zone = StringField(_l("Zone of new tables"), validators=[single_line, Length(max=40)])
    tables = FieldList(FormField(TableRowForm))


class TableForm(FlaskForm):
    name = StringField(_l("Table name"), validators=[single_line, Length(max=80)])
    zone = StringField(_l("Zone"), validators=[single_line, Length(max=40)])
    host = SelectField(_l("Host (exhibitor)"), coerce=int, validators=[Optional()])


class InterpreterForm(FlaskForm):
    name = StringField(_l("Name"), validators=[single_line, DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    languages = SelectMultipleField(_l("Languages"), choices=LANG_CHOICES)
    unavailable = SelectMultipleField(_l("Not available in these slots"), coerce=int)


class LogoForm(FlaskForm):
    kind = SelectField(_l("Logo of"), choices=opts([("organiser", _l("an organiser")), ("partner", _l("a partner"))]))
    label = StringField(_l("Organisation"), validators=[DataRequired(), Length(max=200)])
    image = FileField(_l("Logo (PNG or JPEG, at most 1 MB)"), validators=[FileRequired()])
