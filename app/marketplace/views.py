"""Marketplace: browse and search the approved participants and their opportunities."""
from flask import abort, g, redirect, render_template, request, url_for
from flask_login import current_user

from ..extensions import db
from ..labels import choices, label
from ..meetings.views import PARTICIPANT_PAGE
from ..participants.access import current_participant, is_pending, pending_page
from ..participants.blueprint import bp
from ..participants.cards import organisation_cards
from ..participants.forms import MarketplaceFilterForm, opts
from ..participants.models import OpportunityKind, OrganisationKind, Participant, ParticipantStatus
from ..participants.services import filter_options, marketplace
from ..reference import nace

PER_PAGE = 12


def _viewer():
    """The participant of this event, or an organiser; others are sent to sign in."""
    me = current_participant()
    if me is not None:
        return me
    if current_user.is_authenticated and not getattr(current_user, "is_participant", False) \
            and current_user.can_staff(g.event, "organiser", "desk"):
        return current_user
    return None


def _filter_form(event):
    form = MarketplaceFilterForm(request.args, meta={"csrf": False})
    options = filter_options(event)
    anything = [("", "—")]
    form.country.choices = opts(anything + [(c, label(c)) for c in options["countries"]])
    form.region.choices = opts(anything + [(r, r) for r in options["regions"]])
    form.sector.choices = opts(anything + [(s, nace.name(s)) for s in options["sectors"]])
    form.kind.choices = opts(anything + choices(OpportunityKind))
    form.org_kind.choices = opts(anything + choices(OrganisationKind))
    form.language.choices = opts(anything + [(c, label(c)) for c in options["languages"]])
    return form


@bp.route("/<slug>/marketplace", endpoint="marketplace")
def marketplace_view(slug):
    viewer = _viewer()
    if viewer is None:
        return redirect(url_for("participants.signin", slug=slug, next=request.full_path))
    if is_pending(viewer):
        return pending_page()
    form = _filter_form(g.event)
    filters = {k: (form[k].data or "") if k == "q" or form[k].data in {c.value for c in form[k].choices} else ""
               for k in ("q", "country", "region", "sector", "kind", "org_kind", "language")}
    filters["q"] = filters["q"].strip()[:100]
    people = marketplace(g.event, **filters, exclude_id=getattr(viewer, "id", None)
                         if getattr(viewer, "is_participant", False) else None)
    cards = organisation_cards(people)
    page = max(1, request.args.get("page", 1, type=int))
    pages = max(1, (len(cards) + PER_PAGE - 1) // PER_PAGE)
    page = min(page, pages)
    shown = cards[(page - 1) * PER_PAGE: page * PER_PAGE]
    states = _request_states(viewer, [p for card in shown for p in card.people])
    args = {k: v for k, v in filters.items() if v}
    from ..directory.suggestions import for_event

    return render_template("participants/marketplace.html", event=g.event, form=form, cards=shown,
                           total=len(people), organisations=len(cards), page=page, pages=pages, args=args,
                           states=states, filters=filters, blocked_reason=_block_reason(viewer),
                           suggestions=for_event(viewer, g.event) if page == 1 and not args else [])


def _block_reason(viewer):
    """Why this participant cannot request meetings now (shown instead of the request buttons), or None."""
    if not getattr(viewer, "is_participant", False):
        return None
    from ..meetings.services import request_block_reason

    return request_block_reason(viewer)


@bp.route("/<slug>/participants/<int:participant_id>")
def show_participant(slug, participant_id):
    viewer = _viewer()
    if viewer is None:
        return redirect(url_for("participants.signin", slug=slug, next=request.full_path))
    if is_pending(viewer):
        return pending_page()
    return participant_page(viewer, participant_id)


def participant_page(viewer, participant_id, form=None):
    """The participant's card in full, with the request form when a participant looks at someone else."""
    from ..meetings.forms import MeetingRequestForm
    from ..meetings.services import blocked, find_request, not_interested_ids
    from ..participants.forms import ConfirmForm
    from ..planning.agenda import can_see_contact

    other = db.session.get(Participant, participant_id)
    as_participant = getattr(viewer, "is_participant", False)
    is_me = as_participant and other is not None and other.id == viewer.id
    if other is None or other.event_id != g.event.id or (
            other.status != ParticipantStatus.APPROVED and as_participant and not is_me):
        abort(404)
    ctx = {"event": g.event, "other": other, "contact": can_see_contact(viewer, other), "is_me": is_me}
    if as_participant and not is_me:
        ctx.update(sent=find_request(viewer.id, other.id), received=find_request(other.id, viewer.id),
                   blocked=blocked(viewer.id, other.id), marked=other.id in not_interested_ids(viewer),
                   form=form or MeetingRequestForm(), confirm=ConfirmForm(), blocked_reason=_block_reason(viewer))
    return render_template("participants/show_participant.html", **ctx)


PARTICIPANT_PAGE["render"] = participant_page


def _request_states(viewer, people):
    """{participant id: {"sent": status, "sent_id": request id, "received": status, "not_interested": bool}}."""
    if not getattr(viewer, "is_participant", False):
        return {}
    from ..meetings.models import MeetingRequest, NotInterested

    ids = [p.id for p in people]
    states = {i: {"sent": None, "sent_id": None, "received": None, "not_interested": False} for i in ids}
    reqs = db.session.scalars(db.select(MeetingRequest).where(
        ((MeetingRequest.requester_id == viewer.id) & MeetingRequest.target_id.in_(ids))
        | ((MeetingRequest.target_id == viewer.id) & MeetingRequest.requester_id.in_(ids)))).all()
    for r in reqs:
        if r.requester_id == viewer.id:
            states[r.target_id].update(sent=r.status, sent_id=r.id)
        else:
            states[r.requester_id]["received"] = r.status
    marks = db.session.scalars(db.select(NotInterested.other_id).where(
        NotInterested.participant_id == viewer.id, NotInterested.other_id.in_(ids))).all()
    for other in marks:
        states[other]["not_interested"] = True
    return states
