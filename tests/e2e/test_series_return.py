"""A returning Czech firm registers for the next exchange of the series in one click, from its invitation."""
import re

import pytest

from app.jobs import run_due
from app.people.series import invite_series
from tests.app.participants.fixtures import smtp  # noqa: F401
from tests.app.people.conftest import series_events  # noqa: F401

pytestmark = pytest.mark.e2e


def test_returning_czech_firm_registers_for_the_next_event_in_one_click(live_server, series_events, smtp, db,  # noqa: F811
                                                                        new_page):
    past, next_event, jana = series_events
    invite_series(next_event)
    db.session.commit()
    run_due()
    [msg] = smtp.messages
    link = re.search(r"http://localhost(/e/marienberg/return/\S+)", smtp.text(msg)).group(1)
    page = new_page(locale="cs-CZ")
    page.goto(live_server + link)
    summary = page.locator("dl.facts").inner_text()
    assert "Jana Dvořáková" in summary and "Strojírny Jizera s.r.o., Liberec" in summary and "jednatelka" in summary
    page.get_by_role("button", name="Registrovat se s těmito údaji").click()  # the one click
    page.wait_for_url(f"{live_server}/e/marienberg/me")
    assert "s údaji ze své poslední registrace" in page.locator(".flash").first.inner_text()
    assert page.get_by_label("Jméno", exact=True).input_value() == "Jana"
    page.get_by_role("link", name="Moje akce").click()
    cards = page.locator("ul.my-events li.card h3").all_inner_texts()
    assert len(cards) == 2  # the new exchange (upcoming) and the one she took part in
    assert page.locator("ul.my-events").first.locator("a[href='/e/marienberg/']").count() == 1
