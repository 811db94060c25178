"""Organisation records are owned (issue 17). On today's code a newcomer who registered with an existing
organisation's IČO or name was linked to it and could then rewrite it from their profile (update_profile set
every organisation field), and registration filled in fields the owners had left empty."""
from sqlalchemy import select

from app.accounts.models import AuditLog
from app.participants.models import Organisation, OrganisationProposal, Participant, ProposalStatus

from .test_registration import form_data


def _profile_data(**overrides):
    data = {"first_name": "Eva", "last_name": "Nová", "phone": "", "position": "", "languages": ["cs"],
            "locale": "cs", "role": "participant", "org_name": "Hijacked s.r.o.", "org_kind": "company",
            "org_country": "CZ", "org_region": "", "org_city": "Praha", "org_website": "https://evil.example.com",
            "org_sectors": "", "org_description_cs": "Ovládnuto", "org_description_de": "", "org_description_en": ""}
    data.update(overrides)
    return data


def _newcomer(client, event, db):
    client.post(f"/e/{event.slug}/register", data=form_data(
        event, email="eva@evil.example.com", org_name="Strojírny (renamed)", org_registration_id="2700 1112",
        org_website="https://evil.example.com", org_description="Ovládnuto"))
    return db.session.scalar(select(Participant).where(Participant.email == "eva@evil.example.com"))


def test_registering_with_an_existing_id_joins_but_only_proposes(client, event, czech, db):
    org = czech.organisation
    newcomer = _newcomer(client, event, db)
    assert newcomer.organisation_id == org.id and not newcomer.organisation_confirmed
    db.session.refresh(org)
    assert org.name == "Strojírny Jizera s.r.o." and org.website == "" and org.description_cs == ""
    proposal = db.session.scalar(select(OrganisationProposal))
    assert proposal.participant_id == newcomer.id and proposal.status == ProposalStatus.OPEN
    assert proposal.changes["name"] == "Strojírny (renamed)" and proposal.changes["website"] == "https://evil.example.com"


def test_a_newcomer_cannot_rewrite_the_organisation_from_the_profile(client, event, czech, db, signin):
    org = czech.organisation
    newcomer = _newcomer(client, event, db)
    signin(newcomer)
    res = client.post(f"/e/{event.slug}/me", data=_profile_data(**_windows(event)))
    assert res.status_code == 302
    db.session.expire_all()
    org = db.session.get(Organisation, org.id)
    assert org.name == "Strojírny Jizera s.r.o." and org.city == "Liberec" and org.description_cs == ""
    [proposal] = db.session.scalars(select(OrganisationProposal)).all()  # the newer replaced the older
    assert proposal.changes["name"] == "Hijacked s.r.o." and proposal.changes["city"] == "Praha"


def test_the_confirmed_person_still_edits_directly(client, event, czech, db, signin):
    signin(czech)
    client.post(f"/e/{event.slug}/me", data=_profile_data(org_name="Strojírny Jizera a.s.", **_windows(event)))
    db.session.expire_all()
    assert db.session.get(Organisation, czech.organisation_id).name == "Strojírny Jizera a.s."


def test_the_organisations_person_accepts_and_it_is_audited(client, event, czech, db, signin):
    _newcomer(client, event, db)
    proposal = db.session.scalar(select(OrganisationProposal))
    signin(czech)
    page = client.get(f"/e/{event.slug}/me").get_data(as_text=True)
    assert "https://evil.example.com" in page and "Strojírny (renamed)" in page
    res = client.post(f"/e/{event.slug}/me/organisation-proposals/{proposal.id}/accept")
    assert res.status_code == 302
    db.session.expire_all()
    assert db.session.get(Organisation, czech.organisation_id).website == "https://evil.example.com"
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "organisation_proposal_accepted"))
    assert entry.target_id == czech.organisation_id and entry.details["by_participant"] == czech.id


def test_the_proposer_and_strangers_cannot_decide(client, event, czech, german, db, signin):
    newcomer = _newcomer(client, event, db)
    proposal = db.session.scalar(select(OrganisationProposal))
    for who in (newcomer, german):
        signin(who)
        assert client.post(f"/e/{event.slug}/me/organisation-proposals/{proposal.id}/accept").status_code == 404
    assert db.session.get(OrganisationProposal, proposal.id).status == ProposalStatus.OPEN


def test_an_organiser_of_the_event_rejects(client, event, czech, db, make_user, login):
    _newcomer(client, event, db)
    proposal = db.session.scalar(select(OrganisationProposal))
    make_user()
    db.session.commit()
    login()
    assert "Strojírny (renamed)" in client.get(f"/organiser/events/{event.id}/participants/").get_data(as_text=True)
    client.post(f"/organiser/events/{event.id}/participants/organisation-proposals/{proposal.id}/reject")
    db.session.expire_all()
    assert db.session.get(OrganisationProposal, proposal.id).status == ProposalStatus.REJECTED
    assert db.session.get(Organisation, czech.organisation_id).name == "Strojírny Jizera s.r.o."
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "organisation_proposal_rejected"))


def test_the_same_name_with_another_company_id_is_another_organisation(client, event, czech, db):
    client.post(f"/e/{event.slug}/register", data=form_data(
        event, email="other@example.cz", org_name="Strojírny Jizera s.r.o.", org_registration_id="99999999"))
    p = db.session.scalar(select(Participant).where(Participant.email == "other@example.cz"))
    assert p.organisation_id != czech.organisation_id and p.organisation_confirmed


def _windows(event):
    days = sorted({s.session_id for s in event.slots})
    out = {}
    for i, day in enumerate(days):
        slots = sorted((s for s in event.slots if s.session_id == day), key=lambda s: s.start_at)
        out[f"day{i}_from"], out[f"day{i}_to"] = str(slots[0].id), str(slots[-1].id)
    return out
