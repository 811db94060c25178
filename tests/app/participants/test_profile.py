"""Profile and opportunities: editable until the request deadline, only by their owner."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.i18n import utcnow
from app.participants.models import Opportunity, OpportunityKind

pytestmark = pytest.mark.usefixtures("english")


def profile_data(p, **overrides):
    data = {"first_name": p.first_name, "last_name": p.last_name, "phone": "+49 170 7654321", "position": "CEO",
            "languages": ["de", "en", "cs"], "locale": "de", "max_meetings": "8",
            "org_name": p.organisation.name, "org_kind": "company", "org_country": "DE",
            "org_region": "Erzgebirgskreis", "org_city": "Annaberg", "org_website": "https://erz.example.de",
            "org_sectors": "C25, C28", "org_description_de": "Blechbearbeitung", "org_description_cs": "",
            "org_description_en": "Sheet metal", "day0_from": "", "day0_to": "", "day1_from": "", "day1_to": ""}
    slots = sorted(p.event.slots, key=lambda s: s.start_at)
    data.update(day0_from=str(slots[0].id), day0_to=str(slots[3].id), day1_from="", day1_to=str(slots[7].id))
    data.update(overrides)
    return data


def test_profile_is_saved_with_availability(client, german, signin, db):
    signin(german)
    assert "Anke" in client.get(f"/e/{german.event.slug}/me").get_data(as_text=True)
    resp = client.post(f"/e/{german.event.slug}/me", data=profile_data(german))
    assert resp.status_code == 302
    db.session.expire_all()
    assert german.phone == "+49 170 7654321" and german.languages == ["de", "en", "cs"]
    assert german.organisation.nace_sectors == ["C25", "C28"] and german.organisation.description_en == "Sheet metal"
    assert len(german.unavailable_slots) == 4  # not attending day 2


def test_profile_errors_keep_the_input(client, german, signin):
    signin(german)
    html = client.post(f"/e/{german.event.slug}/me", data=profile_data(german, first_name="", position="Chefin")
                       ).get_data(as_text=True)
    assert 'id="first_name-err"' in html and 'value="Chefin"' in html


def test_opportunity_needs_a_title_in_one_language(client, german, signin, db):
    signin(german)
    url = f"/e/{german.event.slug}/opportunities/new"
    html = client.post(url, data={"kind": "business_offer", "text_de": "Laserschneiden bis 20 mm"}).get_data(
        as_text=True)
    assert "at least one language" in html and "Laserschneiden bis 20 mm" in html
    resp = client.post(url, data={"kind": "business_offer", "title_de": "Laserschneiden", "sectors": "c25",
                                  "target_countries": ["CZ", "PL"]})
    assert resp.status_code == 302
    o = db.session.scalar(select(Opportunity))
    assert o.kind == OpportunityKind.BUSINESS_OFFER and o.sectors == ["C25"] and o.target_countries == ["CZ", "PL"]


def test_opportunity_can_be_edited_and_deleted_by_its_owner_only(client, german, czech, signin, db):
    o = Opportunity(organisation=german.organisation, kind=OpportunityKind.TECHNOLOGY_REQUEST,
                    title_en="Coating partner")
    db.session.add(o)
    db.session.commit()
    slug = german.event.slug
    signin(czech)
    assert client.get(f"/e/{slug}/opportunities/{o.id}/edit").status_code == 404
    assert client.post(f"/e/{slug}/opportunities/{o.id}/edit", data={"kind": "other", "title_en": "x"}
                       ).status_code == 404
    assert client.post(f"/e/{slug}/opportunities/{o.id}/delete").status_code == 404
    signin(german)
    assert client.post(f"/e/{slug}/opportunities/{o.id}/edit", data={"kind": "rnd_cooperation",
                                                                      "title_en": "Coating R&D"}).status_code == 302
    db.session.expire_all()
    assert o.title_en == "Coating R&D" and o.kind == OpportunityKind.RND_COOPERATION
    client.post(f"/e/{slug}/opportunities/{o.id}/delete")
    assert db.session.scalar(select(Opportunity)) is None


def test_nothing_changes_after_the_request_deadline(client, german, signin, db):
    german.event.request_deadline_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    signin(german)
    html = client.get(f"/e/{german.event.slug}/me").get_data(as_text=True)
    assert "deadline for changes has passed" in html
    client.post(f"/e/{german.event.slug}/me", data=profile_data(german, position="Changed"))
    client.post(f"/e/{german.event.slug}/opportunities/new", data={"kind": "other", "title_en": "Late"})
    db.session.expire_all()
    assert german.position != "Changed" and db.session.scalar(select(Opportunity)) is None


def test_opportunity_errors_in_german(client, german, signin, db):
    german.locale = "de"
    db.session.commit()
    signin(german)
    html = client.post(f"/e/{german.event.slug}/opportunities/new",
                       data={"kind": "other", "sectors": "Stahl", "text_de": "Unser Text"}).get_data(as_text=True)
    assert "Bitte geben Sie einen Titel in mindestens einer Sprache an." in html
    assert "Kein NACE-Code: Stahl" in html and "Unser Text" in html


@pytest.mark.parametrize("kind,words", [("business_request", "Vaše poptávka „Odlitky“ byla uložena."),
                                        ("business_offer", "Vaše nabídka „Odlitky“ byla uložena.")])
def test_saved_request_says_poptavka_inside_the_list_the_page_opens_at(client, czech, signin, db, kind, words):
    """The old message said "nabídka" for every kind and stood above #opportunities, out of sight."""
    czech.locale = "cs"
    db.session.commit()
    signin(czech)
    resp = client.post(f"/e/{czech.event.slug}/opportunities/new", data={"kind": kind, "title_cs": "Odlitky"})
    assert resp.headers["Location"].endswith("#opportunities")
    html = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert words in html and html.index('id="opportunities"') < html.index(words)
    assert words not in client.get(f"/e/{czech.event.slug}/me").get_data(as_text=True)  # shown once


def test_deleted_request_is_confirmed_in_german(client, german, signin, db):
    german.locale = "de"
    opp = Opportunity(organisation=german.organisation, kind=OpportunityKind.TECHNOLOGY_REQUEST,
                      title_de="Laserschweißen")
    db.session.add(opp)
    db.session.commit()
    signin(german)
    resp = client.post(f"/e/{german.event.slug}/opportunities/{opp.id}/delete", follow_redirects=True)
    assert "Ihr Gesuch „Laserschweißen“ wurde gelöscht." in resp.get_data(as_text=True)
