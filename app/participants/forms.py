"""Participant forms. Availability fields (first and last slot per day) are added per event."""
from flask_babel import format_time
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..config import LANGUAGES
from ..forms import opts  # noqa: F401  (defined once in app.forms; imported from here too)
from ..i18n import local_dt
from ..input_guard import single_line, web_address, with_scheme
from ..labels import COUNTRY_NAMES, LANGUAGE_NAMES, choices
from ..reference import nace
from .models import OpportunityKind, OrganisationKind, ParticipantRole
from .services import day_slots


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def language_choices():
    return opts(LANGUAGE_NAMES.items())


def country_choices():
    return opts(COUNTRY_NAMES.items())


def locale_choices():
    names = {"cs": "Čeština", "de": "Deutsch", "en": "English"}
    return opts((code, names[code]) for code in LANGUAGES)


def _as_text(value):
    """Sector codes as typed; a POST without the field leaves the stored list (from obj=) in the field."""
    return ", ".join(value) if isinstance(value, list | tuple) else (value or "")


def validate_sectors(form, field):
    try:
        nace.parse(_as_text(field.data))
    except nace.NaceError as exc:
        raise ValidationError(_("Not a NACE code: %(codes)s (examples: C25, C28.1, M72).",
                                codes=", ".join(exc.codes))) from None


def sectors_list(text):
    """The codes of a validated field, normalised ('c25.62' -> 'C25.62')."""
    return nace.parse(_as_text(text))


def opportunity_values(form):
    """The plain values of a validated OpportunityForm for app.participants.offers.save_opportunity."""
    values = {k: form[k].data for k in ("kind", "title_cs", "title_de", "title_en", "text_cs", "text_de", "text_en",
                                        "target_countries")}
    values["sectors"] = sectors_list(form.sectors.data)
    return values


class PersonFields:
    first_name = StringField(_l("First name"), validators=[single_line, DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[single_line, DataRequired(), Length(max=100)])
    phone = StringField(_l("Phone"), validators=[single_line, Optional(), Length(max=40)])
    position = StringField(_l("Position"), validators=[single_line, Optional(), Length(max=120)])
    languages = MultiCheckboxField(_l("Languages you speak in meetings"), choices=language_choices,
                                   validators=[DataRequired(message=_l("Please choose at least one language."))])
    locale = SelectField(_l("Language for e-mails and pages"), choices=locale_choices)
    role = SelectField(_l("I take part as"), choices=opts(choices(ParticipantRole)))
    max_meetings = IntegerField(_l("Maximum number of meetings"), validators=[Optional(), NumberRange(min=1, max=40)])


class OrganisationFields:
    org_name = StringField(_l("Organisation"), validators=[single_line, DataRequired(), Length(max=200)])
    org_registration_id = StringField(_l("Company ID (IČO / USt-IdNr.)"),
                                      validators=[single_line, Optional(), Length(max=40)])
    org_kind = SelectField(_l("Type of organisation"), choices=opts(choices(OrganisationKind)))
    org_country = SelectField(_l("Country"), choices=country_choices)
    org_region = StringField(_l("Region"), validators=[single_line, Optional(), Length(max=80)])
    org_city = StringField(_l("City"), validators=[single_line, Optional(), Length(max=120)])
    org_website = URLField(_l("Website"), validators=[Optional(), Length(max=300), web_address],
                           filters=[with_scheme])
    org_sectors = StringField(_l("Sectors"), validators=[single_line, Optional(), validate_sectors])


class AvailabilityMixin:
    """Per day: 'from' (first slot, or not attending) and 'until' (last slot)."""
    days = ()

    def availability(self):
        return [(day, self[f"day{i}_from"], self[f"day{i}_to"]) for i, (day, _slots) in enumerate(self.days)]

    def windows(self):
        out = {}
        for day, first, last in self.availability():
            out[day] = (int(first.data), int(last.data)) if first.data else None
        return out

    def fill_windows(self, windows):
        for day, first, last in self.availability():
            window = windows.get(day)
            first.data = str(window[0]) if window else ""
            if window:
                last.data = str(window[1])

    def validate_availability(self):
        ok, starts = True, {}
        for _day, slots in self.days:
            starts.update({str(s.id): s.start_at for s in slots})
        for _day, first, last in self.availability():
            if first.data in starts and last.data in starts and starts[last.data] < starts[first.data]:
                last.errors = [*last.errors, _("You cannot leave before you arrive.")]
                ok = False
        if self.days and not any(first.data for _d, first, _l2 in self.availability()):
            self.availability()[0][1].errors = [_("Please attend at least one session.")]
            ok = False
        return ok

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        return self.validate_availability() and ok


def with_availability(form_cls, event):
    """A subclass of form_cls with the availability selects of `event`."""
    days = day_slots(event)
    attrs = {"days": days}
    for i, (_day, slots) in enumerate(days):
        attrs[f"day{i}_from"] = SelectField(
            _l("Arrive from"), default=str(slots[0].id),
            choices=opts([("", _l("not attending this day"))] + [(s.id, _clock(s.start_at, event)) for s in slots]))
        attrs[f"day{i}_to"] = SelectField(
            _l("Leave after"), default=str(slots[-1].id),
            choices=opts((s.id, _clock(s.end_at, event)) for s in slots))
    return type(form_cls.__name__, (AvailabilityMixin, form_cls), attrs)


def _clock(value, event):
    return format_time(local_dt(value, event.timezone), "HH:mm", rebase=False)


class RegistrationForm(PersonFields, OrganisationFields, FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    org_description = TextAreaField(_l("What your organisation does"), validators=[Optional(), Length(max=4000)])
    org_listed = BooleanField(_l("Show my organisation in the public directory (name, place, sectors, offers and "
                                 "requests; never people or contact details)."), default=False)
    consent = BooleanField(_l("I agree to the processing of my data as described above."),
                           validators=[DataRequired(message=_l("Please agree to the processing of your data."))])


class ProfileForm(PersonFields, OrganisationFields, FlaskForm):
    role = None  # organisers decide who exhibits
    org_registration_id = None  # shown, not edited: other events may use the same organisation
    org_description_cs = TextAreaField(_l("Description in Czech"), validators=[Optional(), Length(max=4000)])
    org_description_de = TextAreaField(_l("Description in German"), validators=[Optional(), Length(max=4000)])
    org_description_en = TextAreaField(_l("Description in English"), validators=[Optional(), Length(max=4000)])


class SignInForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class ConfirmForm(FlaskForm):
    """CSRF only: confirm a one-click action."""


class DeleteAccountForm(FlaskForm):
    confirm = BooleanField(_l("Yes, delete my account and anonymise my data."),
                           validators=[DataRequired(message=_l("Please confirm the deletion."))])


class OpportunityForm(FlaskForm):
    kind = SelectField(_l("Type"), choices=opts(choices(OpportunityKind)))
    title_cs = StringField(_l("Title in Czech"), validators=[single_line, Optional(), Length(max=200)])
    title_de = StringField(_l("Title in German"), validators=[single_line, Optional(), Length(max=200)])
    title_en = StringField(_l("Title in English"), validators=[single_line, Optional(), Length(max=200)])
    text_cs = TextAreaField(_l("Text in Czech"), validators=[Optional(), Length(max=4000)])
    text_de = TextAreaField(_l("Text in German"), validators=[Optional(), Length(max=4000)])
    text_en = TextAreaField(_l("Text in English"), validators=[Optional(), Length(max=4000)])
    sectors = StringField(_l("Sectors"), validators=[single_line, Optional(), validate_sectors])
    target_countries = MultiCheckboxField(_l("Target countries"), choices=country_choices)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if not any((f.data or "").strip() for f in (self.title_cs, self.title_de, self.title_en)):
            self.title_cs.errors = [*self.title_cs.errors, _("Please give a title in at least one language.")]
            return False
        return ok


class MarketplaceFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[single_line, Optional(), Length(max=100)])
    country = SelectField(_l("Country"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[Optional()])
    sector = SelectField(_l("Sector"), validators=[Optional()])
    kind = SelectField(_l("Opportunity"), validators=[Optional()])
    org_kind = SelectField(_l("Type of organisation"), validators=[Optional()])
    language = SelectField(_l("Language"), validators=[Optional()])
