"""A German firm finds a Czech supplier in the directory by a German word for the sector, and picks sectors by
German words when it registers."""
import pytest

pytestmark = pytest.mark.e2e


def test_german_firm_finds_czech_supplier_by_german_sector_word(live_server, demo, new_page):
    page = new_page(locale="de-DE")
    page.goto(f"{live_server}/directory/")
    assert page.locator("h1").inner_text() == "Verzeichnis der Organisationen"
    page.get_by_label("Suchen", exact=True).fill("Maschinenbau")
    page.get_by_label("Land", exact=True).select_option("CZ")
    page.get_by_role("button", name="Suchen").click()
    cards = page.locator("li.card h2 a")
    names = cards.all_inner_texts()
    assert "Strojírny Jizera s.r.o." in names
    assert all("GmbH" not in n for n in names)  # only Czech firms after the country filter
    page.get_by_role("link", name="Strojírny Jizera s.r.o.").click()
    body = page.locator("main, body").first.inner_text()
    assert "Maschinenbau (C28)" in body and "Region Liberec" in body
    assert "@" not in body  # no e-mail address of its people on the public page


def test_sector_picker_adds_a_code_found_by_a_german_word(live_server, demo, new_page):
    page = new_page(locale="de-DE")
    page.goto(f"{live_server}/e/marienberg-2027/register")
    page.get_by_label("Branche nach Namen suchen").fill("metallerzeugnisse")
    page.get_by_role("button", name="Herstellung von Metallerzeugnissen (C25)").click()
    assert page.locator("#org_sectors").input_value() == "C25"
    assert "Herstellung von Metallerzeugnissen (C25)" in page.locator("#org_sectors-chosen").inner_text()
