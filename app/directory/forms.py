"""Directory forms."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..input_guard import MAX_ID, web_address, with_scheme
from ..participants.forms import MultiCheckboxField
from ..reference import nace


class MergeForm(FlaskForm):
    """Merge `drop_id` into `keep_id` (both ids come from the duplicates list)."""
    keep_id = IntegerField(_l("Keep"), validators=[DataRequired(), NumberRange(1, MAX_ID)])
    drop_id = IntegerField(_l("Merge into it"), validators=[DataRequired(), NumberRange(1, MAX_ID)])
    back = HiddenField()


class DirectoryFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    region = SelectField(_l("Region"), validators=[Optional()])
    kind = SelectField(_l("Type of organisation"), validators=[Optional()])
    sector = SelectField(_l("Sector"), validators=[Optional()])
    size = SelectField(_l("Size"), validators=[Optional()])
    language = SelectField(_l("Language"), validators=[Optional()])
    offer = SelectField(_l("Offers and requests"), validators=[Optional()])
    country = SelectField(_l("Country"), validators=[Optional()])


def _nace_check(form, field):
    try:
        nace.parse(field.data)
    except nace.NaceError as exc:
        raise ValidationError(_("Not a NACE code: %(codes)s (examples: C25, C28.1, M72).",
                                codes=", ".join(exc.codes))) from None


class OrganisationForm(FlaskForm):
    """What members and organisers edit on the organisation's directory entry."""
    name = StringField(_l("Name of the organisation"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Type of organisation"))
    country = SelectField(_l("Country"))
    region_code = SelectField(_l("Region"))
    city = StringField(_l("City"), validators=[Optional(), Length(max=120)])
    website = URLField(_l("Website"), validators=[Optional(), Length(max=300), web_address], filters=[with_scheme])
    size_class = SelectField(_l("Size"), validators=[Optional()])
    languages = MultiCheckboxField(_l("Languages spoken"))
    nace_sectors = StringField(_l("Sectors"), validators=[Optional(), _nace_check])
    description_cs = TextAreaField(_l("Description in Czech"), validators=[Optional(), Length(max=4000)])
    description_de = TextAreaField(_l("Description in German"), validators=[Optional(), Length(max=4000)])
    description_en = TextAreaField(_l("Description in English"), validators=[Optional(), Length(max=4000)])
    listed = BooleanField(_l("Show the organisation in the public directory (name, place, sectors, offers and "
                             "requests; never people or contact details)."))


class ContactForm(FlaskForm):
    message = TextAreaField(_l("Your message"), validators=[DataRequired(), Length(max=2000)])


class ContactActionForm(FlaskForm):
    """CSRF only: accept, decline or block with one click."""
