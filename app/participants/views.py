import json

from flask import Response, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from ..accounts import limits
from ..extensions import db, limiter
from ..i18n import utcnow
from ..transactions import change
from .access import current_participant, load_event, participant_of_event_required, safe_next
from .blueprint import bp
from .forms import (
    ConfirmForm,
    DeleteAccountForm,
    OpportunityForm,
    ProfileForm,
    RegistrationForm,
    SignInForm,
    opportunity_values,
    sectors_list,
    with_availability,
)
from .notify import send_signin_link
from .offers import OfferError, delete_opportunity, may_edit_offers, opportunity_or_404, save_opportunity
from .organisations import (
    OrganisationProposal,
    ProposalError,
    decide,
    may_decide,
    open_proposals_for,
    own_open_proposal,
    proposal_rows,
)
from .services import (
    AlreadyRegistered,
    ProfileError,
    RegistrationError,
    availability_windows,
    delete_account,
    editing_open,
    export_data,
    find_participant_by_email,
    register,
    registration_open,
    update_profile,
)
from .tokens import SignInError, check_token, consume_token

bp.url_value_preprocessor(load_event)


def _public_limit():
    return current_app.config["RATELIMIT_PUBLIC_FORM"]


# ------------------------------------------------------------------ registration and sign-in
@bp.route("/<slug>/register", methods=["GET", "POST"])
@limiter.limit(_public_limit, methods=["POST"])
def register_participant(slug):
    event = g.event
    if current_participant() is not None:
        return redirect(url_for("participants.edit_profile", slug=slug))
    if not registration_open(event):
        return render_template("participants/registration_closed.html", event=event)
    form = with_availability(RegistrationForm, event)()
    if request.method == "GET":
        form.locale.data = _current_locale()
    if form.validate_on_submit():
        with change(AlreadyRegistered, RegistrationError, ProfileError) as outcome:
            participant = register(event, _person_values(form, email=True), _org_values(form), form.windows(),
                                   form.consent.data)
            _mail_within_limit(participant, "registration")
        if not outcome.failed:
            return _registered(participant.email)
        if isinstance(outcome.error, AlreadyRegistered):
            with change():
                if outcome.error.participant.is_active:
                    _mail_within_limit(outcome.error.participant, "already_registered")
            return _registered(form.email.data)  # the same answer as for a new address
        _field_error(form, getattr(outcome.error, "field", None), outcome.error)
    return render_template("participants/register.html", event=event, form=form, returning=_returning(event))


@bp.route("/<slug>/signin", methods=["GET", "POST"])
@limiter.limit(_public_limit, methods=["POST"])
def signin(slug):
    form = SignInForm()
    if form.validate_on_submit():
        participant = find_participant_by_email(g.event, form.email.data)
        if participant is not None and participant.is_active:
            _mail_within_limit(participant, "signin")
        db.session.commit()
        # the same answer whether or not the address is registered: no one learns who takes part
        return render_template("participants/signin_sent.html", event=g.event, email=form.email.data)
    return render_template("participants/signin.html", event=g.event, form=form)


@bp.route("/<slug>/signin/<token>", methods=["GET", "POST"])
def signin_token(slug, token):
    form = ConfirmForm()
    with change(SignInError, commit=False) as outcome:
        participant = check_token(token)
        if participant.event_id != g.event.id:
            raise SignInError("invalid")
        if form.validate_on_submit():
            participant = consume_token(token)
            db.session.commit()
            login_user(participant)
            flash(_("Welcome, %(name)s. You are signed in.", name=participant.full_name), "success")
            target = safe_next(request.args.get("next"))
            return redirect(target or url_for("participants.marketplace", slug=slug))
    if outcome.failed:
        reason = outcome.error.reason
        return render_template("participants/signin_failed.html", event=g.event, reason=reason,
                               form=SignInForm()), 410 if reason != "invalid" else 400
    return render_template("participants/signin_confirm.html", event=g.event, participant=participant, form=form)


# ------------------------------------------------------------------ profile
@bp.route("/<slug>/me", methods=["GET", "POST"])
@participant_of_event_required
def edit_profile(slug):
    me, event = g.me, g.event
    can_edit = editing_open(event)
    form = with_availability(ProfileForm, event)(obj=None if request.method == "POST" else _profile_obj(me))
    if request.method == "GET":
        form.fill_windows(availability_windows(me, event))
    if can_edit and form.validate_on_submit():
        try:
            person = _person_values(form)
            proposal = update_profile(me, person, _org_values(form, profile=True), form.windows())
        except ProfileError as exc:
            _field_error(form, None, exc)
        else:
            db.session.commit()
            flash(_("Your profile has been saved."), "success")
            if proposal is not None:
                flash(_("Your changes to the organisation's details were sent to its people and the organisers; "
                        "they take effect once accepted."), "info")
            return redirect(url_for("participants.edit_profile", slug=slug))
    elif request.method == "POST" and not can_edit:
        flash(_("The deadline for changes has passed."), "warning")
    return render_template("participants/edit_profile.html", event=event, form=form, me=me, can_edit=can_edit,
                           offers_editable=can_edit and may_edit_offers(me, me.organisation),
                           confirm=ConfirmForm(), proposals=proposal_rows(open_proposals_for(me)),
                           own_proposal=own_open_proposal(me), decide_url=_decide_url,
                           opportunity_notice=session.pop("opportunity_notice", None))


def _opportunity_notice(kind, title, deleted):
    """The message after saving or deleting an offer or request, shown inside the list it changed (the page
    opens at #opportunities, so a flash at the top would be scrolled out of sight): "poptávka" for requests."""
    from .models import OpportunityKind

    kind = OpportunityKind(kind)
    if kind in (OpportunityKind.BUSINESS_OFFER, OpportunityKind.TECHNOLOGY_OFFER):
        text = _("Your offer “%(title)s” has been deleted.", title=title) if deleted else \
            _("Your offer “%(title)s” has been saved.", title=title)
    elif kind in (OpportunityKind.BUSINESS_REQUEST, OpportunityKind.TECHNOLOGY_REQUEST):
        text = _("Your request “%(title)s” has been deleted.", title=title) if deleted else \
            _("Your request “%(title)s” has been saved.", title=title)
    else:
        text = _("Your entry “%(title)s” has been deleted.", title=title) if deleted else \
            _("Your entry “%(title)s” has been saved.", title=title)
    session["opportunity_notice"] = text


@bp.route("/<slug>/opportunities/new", methods=["GET", "POST"])
@bp.route("/<slug>/opportunities/<int:opportunity_id>/edit", methods=["GET", "POST"])
@participant_of_event_required
def edit_opportunity(slug, opportunity_id=None):
    """An offer or request of the signed-in person's organisation (its members edit them)."""
    org = _my_organisation_for_offers()
    opportunity = opportunity_or_404(org, opportunity_id) if opportunity_id else None
    if not editing_open(g.event):
        flash(_("The deadline for changes has passed."), "warning")
        return redirect(url_for("participants.edit_profile", slug=slug))
    form = OpportunityForm(obj=opportunity)
    if request.method == "GET" and opportunity is not None:
        form.sectors.data = ", ".join(opportunity.sectors or [])
        form.kind.data = opportunity.kind.value
    if form.validate_on_submit():
        with change(OfferError, ProfileError) as outcome:  # ProfileError: a sector code
            saved = save_opportunity(org, opportunity_values(form), opportunity, editor=g.me, event=g.event)
        if not outcome.failed:
            _opportunity_notice(saved.kind, saved.title, deleted=False)
            return redirect(url_for("participants.edit_profile", slug=slug) + "#opportunities")
        _field_error(form, "title_cs", outcome.error)
    return render_template("participants/edit_opportunity.html", event=g.event, form=form, opportunity=opportunity,
                           org=org, cancel_url=url_for("participants.edit_profile", slug=slug))


@bp.route("/<slug>/opportunities/<int:opportunity_id>/delete", methods=["POST"])
@participant_of_event_required
def delete_opportunity_view(slug, opportunity_id):
    org = _my_organisation_for_offers()
    opportunity = opportunity_or_404(org, opportunity_id)
    if ConfirmForm().validate_on_submit() and editing_open(g.event):
        kind, title = opportunity.kind, opportunity.title
        with change():
            delete_opportunity(org, opportunity, editor=g.me, event=g.event)
        _opportunity_notice(kind, title, deleted=True)
    return redirect(url_for("participants.edit_profile", slug=slug) + "#opportunities")


@bp.route("/<slug>/me/organisation-proposals/<int:proposal_id>/<any(accept, reject):verb>", methods=["POST"])
@participant_of_event_required
def decide_proposal(slug, proposal_id, verb):
    """A confirmed person of the organisation accepts or rejects someone else's changes to its record."""
    proposal = db.session.get(OrganisationProposal, proposal_id)
    if proposal is None or not may_decide(g.me, proposal):
        abort(404)
    if ConfirmForm().validate_on_submit():
        with change(ProposalError) as outcome:
            message = decide(proposal, verb == "accept", g.event, by_participant=g.me.id)
        if outcome.failed:
            flash(outcome.message, "warning")
        else:
            flash(message, "success")
    return redirect(url_for("participants.edit_profile", slug=slug) + "#proposals")


def _decide_url(proposal, verb):
    return url_for("participants.decide_proposal", slug=g.event.slug, proposal_id=proposal.id, verb=verb)


# ------------------------------------------------------------------ GDPR
@bp.route("/<slug>/me/data.json")
@participant_of_event_required
def export_my_data(slug):
    body = json.dumps(export_data(g.me), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="coopex-{slug}-my-data.json"'})


@bp.route("/<slug>/me/delete", methods=["GET", "POST"])
@participant_of_event_required
def delete_my_account(slug):
    form = DeleteAccountForm()
    if form.validate_on_submit():
        delete_account(g.me, utcnow())
        db.session.commit()
        logout_user()
        flash(_("Your account has been deleted and your personal data anonymised."), "success")
        return redirect(url_for("events.show_event", slug=slug))
    return render_template("participants/delete_account.html", event=g.event, form=form)


# ------------------------------------------------------------------ helpers
def _returning(event):
    """The last participation of a person signed in at another event: they can register in one click."""
    from flask_login import current_user

    from .access import RETURNING

    person = getattr(current_user, "person", None) if getattr(current_user, "is_participant", False) else None
    prefill = RETURNING["prefill"]
    return prefill(person, event) if person is not None and prefill is not None else None


def _registered(email):
    return render_template("participants/registered.html", event=g.event, email=email.strip().lower(),
                           pending=g.event.require_approval)


def _mail_within_limit(participant, kind):
    """Sign-in mails per address are counted in the database (all processes); over the limit nothing is
    sent, and the page answers the same."""
    if limits.hit(f"signin:{participant.email.lower()}", current_app.config["SIGNIN_LINKS_PER_ADDRESS"]):
        send_signin_link(participant, kind=kind)


def _my_organisation_for_offers():
    """The signed-in person's organisation, if they are one of its members (403 otherwise)."""
    org = g.me.organisation
    if not may_edit_offers(g.me, org):
        abort(403)
    return org


def _current_locale():
    from flask_babel import get_locale

    return str(get_locale() or "en")


def _person_values(form, email=False):
    values = {k: form[k].data for k in ("first_name", "last_name", "phone", "position", "languages", "locale",
                                        "role", "max_meetings") if k in form}
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    values["phone"], values["position"] = values["phone"] or "", values["position"] or ""
    if email:
        values["email"] = form.email.data
    return values


def _org_values(form, profile=False):
    values = {"name": form.org_name.data.strip(), "kind": form.org_kind.data, "country": form.org_country.data,
              "region": (form.org_region.data or "").strip(), "city": (form.org_city.data or "").strip(),
              "website": (form.org_website.data or "").strip(), "nace_sectors": sectors_list(form.org_sectors.data)}
    if profile:
        for lang in ("cs", "de", "en"):
            values[f"description_{lang}"] = (form[f"org_description_{lang}"].data or "").strip()
    else:
        values["registration_id"] = form.org_registration_id.data
        values["description"] = (form.org_description.data or "").strip()
        values["listed"] = bool(form.org_listed.data)
    return values


def _profile_obj(me):
    org = me.organisation

    class Obj:
        pass

    obj = Obj()
    for key in ("first_name", "last_name", "phone", "position", "languages", "locale", "max_meetings"):
        setattr(obj, key, getattr(me, key))
    obj.role = me.role.value
    obj.org_name, obj.org_registration_id = org.name, org.registration_id
    obj.org_kind, obj.org_country = org.kind.value, org.country
    obj.org_region, obj.org_city, obj.org_website = org.region, org.city, org.website
    obj.org_sectors = ", ".join(org.nace_sectors or [])
    for lang in ("cs", "de", "en"):
        setattr(obj, f"org_description_{lang}", getattr(org, f"description_{lang}"))
    return obj


def _field_error(form, name, exc):
    if name and name in form:
        form[name].errors = [*form[name].errors, str(exc)]
    else:
        form.form_errors.append(str(exc))

