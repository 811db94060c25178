"""The organisation's offers and requests on its directory page: edited by its members and the organisers."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..participants.forms import ConfirmForm, OpportunityForm, opportunity_values
from ..participants.offers import (
    OfferError,
    delete_opportunity,
    may_edit_offers,
    opportunity_or_404,
    save_opportunity,
)
from ..participants.services import ProfileError
from ..transactions import change
from .blueprint import bp, organisation_or_404


def _back(org):
    return url_for("directory.show_organisation", org_id=org.id) + "#offers"


@bp.route("/<int:org_id>/offers/new", methods=["GET", "POST"])
@bp.route("/<int:org_id>/offers/<int:opportunity_id>/edit", methods=["GET", "POST"])
def edit_offer(org_id, opportunity_id=None):
    org = organisation_or_404(org_id, may_edit_offers)
    opportunity = opportunity_or_404(org, opportunity_id) if opportunity_id else None
    form = OpportunityForm(obj=opportunity)
    if request.method == "GET" and opportunity is not None:
        form.sectors.data = ", ".join(opportunity.sectors or [])
        form.kind.data = opportunity.kind.value
    if form.validate_on_submit():
        with change(OfferError, ProfileError) as outcome:  # ProfileError: a sector code
            save_opportunity(org, opportunity_values(form), opportunity, editor=current_user)
        if not outcome.failed:
            flash(_("Your opportunity has been saved."), "success")
            return redirect(_back(org))
        form.title_cs.errors = [*form.title_cs.errors, outcome.message]
    return render_template("participants/edit_opportunity.html", form=form, opportunity=opportunity, org=org,
                           cancel_url=_back(org))


@bp.route("/<int:org_id>/offers/<int:opportunity_id>/delete", methods=["POST"])
def delete_offer(org_id, opportunity_id):
    org = organisation_or_404(org_id, may_edit_offers)
    opportunity = opportunity_or_404(org, opportunity_id)
    if ConfirmForm().validate_on_submit():
        with change():
            delete_opportunity(org, opportunity, editor=current_user)
        flash(_("The opportunity has been deleted."), "success")
    return redirect(_back(org))
