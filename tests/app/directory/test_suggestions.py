"""Suggested partners on hand-made cases: expected order, reasons in words, met and dismissed left out."""
import pytest

from app.directory.suggestions import for_directory, reason_text
from app.meetings.models import Meeting, NotInterested
from app.participants.models import Opportunity, OpportunityKind


@pytest.fixture
def cases(db, make_event, make_organisation, make_participant):
    event = make_event()

    def org(name, country, region, sectors, languages, *opps):
        o = make_organisation(name=name, country=country, region=region, nace_sectors=sectors, listed=True)
        p = make_participant(event, organisation=o, email=f"{name.split()[0].lower()}@example.org",
                             languages=languages)
        for kind, title, secs, targets in opps:
            o.opportunities.append(Opportunity(kind=kind, title_en=title, sectors=secs, target_countries=targets))
        return o, p

    me, my_person = org("Jizera CNC s.r.o.", "CZ", "Ústecký kraj", ["C25"], ["cs", "de"],
                        (OpportunityKind.BUSINESS_OFFER, "CNC machining", ["C25"], ["DE"]))
    a, _ = org("Annaberg Maschinen GmbH", "DE", "Erzgebirgskreis", ["C28"], ["de"],
               (OpportunityKind.BUSINESS_REQUEST, "Supplier of machined parts", ["C25.62"], []))
    b, _ = org("Bautzen Anlagen GmbH", "DE", "Landkreis Bautzen", ["C28"], ["de"])
    c, _ = org("Cheb Kovo s.r.o.", "CZ", "Karlovarský kraj", ["C25"], ["cs"],
               (OpportunityKind.BUSINESS_REQUEST, "Machined parts wanted", ["C25"], []))
    org("Dresden Software GmbH", "DE", "Dresden", ["J62"], ["de"])
    e, e_person = org("Erz Metall GmbH", "DE", "Erzgebirgskreis", ["C25"], ["de"],
                      (OpportunityKind.BUSINESS_REQUEST, "Machined parts", ["C25"], []))
    f, f_person = org("Freiberg Metall GmbH", "DE", "Landkreis Mittelsachsen", ["C25"], ["de"])
    db.session.flush()
    db.session.add(Meeting(event_id=event.id, participant_a_id=e_person.id, participant_b_id=my_person.id))
    db.session.add(NotInterested(participant_id=my_person.id, other_id=f_person.id))
    db.session.commit()
    return {"me": me, "a": a, "b": b, "c": c}


def test_order_cross_border_first_then_score_and_met_or_dismissed_left_out(cases, app):
    found = for_directory(cases["me"])
    assert [s.organisation.name for s in found] == ["Annaberg Maschinen GmbH", "Bautzen Anlagen GmbH",
                                                    "Cheb Kovo s.r.o."]
    # A: they request what I offer (5), same division C25 via their request (3), my offer aims at DE (1), German (1)
    # B: related sector C (1), my offer aims at DE (1), German (1) — still before C, which is not cross-border
    assert [s.score for s in found] == [5 + 3 + 1 + 1, 1 + 1 + 1, 5 + 3 + 1]


def test_reasons_are_words(cases, app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        found = {s.organisation.name: [reason_text(r) for r in s.reasons] for s in for_directory(cases["me"])}
    assert found["Annaberg Maschinen GmbH"] == [
        "they request what you offer: Supplier of machined parts",
        "same sector Manufacture of fabricated metal products, except machinery and equipment (C25), "
        "Ústí nad Labem Region ↔ Erzgebirge district",
        "your offer is aimed at Germany",
        "you both speak German",
    ]
    assert found["Bautzen Anlagen GmbH"][0] == "related sector: Manufacturing (C)"
    assert found["Cheb Kovo s.r.o."][1].endswith("Ústí nad Labem Region ↔ Karlovy Vary Region")


def test_marketplace_suggests_and_one_click_sends_a_meeting_request(client, signin, cases, db):
    from sqlalchemy import select

    from app.meetings.models import MeetingRequest

    me = cases["me"].participants[0]
    me.locale = "en"
    db.session.commit()
    signin(me)
    html = client.get(f"/e/{me.event.slug}/marketplace").get_data(as_text=True)
    assert "Suggested partners" in html and "they request what you offer: Supplier of machined parts" in html
    assert html.index("Annaberg Maschinen") < html.index("Bautzen Anlagen") < html.index("Cheb Kovo")
    target = cases["a"].participants[0]
    resp = client.post(f"/e/{me.event.slug}/participants/{target.id}/request", data={"priority": "normal"})
    assert resp.status_code == 302
    assert db.session.scalar(select(MeetingRequest).where(MeetingRequest.requester_id == me.id)).target_id == target.id
    html = client.get(f"/e/{me.event.slug}/marketplace").get_data(as_text=True)
    suggested = html.split("Suggested partners")[1].split("</section>")[0]
    assert "Annaberg Maschinen" not in suggested  # asked already


def test_directory_page_shows_suggestions_to_members_only(client, signin, cases, db):
    from app.directory.members import add_member

    me = cases["me"]
    add_member(me, me.participants[0].email)
    db.session.commit()
    assert "Suggested partners" not in client.get(f"/directory/{me.id}").get_data(as_text=True)
    signin(me.participants[0])
    assert "Suggested partners" in client.get(f"/directory/{me.id}").get_data(as_text=True)
