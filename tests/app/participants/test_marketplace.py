"""Marketplace: approved participants only, every filter, pagination, never e-mail or phone."""
import pytest

from app.participants.models import Opportunity, OpportunityKind, OrganisationKind, ParticipantStatus

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def crowd(event, german, czech, make_participant, make_organisation, db):
    cluster = make_organisation(name="Cluster Plast Saxony e.V.", country="DE", region="Dresden",
                                kind=OrganisationKind.CLUSTER, nace_sectors=["C22"])
    plast = make_participant(event, organisation=cluster, first_name="Uwe", last_name="Berger", languages=["de"],
                             email="uwe@plast.example.de", phone="+49 351 999")
    pending = make_participant(event, status=ParticipantStatus.PENDING, first_name="Hidden", last_name="Pending",
                               organisation=make_organisation(name="Pending s.r.o.", nace_sectors=["C25"]))
    german.organisation.opportunities.append(Opportunity(
        kind=OpportunityKind.TECHNOLOGY_OFFER, title_de="Laserschneiden", title_en="Laser cutting", sectors=["C25.6"]))
    czech.organisation.opportunities.append(Opportunity(
        kind=OpportunityKind.BUSINESS_REQUEST, title_cs="Hledáme dodavatele odlitků",
        text_cs="Hliníkové odlitky pro strojírenství"))
    db.session.commit()
    return {"plast": plast, "pending": pending}


def names(client, slug, **params):
    html = client.get(f"/e/{slug}/marketplace", query_string=params).get_data(as_text=True)
    return {n for n in ("Erzgebirge Metall", "Strojírny Jizera", "Cluster Plast", "Pending s.r.o.") if n in html}, html


@pytest.mark.parametrize("params,expected", [
    ({}, {"Erzgebirge Metall", "Cluster Plast"}),
    ({"country": "DE", "sector": "C25"}, {"Erzgebirge Metall"}),
    ({"sector": "C22"}, {"Cluster Plast"}),
    ({"kind": "technology_offer"}, {"Erzgebirge Metall"}),
    ({"org_kind": "cluster"}, {"Cluster Plast"}),
    ({"language": "en"}, {"Erzgebirge Metall"}),
    ({"region": "Dresden"}, {"Cluster Plast"}),
    ({"q": "laser"}, {"Erzgebirge Metall"}),
    ({"q": "berger plast"}, {"Cluster Plast"}),
    ({"q": "nothing like this"}, set()),
])
def test_filters(client, signin, czech, crowd, params, expected):
    signin(czech)
    found, _html = names(client, czech.event.slug, **params)
    assert found == expected


def test_cards_never_show_email_or_phone_and_hide_pending(client, signin, czech, german, crowd):
    signin(czech)
    _found, html = names(client, czech.event.slug)
    assert german.email not in html and german.phone not in html and "uwe@plast" not in html
    assert "Pending s.r.o." not in html
    detail = client.get(f"/e/{czech.event.slug}/participants/{german.id}").get_data(as_text=True)
    assert "Laser cutting" in detail and german.email not in detail and german.phone not in detail
    assert client.get(f"/e/{czech.event.slug}/participants/{crowd['pending'].id}").status_code == 404


def test_own_profile_shows_own_contact(client, signin, czech, crowd):
    signin(czech)
    html = client.get(f"/e/{czech.event.slug}/participants/{czech.id}").get_data(as_text=True)
    assert czech.email in html


def test_pagination(client, signin, event, czech, make_participant, db):
    for i in range(14):
        make_participant(event, first_name=f"P{i}")
    db.session.commit()
    signin(czech)
    first = client.get(f"/e/{event.slug}/marketplace").get_data(as_text=True)
    second = client.get(f"/e/{event.slug}/marketplace", query_string={"page": 2}).get_data(as_text=True)
    assert "15 participants found" in first and "Page 1 of 2" in first and 'rel="next"' in first
    assert first.count('class="card pcard ocard"') == 12 and second.count('class="card pcard ocard"') == 3


def test_organisers_see_the_marketplace_and_contacts(client, login, make_user, german, db):
    make_user()
    db.session.commit()
    login()
    assert "Erzgebirge Metall" in client.get(f"/e/{german.event.slug}/marketplace").get_data(as_text=True)
    assert german.email in client.get(f"/e/{german.event.slug}/participants/{german.id}").get_data(as_text=True)


def test_participant_of_another_event_is_not_found(client, signin, czech, make_event, make_participant, db):
    other = make_participant(make_event(slug="other-event"))
    db.session.commit()
    signin(czech)
    assert client.get(f"/e/{czech.event.slug}/participants/{other.id}").status_code == 404
