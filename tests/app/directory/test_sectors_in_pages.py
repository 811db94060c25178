"""Sectors appear as translated NACE names in the marketplace and the profile form, and are searchable by name."""
import pytest


def test_german_reader_sees_german_sector_names_on_cards_and_in_the_filter(client, signin, german, czech):
    signin(german)  # German is Anke's saved language
    html = client.get(f"/e/{german.event.slug}/marketplace").get_data(as_text=True)
    assert "Maschinenbau (C28)" in html  # the Czech firm's card and the sector filter
    assert '<option value="C28">Maschinenbau (C28)</option>' in html
    assert ">C28<" not in html


def test_czech_reader_sees_czech_names_on_a_participant_page(client, signin, german, czech):
    signin(czech)
    html = client.get(f"/e/{czech.event.slug}/participants/{german.id}").get_data(as_text=True)
    assert "Výroba kovových konstrukcí a kovodělných výrobků, kromě strojů a zařízení (C25)" in html


@pytest.mark.parametrize("q", ["Maschinenbau", "vyroba stroju", "MACHINERY"])
def test_marketplace_search_finds_a_firm_by_its_sector_in_any_language(client, signin, german, czech, q):
    signin(german)
    html = client.get(f"/e/{german.event.slug}/marketplace", query_string={"q": q}).get_data(as_text=True)
    assert "Strojírny Jizera" in html


@pytest.mark.usefixtures("english")
def test_profile_form_normalises_codes_and_offers_the_picker(client, signin, german, db):
    from tests.app.participants.test_profile import profile_data

    signin(german)
    page = client.get(f"/e/{german.event.slug}/me").get_data(as_text=True)
    assert 'class="sector-picker"' in page and "Manufacture of machinery and equipment n.e.c. (C28)" in page
    assert "maschinenbau" in page and "vyroba stroju" in page  # the picker searches all three languages
    resp = client.post(f"/e/{german.event.slug}/me", data=profile_data(german, org_sectors="25.62; c28"))
    assert resp.status_code == 302
    db.session.expire_all()
    assert german.organisation.nace_sectors == ["C25.62", "C28"]
    bad = client.post(f"/e/{german.event.slug}/me", data=profile_data(german, org_sectors="C25, C99"))
    assert bad.status_code == 200 and "Not a NACE code: C99" in bad.get_data(as_text=True)
    db.session.expire_all()
    assert german.organisation.nace_sectors == ["C25.62", "C28"]
