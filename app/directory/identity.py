"""Who is who: registration ids compared in one form, likely duplicates, and merging two organisations.

A Czech IČO is typed as "27001112", "270 01 112" or with the VAT prefix "CZ27001112"; a German USt-IdNr. as
"DE 318 000 001" or "DE318000001". `registration_key` brings each to one form so that the same firm is found.
"""
import re
from difflib import SequenceMatcher
from itertools import combinations

from sqlalchemy import select, update

from ..extensions import db
from ..reference.identity import registration_key  # noqa: F401  (used below, imported from here too)
from ..reference.nace import fold

# legal forms say nothing about who a firm is: "Jizera s.r.o." and "Jizera, spol. s r. o." are one firm
_LEGAL_FORMS = re.compile(
    r"\b(s\s?r\s?o|spol|s\s?r|a\s?s|v\s?o\s?s|k\s?s|z\s?s|z\s?u|o\s?p\s?s|gmbh|mbh|co|kg|ag|e\s?v|ug|ohg|gbr|"
    r"haftungsbeschrankt|se|ltd|inc|sp\s?z\s?o\s?o)\b")
SIMILAR_NAME = 0.85


def name_key(name):
    """The organisation name without accents, punctuation and legal form, for similarity."""
    words = re.sub(r"[^\w]+", " ", fold(name)).replace("_", " ")
    return " ".join(_LEGAL_FORMS.sub(" ", words).split())


def similar_names(a, b):
    ka, kb = name_key(a), name_key(b)
    return bool(ka) and bool(kb) and (ka == kb or SequenceMatcher(None, ka, kb).ratio() >= SIMILAR_NAME)


def likely_duplicates(organisations):
    """[(a, b, reason)] with a.id < b.id: same registration id, or a very similar name in the same city."""
    pairs, seen = [], set()
    by_key = {}
    for org in organisations:
        key = registration_key(org.registration_id)
        if key:
            by_key.setdefault(key, []).append(org)
    for group in by_key.values():
        for a, b in combinations(sorted(group, key=lambda o: o.id), 2):
            pairs.append((a, b, "registration_id"))
            seen.add((a.id, b.id))
    by_city = {}
    for org in organisations:
        by_city.setdefault(fold(org.city).strip(), []).append(org)
    for city, group in by_city.items():
        for a, b in combinations(sorted(group, key=lambda o: o.id), 2):
            if (a.id, b.id) not in seen and city and similar_names(a.name, b.name):
                pairs.append((a, b, "name_city"))
    return pairs


class MergeError(ValueError):
    pass


def merge_organisations(keep, drop, user=None):
    """Move everything of `drop` to `keep`, fill keep's empty fields from drop, delete drop; audited.

    Participations (and with them requests, meetings, feedback), offers and requests, members, contact requests and
    audit entries about `drop` all point to `keep` afterwards; nothing is deleted but the emptied organisation row."""
    from ..accounts.models import AuditLog
    from ..accounts.services import audit
    from ..participants.models import Organisation, Participant

    if keep.id == drop.id:
        raise MergeError("same organisation")
    _fill_empty(keep, drop)
    people = db.session.scalars(select(Participant).where(Participant.organisation_id == drop.id)).all()
    for person in people:
        person.organisation = keep
    moved = len(people)
    for offer in list(drop.opportunities):  # offers belong to the organisation: all of them move
        offer.organisation = keep
    db.session.flush()
    for hook in MERGE_HOOKS:
        hook(keep, drop)
    db.session.execute(update(AuditLog).where(AuditLog.target_type == Organisation.__name__,
                                              AuditLog.target_id == drop.id).values(target_id=keep.id))
    snapshot = {"merged_id": drop.id, "merged_name": drop.name, "merged_registration_id": drop.registration_id,
                "participants_moved": moved}
    drop_reg = drop.registration_id
    db.session.delete(drop)
    db.session.flush()
    if drop_reg and not keep.registration_id:
        keep.registration_id = drop_reg
    audit("organisation.merge", user=user, target=keep, **snapshot)
    db.session.flush()
    db.session.expire_all()
    return db.session.get(Organisation, keep.id)


MERGE_HOOKS = []  # other parts of the directory move their rows here (members, contact requests)


def _fill_empty(keep, drop):
    for field in ("city", "website", "region", "description_cs", "description_de", "description_en"):
        if not getattr(keep, field) and getattr(drop, field):
            setattr(keep, field, getattr(drop, field))
    if keep.size_class is None:
        keep.size_class = drop.size_class
    keep.nace_sectors = list(dict.fromkeys([*(keep.nace_sectors or []), *(drop.nace_sectors or [])]))

