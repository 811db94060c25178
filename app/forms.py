"""Form helpers every feature uses, defined once here (the features re-export them from their forms.py)."""
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice


def opts(pairs):
    """(value, label) pairs as SelectChoice objects (tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(str(value), label) for value, label in pairs]


class ActionForm(FlaskForm):
    """A POST button: only the CSRF token."""
