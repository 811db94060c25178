"""Offers and requests belong to the organisation: shown at every event one of its people takes part in and on its
directory page; its members, confirmed people and organisers edit them; every change audited."""
import flask_babel
from sqlalchemy import func, select

from app.accounts.models import AuditLog
from app.directory.identity import merge_organisations
from app.directory.members import add_member
from app.participants.models import Opportunity, OpportunityKind


def _offer(org, **kw):
    o = Opportunity(kind=kw.pop("kind", OpportunityKind.TECHNOLOGY_OFFER), **kw)
    org.opportunities.append(o)
    return o


def test_an_offer_written_at_one_event_appears_at_the_next(client, signin, german, czech, make_event,
                                                          make_participant, db):
    signin(german)
    res = client.post(f"/e/{german.event.slug}/opportunities/new",
                      data={"kind": "technology_offer", "title_de": "Pulverbeschichtung", "title_en": "Powder coating"})
    assert res.status_code == 302
    offer = db.session.scalar(select(Opportunity))
    assert offer.organisation_id == german.organisation_id and offer.author_id == german.id
    nxt = make_event(slug="karlovy-vary-2028")
    colleague = make_participant(nxt, email="jens@erzmetall.example.de", organisation=german.organisation,
                                 organisation_confirmed=False)
    viewer = make_participant(nxt, email="eva@liberec.example.cz", organisation=czech.organisation)
    org_id = german.organisation_id
    german.organisation.listed = True
    db.session.commit()
    signin(viewer)
    html = client.get(f"/e/{nxt.slug}/marketplace").get_data(as_text=True)
    assert ("Powder coating" in html or "Pulverbeschichtung" in html) and colleague.last_name in html
    html = client.get(f"/directory/{org_id}").get_data(as_text=True)
    assert "Powder coating" in html or "Pulverbeschichtung" in html


def test_a_newcomer_of_the_organisation_and_other_firms_cannot_edit(client, signin, german, czech, make_participant,
                                                                   db):
    offer = _offer(german.organisation, title_en="Laser cutting")
    newcomer = make_participant(german.event, email="neu@erzmetall.example.de", organisation=german.organisation,
                                organisation_confirmed=False)
    db.session.commit()
    slug, oid = german.event.slug, offer.id
    signin(newcomer)
    assert client.get(f"/e/{slug}/opportunities/new").status_code == 403
    assert client.post(f"/e/{slug}/opportunities/{oid}/edit",
                       data={"kind": "other", "title_en": "x"}).status_code == 403
    assert client.post(f"/e/{slug}/opportunities/{oid}/delete").status_code == 403
    assert client.post(f"/directory/{german.organisation_id}/offers/{oid}/edit",
                       data={"kind": "other", "title_en": "x"}).status_code == 403
    assert "Only the members of your organisation can change them." in client.get(
        f"/e/{slug}/me").get_data(as_text=True)
    signin(czech)  # a member of another organisation: this offer is not theirs to find
    assert client.post(f"/e/{slug}/opportunities/{oid}/edit",
                       data={"kind": "other", "title_en": "x"}).status_code == 404
    assert client.post(f"/directory/{german.organisation_id}/offers/{oid}/delete").status_code == 403
    db.session.expire_all()
    assert db.session.get(Opportunity, oid).title_en == "Laser cutting"
    add_member(german.organisation, newcomer.email)  # a member adds them: now they may
    db.session.commit()
    signin(newcomer)
    assert client.post(f"/e/{slug}/opportunities/{oid}/edit",
                       data={"kind": "technology_offer", "title_en": "Laser cutting 3 kW"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Opportunity, oid).title_en == "Laser cutting 3 kW"


def test_every_change_is_audited_with_who_made_it(client, signin, german, make_user, login, db):
    org = german.organisation
    offer = _offer(org, title_en="Laser cutting", sectors=["C25"])
    db.session.commit()
    signin(german)
    client.post(f"/e/{german.event.slug}/opportunities/{offer.id}/edit",
                data={"kind": "technology_offer", "title_en": "Laser cutting", "sectors": "C25, C28"})
    make_user()
    db.session.commit()
    client.get("/account/logout")
    login()
    res = client.post(f"/directory/{org.id}/offers/new",
                      data={"kind": "business_request", "title_cs": "Hledáme lakovnu"})
    assert res.status_code == 302 and res.headers["Location"].endswith(f"/directory/{org.id}#offers")
    res = client.post(f"/directory/{org.id}/offers/{offer.id}/delete")
    assert res.status_code == 302
    entries = db.session.scalars(select(AuditLog).order_by(AuditLog.id)).all()
    actions = [(e.action, e.details["editor"]) for e in entries if e.action.startswith("opportunity.")]
    assert actions == [("opportunity.edit", german.email), ("opportunity.create", "organiser@example.org"),
                       ("opportunity.delete", "organiser@example.org")]
    edit = next(e for e in entries if e.action == "opportunity.edit")
    assert edit.details["changes"] == {"sectors": [["C25"], ["C25", "C28"]]}
    assert edit.user_id is None and entries[-1].user_id is not None  # participants are not accounts
    assert [o.title_cs for o in org.opportunities] == ["Hledáme lakovnu"]


def test_the_directory_edit_form_shows_errors_and_saves_nothing(client, german, make_user, login, db):
    make_user()
    db.session.commit()
    login()
    client.post("/language/de", data={"next": "/"})
    flask_babel.refresh()  # test requests share the fixture's app context and with it Babel's cached locale
    html = client.post(f"/directory/{german.organisation_id}/offers/new",
                       data={"kind": "other", "sectors": "Stahl", "text_de": "Unser Text"}).get_data(as_text=True)
    assert "Kein NACE-Code: Stahl" in html
    html = client.post(f"/directory/{german.organisation_id}/offers/new",
                       data={"kind": "other", "text_de": "Unser Text"}).get_data(as_text=True)
    assert "Bitte geben Sie einen Titel in mindestens einer Sprache an." in html and "Unser Text" in html
    assert db.session.scalar(select(func.count(Opportunity.id))) == 0
    assert client.get(f"/directory/{german.organisation_id}/offers/999/edit").status_code == 404


def test_deleting_the_author_keeps_the_organisations_offer(client, signin, german, db):
    offer = _offer(german.organisation, title_en="Laser cutting", author=german)
    db.session.commit()
    signin(german)
    data = client.get(f"/e/{german.event.slug}/me/data.json").get_json()
    assert [o["title_en"] for o in data["opportunities"]] == ["Laser cutting"]
    client.post(f"/e/{german.event.slug}/me/delete", data={"confirm": "y"})
    db.session.expire_all()
    assert offer.author_id is None and offer.organisation_id == german.organisation_id


def test_merging_organisations_keeps_both_offers(german, make_organisation, db):
    twin = make_organisation(name="Erzgebirge Metall", country="DE")
    _offer(german.organisation, title_en="Laser cutting")
    _offer(twin, title_en="Powder coating")
    db.session.commit()
    keep = merge_organisations(german.organisation, twin)
    assert sorted(o.title_en for o in keep.opportunities) == ["Laser cutting", "Powder coating"]
