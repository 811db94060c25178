from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from ..meetings.models import Outcome
from .models import CooperationKind

RATING_CHOICES = [SelectChoice("", "—"), *(SelectChoice(str(n), str(n)) for n in range(1, 6))]


def outcome_choices():
    from ..labels import label  # app.labels imports every feature's models: import it late

    return [SelectChoice("", "—"), *(SelectChoice(o.value, label(o)) for o in Outcome)]


class MeetingRatingForm(Form):
    """One meeting of the rating form (a sub-form: the CSRF token is on the outer form)."""
    meeting_id = IntegerField(validators=[InputRequired()])
    rating = SelectField(_l("Rating (1 = poor, 5 = excellent)"), choices=RATING_CHOICES, validators=[Optional()])
    outcome = SelectField(_l("What came of it"), choices=[], validators=[Optional()])
    did_not_take_place = BooleanField(_l("The meeting did not take place"))
    comment = TextAreaField(_l("Comment (optional)"), validators=[Optional(), Length(max=2000)])


class RatingsForm(FlaskForm):
    meetings = FieldList(FormField(MeetingRatingForm))


class MarkForm(FlaskForm):
    """CSRF for the one-tap attendance buttons."""
    back = HiddenField()


def kind_choices():
    from ..labels import label

    return [SelectChoice("", "—"), *(SelectChoice(k.value, label(k)) for k in CooperationKind)]


class PartnerFollowUpForm(Form):
    partner_id = IntegerField(validators=[InputRequired()])
    cooperating = BooleanField(_l("We cooperate (or have agreed to)"))
    kind = SelectField(_l("Kind of cooperation"), choices=[], validators=[Optional()])
    comment = TextAreaField(_l("Comment (optional)"), validators=[Optional(), Length(max=2000)])


class FollowUpForm(FlaskForm):
    partners = FieldList(FormField(PartnerFollowUpForm))


class AttendanceForm(FlaskForm):
    """The answer to the "will you come?" reminder: the pressed button's value."""
    answer = SelectField(choices=[SelectChoice("coming", _l("I will come")),
                                  SelectChoice("not_coming", _l("I cannot come"))],
                         validators=[InputRequired()])


class ExportRequestForm(FlaskForm):
    """Which outcome export to prepare: the pressed button's value."""
    format = SelectField(choices=[SelectChoice("xlsx", "XLSX"), SelectChoice("csv", "CSV"),
                                  SelectChoice("pdf", "PDF")], validators=[InputRequired()])
