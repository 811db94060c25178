"""Suggested partners: a ranked list per organisation, each with the reasons in plain words.

Signals, strongest first: they request what you offer (or the reverse) in the same sector; the same NACE
division; a related division (same section); your offer targets their country; a common language. Cross-border
pairs come first; organisations already met or marked "not interested" by one of your people are left out.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import case, literal, or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..participants.models import Opportunity, OpportunityKind, Organisation, Participant
from ..reference import nace, regions
from .models import OrganisationSector
from .search import languages_of, offers_of

OFFERS = {OpportunityKind.BUSINESS_OFFER: OpportunityKind.BUSINESS_REQUEST,
          OpportunityKind.TECHNOLOGY_OFFER: OpportunityKind.TECHNOLOGY_REQUEST}
REQUESTS = {v: k for k, v in OFFERS.items()}
WEIGHTS = {"they_request": 5, "they_offer": 5, "rnd": 3, "same_sector": 3, "related_sector": 1, "target": 1,
           "language": 1}
MAX_CANDIDATES = 40  # scored in Python: the database picks the likeliest (cross-border, answering offers, division)


@dataclass
class Suggestion:
    organisation: Organisation
    score: int
    cross_border: bool
    reasons: list = field(default_factory=list)  # (kind, params) — words via reason_text()


def _divisions(org, offers):
    codes = list(org.nace_sectors or []) + [c for o in offers for c in o.sectors or []]
    return {d for d in (nace.division(c) for c in codes) if len(d) == 3}


def _matching(mine, theirs, pairs, my_divs, their_divs):
    """(my opportunity, their opportunity) where their kind answers mine and the sectors meet (or are unknown)."""
    for a in mine:
        for b in theirs:
            if pairs.get(a.kind) != b.kind:
                continue
            sa = {nace.division(c) for c in a.sectors or []} or my_divs
            sb = {nace.division(c) for c in b.sectors or []} or their_divs
            if sa & sb or not (sa and sb):
                return a, b
    return None


def score_pair(me, other, my_offers=None, their_offers=None):
    """Suggestion for `other` from `me`'s point of view, or None when nothing connects them."""
    my_offers = offers_of(me) if my_offers is None else my_offers
    their_offers = offers_of(other) if their_offers is None else their_offers
    my_divs, their_divs = _divisions(me, my_offers), _divisions(other, their_offers)
    reasons = []
    if hit := _matching(my_offers, their_offers, OFFERS, my_divs, their_divs):
        reasons.append(("they_request", {"title": hit[1].title or hit[0].title}))
    if hit := _matching(my_offers, their_offers, REQUESTS, my_divs, their_divs):
        reasons.append(("they_offer", {"title": hit[1].title or hit[0].title}))
    if any(o.kind == OpportunityKind.RND_COOPERATION for o in my_offers) and \
            any(o.kind == OpportunityKind.RND_COOPERATION for o in their_offers):
        reasons.append(("rnd", {}))
    shared = sorted(my_divs & their_divs)
    if shared:
        reasons.append(("same_sector", {"code": shared[0], "places": _places(me, other)}))
    elif {d[0] for d in my_divs} & {d[0] for d in their_divs}:
        reasons.append(("related_sector", {"code": sorted({d[0] for d in my_divs} & {d[0] for d in their_divs})[0]}))
    if any(other.country in (o.target_countries or []) for o in my_offers if o.kind in OFFERS):
        reasons.append(("target", {"country": other.country}))
    if not reasons:
        return None
    common = [lang for lang in languages_of(me) if lang in set(languages_of(other))]
    if common:
        best = next((lang for lang in common if lang != "en"), common[0])
        reasons.append(("language", {"language": best}))
    score = sum(WEIGHTS[kind] for kind, _params in reasons)
    return Suggestion(other, score, other.country != me.country, reasons)


def _places(a, b):
    from ..labels import label

    names = [regions.name(o.region_code) or o.city or label(o.country) for o in (a, b)]
    return " ↔ ".join(str(n) for n in names)


def rank(me, candidates, excluded_ids=(), limit=10):
    """Cross-border first, then by score, then by name."""
    my_offers = offers_of(me)
    found = []
    for other in candidates:
        if other.id == me.id or other.id in excluded_ids:
            continue
        s = score_pair(me, other, my_offers)
        if s is not None:
            found.append(s)
    found.sort(key=lambda s: (not s.cross_border, -s.score, s.organisation.name.lower()))
    return found[:limit]


def excluded_organisations(me):
    """Organisations one of `me`'s people already met, asked, or marked as not interesting."""
    from ..meetings.models import Meeting, MeetingStatus, NotInterested

    mine = select(Participant.id).where(Participant.organisation_id == me.id)
    met = select(Participant.organisation_id).join(
        Meeting, or_(Meeting.participant_a_id == Participant.id, Meeting.participant_b_id == Participant.id)
    ).where(or_(Meeting.participant_a_id.in_(mine), Meeting.participant_b_id.in_(mine)),
            Meeting.status != MeetingStatus.CANCELLED)
    dismissed = select(Participant.organisation_id).join(NotInterested, NotInterested.other_id == Participant.id) \
        .where(NotInterested.participant_id.in_(mine))
    return {i for i in db.session.scalars(met.union(dismissed)) if i is not None}


def for_directory(me, limit=10):
    """Suggestions among listed organisations that share at least a NACE section with `me`.

    The database picks the MAX_CANDIDATES likeliest — first among those in one of our divisions or with an offer
    that answers ours, cross-border first; then, if there are too few, among the rest of our sections — and only
    those are loaded and scored here."""
    my_offers = offers_of(me)
    divisions = _divisions(me, my_offers)
    if not divisions:
        return []
    same = select(OrganisationSector.organisation_id).where(OrganisationSector.division.in_(divisions))
    answers = {pairs[o.kind] for o in my_offers for pairs in (OFFERS, REQUESTS) if o.kind in pairs}
    answering = select(Opportunity.organisation_id).where(Opportunity.kind.in_(answers)) if answers else None
    likely = (case((Organisation.id.in_(answering), 5), else_=0) if answering is not None else literal(0)) \
        + case((Organisation.id.in_(same), 3), else_=0)
    near = Organisation.id.in_(same) if answering is None else or_(Organisation.id.in_(same),
                                                                    Organisation.id.in_(answering))
    chosen = _candidate_ids(me, near, likely.desc(), MAX_CANDIDATES)
    if len(chosen) < MAX_CANDIDATES:
        section = select(OrganisationSector.organisation_id).where(
            or_(*[OrganisationSector.division.like(f"{s}%") for s in {d[0] for d in divisions}]))
        chosen += _candidate_ids(me, Organisation.id.in_(section) & Organisation.id.not_in(chosen), None,
                                 MAX_CANDIDATES - len(chosen))
    candidates = db.session.scalars(select(Organisation).where(Organisation.id.in_(chosen)).options(
        selectinload(Organisation.participants), selectinload(Organisation.opportunities))).all()
    return rank(me, candidates, excluded_organisations(me), limit)


def _candidate_ids(me, where, order, limit):
    stmt = select(Organisation.id).where(Organisation.listed.is_(True), Organisation.id != me.id, where)
    order_by = [Organisation.country == me.country, *([order] if order is not None else []), Organisation.id]
    return list(db.session.scalars(stmt.order_by(*order_by).limit(limit)))


def reason_text(reason):
    from ..labels import label

    kind, p = reason
    if kind == "they_request":
        return _("they request what you offer: %(title)s", title=p["title"])
    if kind == "they_offer":
        return _("they offer what you request: %(title)s", title=p["title"])
    if kind == "rnd":
        return _("you both look for research and development partners")
    if kind == "same_sector":
        return _("same sector %(sector)s, %(places)s", sector=nace.name(p["code"]), places=p["places"])
    if kind == "related_sector":
        return _("related sector: %(sector)s", sector=nace.name(p["code"]))
    if kind == "target":
        return _("your offer is aimed at %(country)s", country=label(p["country"]))
    return _("you both speak %(language)s", language=label(p["language"]))


def for_event(person, event, limit=5):
    """Suggestions among the event's approved participants for a participant: [(Suggestion, participant)].

    People already asked by `person` are left out as well; each suggested organisation is represented by its
    first approved participant of the event (the one the meeting request goes to)."""
    from ..meetings.models import MeetingRequest
    from ..participants.models import ParticipantStatus

    if person is None or not getattr(person, "is_participant", False) or person.organisation is None:
        return []
    people = db.session.scalars(
        select(Participant).where(Participant.event_id == event.id, Participant.status == ParticipantStatus.APPROVED,
                                  Participant.organisation_id != person.organisation_id)
        .order_by(Participant.id).options(selectinload(Participant.organisation))).all()
    asked = set(db.session.scalars(select(MeetingRequest.target_id).where(MeetingRequest.requester_id == person.id)))
    first = {}
    for p in people:
        if p.id not in asked:
            first.setdefault(p.organisation_id, p)
    excluded = excluded_organisations(person.organisation)
    ranked = rank(person.organisation, [p.organisation for p in first.values()], excluded, limit)
    return [(s, first[s.organisation.id]) for s in ranked]
