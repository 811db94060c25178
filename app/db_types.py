"""Small column helpers shared by the feature models."""
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import mapped_column

from .i18n import utcnow


def enum_column(enum_cls: type[StrEnum], default=None, **kw):
    """A VARCHAR column holding a StrEnum value, checked by the database."""
    return mapped_column(
        sa.Enum(enum_cls, native_enum=False, length=24, values_callable=lambda e: [m.value for m in e],
                create_constraint=True, validate_strings=True),
        default=default, **kw,
    )


def created_at():
    return mapped_column(sa.DateTime, default=utcnow, nullable=False)


def updated_at():
    return mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow, nullable=False)


class LocalisedMixin:
    """Text fields stored per language as <name>_cs/_de/_en; `localised(name, locale)` falls back."""

    def localised(self, name, locale=None, order=("en", "de", "cs")):
        from flask_babel import get_locale

        locale = locale or str(get_locale() or "en")
        for lang in (locale, *order):
            value = getattr(self, f"{name}_{lang}", None)
            if value:
                return value
        return ""
