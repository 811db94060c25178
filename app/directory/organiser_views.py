"""Organiser pages of the directory: likely duplicates and merging them."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..extensions import db
from ..participants.models import Organisation, Participant
from ..security import roles_required
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
