"""Contact requests outside events: ask from an organisation's page, answer on "My contact requests"."""
from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db, limiter
from ..participants.models import Organisation
from ..security import participant_required
from ..transactions import change
from . import contacts
from .blueprint import bp
from .forms import ContactActionForm, ContactForm
from .models import ContactRequest


def _contact_limit():
    return current_app.config.get("RATELIMIT_CONTACT", "10 per hour")


@bp.route("/<int:org_id>/contact", methods=["POST"])
@participant_required
@limiter.limit(_contact_limit)
def ask_contact(org_id):
    org = db.session.get(Organisation, org_id)
    if org is None or not org.listed:
        abort(404)
    form = ContactForm()
    if not form.validate_on_submit():
        flash(_("Please write a short message."), "error")
        return redirect(url_for("directory.show_organisation", org_id=org.id))
    with change(contacts.ContactError) as outcome:
        contacts.ask(current_user, org, form.message.data)
    if outcome.failed:
        flash(outcome.message, "error")
    else:
        flash(_("Your contact request was sent to %(name)s. You will see their e-mail address here once they accept.",
                name=org.name), "success")
    return redirect(url_for("directory.list_contacts"))


@bp.route("/contacts")
@participant_required
def list_contacts():
    me = current_user
    return render_template("directory/list_contacts.html", incoming=contacts.incoming(me),
                           outgoing=contacts.outgoing(me), reveal=lambda r: contacts.revealed_email(me, r),
                           form=ContactActionForm())


@bp.route("/contacts/<int:request_id>/<any(accept, decline, block):action>", methods=["POST"])
@participant_required
def answer_contact(request_id, action):
    req = db.session.get(ContactRequest, request_id)
    form = ContactActionForm()
    if req is None or not form.validate_on_submit():
        abort(404 if req is None else 400)
    with change(contacts.ContactError) as outcome:
        if action == "block":
            contacts.block(current_user, req)
        else:
            contacts.answer(current_user, req, accept=action == "accept")
    if outcome.failed:
        flash(outcome.message, "error")
    else:
        flash({"accept": _("Accepted: you now see each other's e-mail address."),
               "decline": _("Declined."), "block": _("Blocked: no more contact requests between you.")}[action],
              "success")
    return redirect(url_for("directory.list_contacts"))
