from flask import Blueprint

bp = Blueprint("participants", __name__, url_prefix="/e")


@bp.app_template_filter("labels")
def _labels(values):
    """['cs', 'de'] -> 'Czech, German' in the reader's language."""
    from ..labels import label

    return ", ".join(str(label(v)) for v in values or ())


@bp.app_template_filter("format_day")
def _format_day(day):
    from flask_babel import format_date

    return format_date(day, "full")


@bp.app_context_processor
def _participant_context():
    from .services import registration_open

    return {"registration_open": registration_open}
