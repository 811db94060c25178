"""Organiser participant admin (blueprint `roster`)."""
import json

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.services import audit
from ..events.scoping import of_event_or_404, organiser_scope
from ..extensions import db
from ..labels import COUNTRY_NAMES
from ..participants.models import OrganisationProposal, Participant, ParticipantRole, ParticipantStatus
from ..participants.organisations import ProposalError, decide, open_proposals_of_event, proposal_rows
from ..transactions import change
from . import bp, services
from .forms import ActionForm, ConfirmImportForm, ImportForm, ParticipantForm

organiser_scope(bp, "organiser")


def _participant(participant_id):
    return of_event_or_404(Participant, participant_id)


@bp.route("/")
def list_participants(event_id):
    args = {k: request.args.get(k, "") for k in ("q", "status", "country", "role")}
    if args["status"] not in {s.value for s in ParticipantStatus}:
        args["status"] = ""
    if args["role"] not in {r.value for r in ParticipantRole}:
        args["role"] = ""
    people = services.list_participants(g.event, args["q"], args["status"] or None, args["country"] or None,
                                        args["role"] or None)
    return render_template("roster/list_participants.html", event=g.event, people=people, args=args,
                           statuses=list(ParticipantStatus), roles=list(ParticipantRole),
                           countries=list(COUNTRY_NAMES), action=ActionForm(),
                           proposals=proposal_rows(open_proposals_of_event(g.event)), decide_url=_decide_url)


def _decide_url(proposal, verb):
    return url_for("roster.decide_organisation_proposal", proposal_id=proposal.id, verb=verb)


@bp.route("/organisation-proposals/<int:proposal_id>/<any(accept, reject):verb>", methods=["POST"])
def decide_organisation_proposal(event_id, proposal_id, verb):
    """An organiser of the proposer's event accepts or rejects changes to an organisation's record."""
    proposal = db.session.get(OrganisationProposal, proposal_id)
    if proposal is None or proposal.participant is None or proposal.participant.event_id != g.event.id:
        abort(404)
    if ActionForm().validate_on_submit():
        with change(ProposalError) as outcome:
            message = decide(proposal, verb == "accept", g.event, user=current_user)
        if outcome.failed:
            flash(outcome.message, "warning")
        else:
            flash(message, "success")
    return redirect(url_for("roster.list_participants") + "#proposals")


@bp.route("/<int:participant_id>/<any(approve, reject):verb>", methods=["POST"])
def set_participant_status(event_id, participant_id, verb):
    p = _participant(participant_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.set_status(p, verb == "approve")
    audit(f"participant_{verb}", user=current_user, event=g.event, target=p)
    db.session.commit()
    flash(_("%(name)s was approved.", name=p.full_name) if verb == "approve"
          else _("%(name)s was rejected.", name=p.full_name), "success")
    return redirect(request.referrer if _local(request.referrer) else url_for(".list_participants"))


def _local(url):
    return bool(url) and url.startswith(request.host_url)


@bp.route("/<int:participant_id>/edit", methods=["GET", "POST"])
def edit_participant(event_id, participant_id):
    p = _participant(participant_id)
    form = ParticipantForm(obj=p)
    if request.method == "GET":
        form.organisation_name.data = p.organisation.name if p.organisation else ""
        form.country.data = p.country
    if form.validate_on_submit():
        values = {k: getattr(form, k).data for k in ("first_name", "last_name", "email", "phone", "position",
                                                     "languages", "locale", "max_meetings")}
        values["role"] = ParticipantRole(form.role.data)
        with change(services.RosterError) as outcome:
            services.update_participant(p, organisation_name=form.organisation_name.data,
                                        country=form.country.data, **values)
            audit("participant_edited", user=current_user, event=g.event, target=p)
        if outcome.failed:
            form.email.errors.append(outcome.message)
        else:
            flash(_("The changes were saved."), "success")
            return redirect(url_for(".list_participants"))
    return render_template("roster/edit_participant.html", event=g.event, form=form, person=p)


@bp.route("/import", methods=["GET", "POST"])
def import_participants(event_id):
    form, confirm, rows = ImportForm(), ConfirmImportForm(), None
    if "rows" in request.form and confirm.validate_on_submit():
        return _confirm_import(confirm)
    if form.validate_on_submit():
        upload = form.file.data
        try:
            rows = services.check_rows(g.event, services.read_table(upload.filename, upload.read()))
        except services.RosterError as exc:
            form.file.errors.append(str(exc))
            rows = None
        else:
            confirm.rows.data = json.dumps([r.values for r in rows], ensure_ascii=False)
    return render_template("roster/import_participants.html", event=g.event, form=form, confirm=confirm,
                           rows=rows, columns=services.COLUMNS)


def _confirm_import(confirm):
    # A tampered or stale confirmation form fails as ValueError/TypeError/AttributeError: nothing is imported.
    with change(ValueError, TypeError, AttributeError) as outcome:
        raw = json.loads(confirm.rows.data)
        raw = [{k: ",".join(v) if isinstance(v, list) else str(v) for k, v in r.items()} for r in raw]
        rows = services.check_rows(g.event, raw)
        made = services.import_rows(g.event, rows)
        audit("participants_imported", user=current_user, event=g.event, count=len(made))
    if outcome.failed:
        flash(outcome.message if isinstance(outcome.error, services.RosterError)
              else _("The import could not be read."), "error")
        return redirect(url_for(".import_participants"))
    flash(_("%(count)s participants were imported.", count=len(made)), "success")
    return redirect(url_for(".list_participants"))
