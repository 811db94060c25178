"""Organiser pages of the directory: likely duplicates and merging them."""
import json

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..accounts.services import audit
from ..extensions import db
from ..participants.models import Organisation, Participant
from ..security import roles_required
from ..transactions import change
from .blueprint import bp
from .forms import MergeForm
from .identity import MergeError, likely_duplicates, merge_organisations


@bp.route("/organiser/duplicates")
@roles_required("organiser")
def list_duplicates():
    orgs = db.session.scalars(select(Organisation).order_by(Organisation.id)).all()
    counts = dict(db.session.execute(select(Participant.organisation_id, func.count())
                                     .group_by(Participant.organisation_id)).all())
    return render_template("directory/list_duplicates.html", pairs=likely_duplicates(orgs), counts=counts,
                           form=MergeForm())


@bp.route("/organiser/merge", methods=["POST"])
@roles_required("organiser")
def merge():
    form = MergeForm()
    if not form.validate_on_submit():
        abort(400)
    keep, drop = db.session.get(Organisation, form.keep_id.data), db.session.get(Organisation, form.drop_id.data)
    if keep is None or drop is None:
        flash(_("One of the two organisations no longer exists; the list was refreshed."), "error")
        return redirect(url_for("directory.list_duplicates"))
    name, merged = drop.name, keep.name
    try:
        merge_organisations(keep, drop, user=current_user)
    except MergeError:
        abort(400)
    db.session.commit()
    flash(_("%(old)s was merged into %(new)s; all participations, offers and meetings were kept.",
            old=name, new=merged), "success")
    return redirect(url_for("directory.list_duplicates"))


@bp.route("/organiser/import", methods=["GET", "POST"])
@roles_required("organiser")
def import_organisations():
    """Upload → preview (every bad cell with row and column, or what will be created) → confirm → import."""
    from ..roster.forms import ConfirmImportForm, ImportForm
    from ..roster.services import read_table
    from . import importer

    form, confirm, records, problems = ImportForm(), ConfirmImportForm(), None, []
    if "rows" in request.form and confirm.validate_on_submit():
        return _confirm_import(confirm)
    if form.validate_on_submit():
        upload = form.file.data
        try:
            rows = read_table(upload.filename, upload.read())
            records = importer.check(rows, list(rows[0].keys()) if rows else list(importer.COLUMNS))
        except importer.ImportError_ as exc:
            problems = exc.problems
        except ValueError as exc:
            form.file.errors.append(str(exc))
        else:
            confirm.rows.data = json.dumps(rows, ensure_ascii=False)
    return render_template("directory/import_organisations.html", form=form, confirm=confirm, records=records,
                           problems=problems, columns=importer.COLUMNS)


def _confirm_import(confirm):
    from . import importer

    # A tampered or stale confirmation form fails as one of these errors: nothing is imported.
    with change(ValueError, TypeError, AttributeError, IndexError) as outcome:
        rows = json.loads(confirm.rows.data)
        counts = importer.apply(importer.check(rows, list(rows[0].keys()) if rows else list(importer.COLUMNS)))
        audit("organisations_imported", user=current_user, **counts)
    if outcome.failed:
        flash(_("The import could not be read."), "error")
        return redirect(url_for("directory.import_organisations"))
    flash(_("Import finished: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.", **counts),
          "success")
    return redirect(url_for("directory.list_organisations"))
