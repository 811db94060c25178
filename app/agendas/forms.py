from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice


class ResendForm(FlaskForm):
    submit = SubmitField(_l("Send changed agendas"))


class RevokeFeedForm(FlaskForm):
    submit = SubmitField(_l("Revoke calendar link"))


def _pairs(*pairs):
    return [SelectChoice(value, label) for value, label in pairs]


class ExportForm(FlaskForm):
    what = SelectField(_l("File"), choices=_pairs(("pdf", _l("All agendas in one PDF")),
                                                  ("zip", _l("Single files in a zip"))))
    lang = SelectField(_l("Language"), choices=_pairs(
        ("", _l("each in their language")), ("bilingual", _l("Czech and German")), ("cs", "Čeština"),
        ("de", "Deutsch"), ("en", "English")))
    submit = SubmitField(_l("Prepare the file"))
