"""Translated labels for every enum value a person reads: `label(value)` in Python and templates.

Each feature declares its own values in <feature>/labels.py with `register`, imported first by the feature's
package, so this module imports no feature (they all import it)."""
from flask_babel import lazy_gettext as _l

LABELS = {}


def register(labels):
    """Add a feature's {enum member: lazy label}; called once when the feature package is imported."""
    LABELS.update(labels)


LANGUAGE_NAMES = {"cs": _l("Czech"), "de": _l("German"), "en": _l("English"), "pl": _l("Polish"),
                  "sk": _l("Slovak"), "fr": _l("French"), "ru": _l("Russian"), "uk": _l("Ukrainian")}
COUNTRY_NAMES = {"CZ": _l("Czechia"), "DE": _l("Germany"), "PL": _l("Poland"), "SK": _l("Slovakia"),
                 "AT": _l("Austria")}


def label(value):
    """The translated label of an enum value, language code or country code; the value itself otherwise."""
    for table in (LABELS, LANGUAGE_NAMES, COUNTRY_NAMES):
        try:
            if value in table:
                return table[value]
        except TypeError:
            continue
    return str(value) if value is not None else ""


def choices(enum_cls):
    """(value, label) pairs for a SelectField."""
    return [(m.value, LABELS[m]) for m in enum_cls]


def init_app(app):
    app.jinja_env.globals["label"] = label
