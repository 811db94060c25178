"""Directory: only listed organisations, filters and facets in the database, accent-free search, editing by members."""
import pytest
from sqlalchemy import select

from app.accounts.models import AuditLog
from app.directory import search
from app.directory.members import add_member
from app.participants.models import (
    Opportunity,
    OpportunityKind,
    OrganisationKind,
    ParticipantStatus,
    SizeClass,
)


@pytest.fixture
def listing(db, make_event, make_organisation, make_participant):
    event = make_event()
    jizera = make_organisation(name="Strojírny Jizera s.r.o.", city="Liberec", region="Liberecký kraj",
                               nace_sectors=["C25.62", "C28"], size_class=SizeClass.MEDIUM, listed=True,
                               description_cs="Obrábění a svařování dílů pro strojírenství.")
    erz = make_organisation(name="Erzgebirge Metall GmbH", country="DE", city="Annaberg-Buchholz",
                            region="Erzgebirgskreis", nace_sectors=["C25"], listed=True,
                            description_de="Blechbearbeitung an der Hauptstraße.")
    ihk = make_organisation(name="IHK Dresden", country="DE", city="Dresden", region="Dresden",
                            kind=OrganisationKind.CHAMBER, nace_sectors=["S94"], listed=True)
    hidden = make_organisation(name="Tajná obrábění a.s.", city="Liberec", nace_sectors=["C25"], listed=False)
    warsaw = make_organisation(name="Warszawa Tech", country="PL", city="Warszawa", listed=True, nace_sectors=["J62"])
    petr = make_participant(event, organisation=jizera, email="petr@jizera.example.cz", languages=["cs", "de"])
    jizera.opportunities.append(Opportunity(kind=OpportunityKind.BUSINESS_REQUEST, title_cs="Hledáme lakovnu",
                                            title_de="Wir suchen eine Lackiererei", sectors=["C25.61"]))
    make_participant(event, organisation=erz, email="anke@erz.example.de", languages=["de", "en"])
    make_participant(event, organisation=hidden, email="x@tajna.example.cz", status=ParticipantStatus.PENDING)
    db.session.commit()
    return {"jizera": jizera, "erz": erz, "ihk": ihk, "hidden": hidden, "warsaw": warsaw, "petr": petr}


def found(**filters):
    orgs, total = search.search({k: filters.get(k, "") for k in search.FILTERS}, per_page=1000)
    assert total == len(orgs)
    return {o.name.split()[0] for o in orgs}


@pytest.mark.parametrize("filters,expected", [
    ({}, {"Strojírny", "Erzgebirge", "IHK", "Warszawa"}),
    ({"q": "obrabeni"}, {"Strojírny"}),                 # "obrábění" without accents
    ({"q": "OBRÁBĚNÍ"}, {"Strojírny"}),
    ({"q": "strasse"}, {"Erzgebirge"}),                 # "Hauptstraße"
    ({"q": "Maschinenbau"}, {"Strojírny"}),             # German NACE title of C28
    ({"q": "kovodelnych"}, {"Strojírny", "Erzgebirge"}),  # Czech NACE title of C25
    ({"q": "Lackiererei"}, {"Strojírny"}),              # words of a request
    ({"q": "jizera liberec"}, {"Strojírny"}),
    ({"q": "100%"}, set()),
    ({"region": "CZ051"}, {"Strojírny"}),
    ({"region": "DED42"}, {"Erzgebirge"}),
    ({"region": "outside"}, {"Warszawa"}),
    ({"kind": "chamber"}, {"IHK"}),
    ({"sector": "C25"}, {"Strojírny", "Erzgebirge"}),   # C25.62 counts under its division
    ({"sector": "C25", "country": "DE"}, {"Erzgebirge"}),
    ({"size": "medium"}, {"Strojírny"}),
    ({"language": "en"}, {"Erzgebirge"}),
    ({"offer": "business_request"}, {"Strojírny"}),
])
def test_filters_and_accent_free_search(listing, filters, expected):
    assert found(**filters) == expected


def test_facets_count_in_the_database(listing):
    facets = search.facets({k: "" for k in search.FILTERS})
    assert facets["region"] == {"CZ051": 1, "DED42": 1, "DED21": 1, "": 1}
    assert facets["sector"]["C25"] == 2 and facets["sector"]["C28"] == 1 and facets["sector"]["S94"] == 1
    assert facets["kind"] == {"company": 3, "chamber": 1}
    narrowed = search.facets({**{k: "" for k in search.FILTERS}, "sector": "C25"})
    assert narrowed["country"] == {"CZ": 1, "DE": 1} and narrowed["sector"]["S94"] == 1  # own facet not narrowed


def test_the_search_column_follows_new_offers(listing, db):
    erz = listing["erz"]
    assert found(q="pulverbeschichtung") == set()
    erz.opportunities.append(Opportunity(kind=OpportunityKind.TECHNOLOGY_OFFER,
                                        title_de="Pulverbeschichtung"))
    db.session.commit()
    assert found(q="pulverbeschichtung") == {"Erzgebirge"}


def test_pages_show_listed_organisations_with_names_not_codes(client, listing):
    html = client.get("/directory/", query_string={"q": "obrabeni"}).get_data(as_text=True)
    assert "Strojírny Jizera" in html and "Tajná" not in html
    page = client.get(f"/directory/{listing['jizera'].id}").get_data(as_text=True)
    assert "Manufacture of machinery and equipment n.e.c. (C28)" in page and "Wir suchen eine Lackiererei" in page
    assert "petr@jizera.example.cz" not in page and "Liberec Region" in page
    assert client.get(f"/directory/{listing['hidden'].id}").status_code == 404


def test_a_member_edits_and_every_change_is_audited(client, signin, listing, db):
    jizera, petr = listing["jizera"], listing["petr"]
    add_member(jizera, petr.email)
    db.session.commit()
    signin(petr)
    assert client.get(f"/directory/{listing['erz'].id}/edit").status_code == 403
    data = {"name": "Strojírny Jizera s.r.o.", "kind": "company", "country": "CZ", "region_code": "CZ051",
            "city": "Liberec", "website": "https://jizera.example.cz", "size_class": "medium",
            "languages": ["cs", "de"], "nace_sectors": "C25.62, 28", "description_cs": "Obrábění.",
            "description_de": "", "description_en": "", "listed": ""}
    assert client.post(f"/directory/{jizera.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert jizera.nace_sectors == ["C25.62", "C28"] and jizera.listed is False and jizera.languages == ["cs", "de"]
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "organisation.edit"))
    assert entry.target_id == jizera.id and entry.details["changes"]["listed"] == [True, False]
    assert entry.details["editor"] == petr.email
    assert client.get(f"/directory/{jizera.id}").status_code == 200  # members still see it unlisted
    client.post("/account/logout")
    assert client.get(f"/directory/{jizera.id}").status_code == 404


def test_registration_asks_for_listing_consent_off_by_default_and_makes_the_creator_a_member(client, db, event):
    from app.participants.models import Organisation
    from tests.app.participants.test_registration import form_data

    html = client.get(f"/e/{event.slug}/register").get_data(as_text=True)
    assert 'name="org_listed" type="checkbox" value="y">' in html  # asked, not ticked
    assert client.post(f"/e/{event.slug}/register", data=form_data(event)).status_code == 200
    org = db.session.scalar(select(Organisation).where(Organisation.name == "Sklárna Jizera s.r.o."))
    assert org.listed is False and [m.email for m in org.members] == ["jana.dvorakova@liberec.example.cz"]
    assert org.region_code == "CZ051" and org.registration_id == "27001112"
    # a newcomer naming the same organisation neither lists it nor becomes a member
    client.post(f"/e/{event.slug}/register", data=form_data(event, email="eva@other.example.cz", org_listed="y",
                                                            org_registration_id="CZ 27001112"))
    db.session.expire_all()
    assert org.listed is False and len(org.members) == 1 and len(org.participants) == 2


def test_the_demo_lists_its_organisations_with_members_and_offers_duplicates_to_merge(db):
    from app.demo import seed_demo
    from app.directory.identity import likely_duplicates
    from app.participants.models import Organisation

    seed_demo(db.session)
    db.session.commit()
    orgs = db.session.scalars(select(Organisation)).all()
    listed = [o for o in orgs if o.listed]
    assert len(listed) >= 40 and all(o.members and o.search_text for o in listed)
    assert found(q="maschinenbau") and found(offer="business_offer")
    assert len(likely_duplicates(orgs)) >= 3
