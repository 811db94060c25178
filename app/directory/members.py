"""Members: the people (by e-mail, across events) who may edit an organisation's directory entry.

Compatible with the ownership rule of registration: a newcomer who names an existing organisation does not
become a member; only its creator, people added by a member, and organisers edit it.
"""
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from .models import OrganisationMember


class MemberError(ValueError):
    pass


def add_member(org, email):
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise MemberError(_("Please give a valid e-mail address."))
    if any(m.email == email for m in org.members):
        return None
    member = OrganisationMember(email=email)
    org.members.append(member)
    db.session.flush()
    return member


def is_member(org, email):
    return bool(email) and db.session.scalar(select(func.count()).select_from(OrganisationMember).where(
        OrganisationMember.organisation_id == org.id, OrganisationMember.email == email.strip().lower())) > 0


def can_edit(person, org):
    """Organisers always; a signed-in participant when their e-mail is one of the organisation's members."""
    if person is None or not getattr(person, "is_authenticated", False):
        return False
    if not getattr(person, "is_participant", False):
        return person.has_role("organiser")
    return is_member(org, person.email)


def remove_member(org, member_id):
    member = next((m for m in org.members if m.id == member_id), None)
    if member is None:
        raise MemberError(_("This person is not a member."))
    org.members.remove(member)
    db.session.flush()
    if not org.members:  # GDPR: an organisation nobody looks after is no longer shown
        org.listed = False
    return member


def _move_members(keep, drop):
    """Merging: members of both stay members of the kept organisation."""
    for member in list(drop.members):
        if any(m.email == member.email for m in keep.members):
            continue
        keep.members.append(OrganisationMember(email=member.email, created_at=member.created_at))


def init_merge_hook():
    from .identity import MERGE_HOOKS

    if _move_members not in MERGE_HOOKS:
        MERGE_HOOKS.append(_move_members)


init_merge_hook()
