"""The organiser's outcomes dashboard shows the same figures as the export, with SVG charts; others are kept out."""
import re

from flask import g
from flask_babel import refresh

from app.outcomes.models import Series
from tests.app.outcomes.test_chain import _play


def test_dashboard_shows_kpis_and_charts_to_organisers_only(db, small_event, client, make_user, login, signin):
    event, people, meetings = small_event
    _play(db, people, meetings)
    series = Series(name="Glokalizace")
    db.session.add(series)
    event.series = series
    make_user().locale = "de"
    db.session.commit()
    assert client.get(f"/organiser/outcomes/events/{event.id}").status_code in (302, 401)
    login()
    g.pop("_login_user", None)  # the tests' app context (and so g, with the cached user and locale)
    refresh()                   # outlives each request
    page = client.get(f"/organiser/outcomes/events/{event.id}", headers={"Accept-Language": "de"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    big = re.findall(r"<p class=\"big\">([^<]+)</p>", html)
    assert big == ["3", "67\xa0%", "3", "1"]          # held, cross-border share, RCO87, RCR84 (de format)
    assert html.count("<svg") == 7 and "Von der Registrierung zu geführten Gesprächen" in html
    assert "Jana Nováková" in html or "Nováková" in html     # the conflict cz1 / pl is listed
    series_page = client.get(f"/organiser/outcomes/series/{series.id}").get_data(as_text=True)
    assert re.findall(r'<p class="big">([^<]+)</p>', series_page)[0] == "3"
