"""Offers and requests of an organisation: written by its members (or the organisers), shown at every event
one of its people takes part in and on its directory page. Every change is audited. Flush, never commit."""
from flask import abort
from flask_babel import gettext as _

from ..accounts.services import audit
from ..extensions import db
from .models import Opportunity, OpportunityKind

OPPORTUNITY_FIELDS = ("kind", "title_cs", "title_de", "title_en", "text_cs", "text_de", "text_en",
                      "sectors", "target_countries")


class OfferError(ValueError):
    pass


# app.directory fills "check": organisers and the organisation's members may edit its offers. Participants sit
# below the directory and must not import it.
OFFER_EDITORS = {"check": lambda person, org: False}


def may_edit_offers(person, org):
    """The organisation's members (by e-mail, at any event), its confirmed people (app.participants.organisations:
    whoever created it at registration) and the organisers. A newcomer who named an existing organisation is
    neither until a member adds them."""
    if org is None:
        return False
    if _is_participant(person) and person.organisation_id == org.id and person.organisation_confirmed:
        return True
    return OFFER_EDITORS["check"](person, org)


def find_opportunity(org, opportunity_id):
    """The organisation's offer/request with this id, or None (also for another organisation's id)."""
    opportunity = db.session.get(Opportunity, opportunity_id)
    return opportunity if opportunity is not None and org is not None and opportunity.organisation_id == org.id \
        else None


def opportunity_or_404(org, opportunity_id):
    """The organisation's offer/request for a view: 404 for a wrong id or another organisation's."""
    opportunity = find_opportunity(org, opportunity_id)
    if opportunity is None:
        abort(404)
    return opportunity


def save_opportunity(org, values, opportunity=None, editor=None, event=None):
    """Create (opportunity None) or change an offer/request of `org` from plain values; audited with old -> new."""
    if not any((values.get(f"title_{lang}") or "").strip() for lang in ("cs", "de", "en")):
        raise OfferError(_("Please give a title in at least one language."))
    if opportunity is not None and opportunity.organisation_id != org.id:
        raise OfferError(_("This offer or request belongs to another organisation."))
    created = opportunity is None
    if created:
        opportunity = Opportunity(organisation=org, author=editor if _is_participant(editor) else None)
        db.session.add(opportunity)
    changes = {}
    for key in OPPORTUNITY_FIELDS:
        if key not in values:
            continue
        new = OpportunityKind(values[key]) if key == "kind" else values[key]
        old = getattr(opportunity, key)
        if created or old != new:
            changes[key] = [_plain(old), _plain(new)]
            setattr(opportunity, key, new)
    db.session.flush()
    if changes:
        _audit("opportunity.create" if created else "opportunity.edit", opportunity, editor, event, changes=changes)
    return opportunity


def delete_opportunity(org, opportunity, editor=None, event=None):
    if opportunity.organisation_id != org.id:
        raise OfferError(_("This offer or request belongs to another organisation."))
    _audit("opportunity.delete", opportunity, editor, event,
           deleted={k: _plain(getattr(opportunity, k)) for k in OPPORTUNITY_FIELDS})
    org.opportunities.remove(opportunity)
    db.session.flush()


def _audit(action, opportunity, editor, event, **details):
    """Organisers appear as the log's user; a participant by e-mail (the log's user column holds accounts)."""
    audit(action, user=editor, event=event, target=opportunity, organisation_id=opportunity.organisation_id,
          editor=getattr(editor, "email", None), **details)


def _is_participant(person):
    return getattr(person, "is_participant", False)


def _plain(value):
    if value is None:
        return None
    return value.value if hasattr(value, "value") else (list(value) if isinstance(value, list) else value)
