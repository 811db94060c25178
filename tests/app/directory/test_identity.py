"""Registration ids compared in one form; likely duplicates; merging keeps every row of both organisations."""
import pytest
from sqlalchemy import func, select

from app.accounts.models import AuditLog
from app.accounts.services import audit
from app.directory.identity import likely_duplicates, merge_organisations, registration_key, similar_names
from app.meetings.models import Meeting, MeetingRequest
from app.participants.models import Opportunity, OpportunityKind, Organisation, Participant
from app.participants.services import find_organisation


@pytest.mark.parametrize("raw,key", [
    ("27001112", "27001112"), ("CZ27001112", "27001112"), ("cz 270 01 112", "27001112"), ("270-01-112", "27001112"),
    ("4567890", "04567890"),
    ("DE318000001", "DE318000001"), ("DE 318 000 001", "DE318000001"), ("de318.000.001", "DE318000001"),
    ("HRB 1234", "HRB1234"), ("", None), (None, None),
])
def test_registration_key(raw, key):
    assert registration_key(raw) == key


def test_an_ico_typed_with_cz_and_spaces_finds_the_same_organisation(db, make_organisation):
    org = make_organisation(registration_id="27001112")
    db.session.commit()
    assert find_organisation("Other name", "CZ 270 01 112") == org


@pytest.mark.parametrize("a,b,same", [
    ("Strojírny Jizera s.r.o.", "Strojirny Jizera, spol. s r. o.", True),
    ("Erzgebirge Metall GmbH", "Erzgebirge-Metall GmbH & Co. KG", True),
    ("Erzgebirge Metall GmbH", "Vogtland Textil GmbH", False),
])
def test_similar_names_ignore_accents_punctuation_and_legal_form(a, b, same):
    assert similar_names(a, b) is same


def test_likely_duplicates_by_id_or_name_in_the_same_city(db, make_organisation):
    a = make_organisation(name="Strojírny Jizera s.r.o.", city="Liberec", registration_id="CZ27001112")
    b = make_organisation(name="Jizera Engineering", city="Liberec", registration_id="27001112")
    c = make_organisation(name="Strojirny Jizera spol. s r.o.", city="Liberec")
    d = make_organisation(name="Strojírny Jizera s.r.o.", city="Děčín")  # same name, another city
    db.session.commit()
    pairs = {(x.id, y.id, why) for x, y, why in likely_duplicates([a, b, c, d])}
    assert pairs == {(a.id, b.id, "registration_id"), (a.id, c.id, "name_city")}


@pytest.fixture
def two_copies(db, make_event, make_organisation, make_participant, make_user):
    """The same firm registered twice, with people, offers, requests, a meeting and audit entries on each."""
    event = make_event()
    keep = make_organisation(name="Strojírny Jizera s.r.o.", city="Liberec", nace_sectors=["C25"])
    drop = make_organisation(name="Strojirny Jizera, spol. s r. o.", city="Liberec", registration_id="CZ27001112",
                             website="https://jizera.example.cz", nace_sectors=["C28"])
    partner = make_participant(event, email="anke@erz.example.de",
                               organisation=make_organisation(name="Erz GmbH", country="DE"))
    p1 = make_participant(event, email="petr@jizera.example.cz", organisation=keep)
    p2 = make_participant(event, email="jana@jizera.example.cz", organisation=drop)
    drop.opportunities.append(Opportunity(kind=OpportunityKind.BUSINESS_OFFER, title_cs="Obrábění"))
    db.session.flush()
    req = MeetingRequest(event_id=event.id, requester_id=partner.id, target_id=p2.id)
    db.session.add(req)
    db.session.flush()
    db.session.add(Meeting(event_id=event.id, request_id=req.id, participant_a_id=partner.id, participant_b_id=p2.id))
    user = make_user()
    audit("organisation.edit", user=user, target=drop, field="website")
    audit("organisation.edit", user=user, target=keep, field="city")
    db.session.commit()
    return {"keep": keep, "drop": drop, "p1": p1, "p2": p2, "user": user}


def counts():
    return {model.__name__: db_count(model) for model in (Participant, Opportunity, MeetingRequest, Meeting)}


def db_count(model):
    from app.extensions import db

    return db.session.scalar(select(func.count()).select_from(model))


def test_merge_keeps_every_participation_offer_meeting_and_audit_entry(db, two_copies):
    keep, drop, user = two_copies["keep"], two_copies["drop"], two_copies["user"]
    before = counts()
    drop_id, audit_before = drop.id, db_count(AuditLog)
    merged = merge_organisations(keep, drop, user=user)
    db.session.commit()
    assert counts() == before
    assert db.session.get(Organisation, drop_id) is None
    assert {p.email for p in merged.participants} == {"petr@jizera.example.cz", "jana@jizera.example.cz"}
    assert merged.registration_id == "CZ27001112" and merged.website == "https://jizera.example.cz"
    assert merged.nace_sectors == ["C25", "C28"] and merged.city == "Liberec"
    jana = db.session.scalar(select(Participant).where(Participant.email == "jana@jizera.example.cz"))
    assert [o.title_cs for o in jana.opportunities] == ["Obrábění"]
    entries = db.session.scalars(select(AuditLog).where(AuditLog.target_type == "Organisation")).all()
    assert len(entries) == audit_before + 1 and all(e.target_id == merged.id for e in entries)
    merge_entry = next(e for e in entries if e.action == "organisation.merge")
    assert merge_entry.details["merged_id"] == drop_id and merge_entry.details["participants_moved"] == 1


def test_organiser_sees_duplicates_and_merges_them(client, login, two_copies, db):
    login()
    html = client.get("/directory/organiser/duplicates").get_data(as_text=True)
    assert "Strojirny Jizera, spol. s r. o." in html and "similar name, same city" in html
    keep, drop = two_copies["keep"], two_copies["drop"]
    resp = client.post("/directory/organiser/merge", data={"keep_id": keep.id, "drop_id": drop.id})
    assert resp.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 2
    assert "No likely duplicates." in client.get("/directory/organiser/duplicates").get_data(as_text=True)


def test_participants_cannot_see_or_merge(client, two_copies, signin):
    signin(two_copies["p1"])
    assert client.get("/directory/organiser/duplicates").status_code == 403
    assert client.post("/directory/organiser/merge", data={"keep_id": 1, "drop_id": 2}).status_code in (400, 403)
