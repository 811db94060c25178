from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField


class ResendForm(FlaskForm):
    submit = SubmitField(_l("Send changed agendas"))


class RevokeFeedForm(FlaskForm):
    submit = SubmitField(_l("Revoke calendar link"))
