"""Name badges: the text in the event's language, no word printed over another with long names, and a QR code
that, read back from the printed page, is exactly the participant's check-in code."""
import io
import subprocess

import pytest
from pypdf import PdfReader

from app.desk import badges, checkin
from tests.app.agendas.conftest import pdf_text
from tests.app.agendas.pdf_boxes import overlaps, words

LONG_FIRST, LONG_LAST = "Maximiliane-Friederike", "Schwarzenberg-Hohenstein-Ernstthal"
LONG_ORG = "Sächsische Schweiz-Osterzgebirge Präzisionsmaschinenbau GmbH & Co. KG Niederlassung Pirna"


def _flat(data):
    return " ".join(pdf_text(data).replace("\u2010\n", "").replace("-\n", "-").split())


def test_the_sheet_prints_everybody_in_the_events_language_four_to_a_page(day_event):
    event, people, _ = day_event   # default_locale "de"
    data = badges.sheet_pdf(event)
    text = _flat(data)
    for person in people.values():
        assert person.full_name in text and checkin.checkin_code(person) in text
    assert "Kooperationsbörse" in text and "10. März 2027" in text and "Marienberg" in text
    assert "Check-in-Code" in text                     # the badge's own words in German
    squeezed = text.replace(" ", "")                 # pypdf splits "T schechien" at the kerning
    assert "Tschechien" in squeezed and "Polen" in squeezed and "Frankreich" in squeezed  # CLDR beyond our five
    assert person.email not in text
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2                      # 5 badges, 4 per A4
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 210


@pytest.mark.parametrize("lang,words_", [("cs", ["Kooperační burza", "Kód pro registraci", "Česko"]),
                                          ("en", ["Cooperation exchange", "Check-in code", "Czechia"])])


def test_the_badge_follows_the_events_language(day_event, db, lang, words_):
    event, people, _ = day_event
    event.default_locale = lang
    text = _flat(badges.single_pdf(event, people["dvorak"]))
    for word in words_:
        assert word.replace(" ", "") in text.replace(" ", "")


def test_long_names_wrap_without_a_word_over_another(day_event, db, make_participant, make_organisation):
    event, people, _ = day_event
    org = make_organisation(name=LONG_ORG, country="DE")
    long = make_participant(event, organisation=org, first_name=LONG_FIRST, last_name=LONG_LAST,
                            role="exhibitor")
    event.funding_statement, event.programme_name = True, "Interreg Česko – Sasko 2021–2027"
    db.session.commit()
    for data in (badges.single_pdf(event, long), badges.sheet_pdf(event)):
        found = overlaps(words(data))
        assert not found, [(a.text, b.text) for a, b in found[:5]]
        text = _flat(data)
        assert "Präzisionsmaschinenbau" in text.replace("‐ ", "").replace("- ", "")
        assert "Aussteller" in text and "Kofinanziert von der Europäischen Union" in text


def _printed_qr(data, tmp_path):
    """The module matrix of the QR code printed in the lower right corner of a single badge (254 dpi)."""
    from PIL import Image

    (tmp_path / "badge.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "254", "-png", "-singlefile", str(tmp_path / "badge.pdf"),
                    str(tmp_path / "badge")], check=True)
    image = Image.open(tmp_path / "badge.png").convert("L")
    corner = image.crop((600, 1050, image.width, image.height))   # x ≥ 60 mm, y ≥ 105 mm
    dark = [(x, y) for y in range(corner.height) for x in range(corner.width) if corner.getpixel((x, y)) < 128]
    x0, y0 = min(x for x, _ in dark), min(y for _, y in dark)
    x1, y1 = max(x for x, _ in dark) + 1, max(y for _, y in dark) + 1
    size = (x1 - x0) / 21                                           # version 1: 21 × 21 modules
    assert abs((y1 - y0) - (x1 - x0)) < size / 2
    return [[corner.getpixel((int(x0 + (c + .5) * size), int(y0 + (r + .5) * size))) < 128 for c in range(21)]
            for r in range(21)]


def test_the_printed_qr_code_is_the_participants_check_in_code(day_event, tmp_path):
    import segno

    event, people, _ = day_event
    person = people["muller"]
    printed = _printed_qr(badges.single_pdf(event, person), tmp_path)
    code = checkin.checkin_code(person)
    # The printed modules are those of a standard (not Micro) QR code of the text `code`, in any mask and
    # error level a reader accepts: compare with each encoding segno can make of it.
    encodings = [[list(map(bool, row)) for row in segno.make(code, error=level, mask=mask, micro=False,
                                                              boost_error=False).matrix]
                 for level in "lmqh" for mask in range(8)]
    assert printed in encodings
    assert checkin.find_by_code(event, code).id == person.id
    other = checkin.checkin_code(people["nowak"])
    assert printed not in [[list(map(bool, r)) for r in segno.make(other, error=level, mask=m, micro=False,
                                                                    boost_error=False).matrix]
                           for level in "lmqh" for m in range(8)]


def test_badges_are_for_staff_of_the_event_only(day_event, db, client, make_user, make_event):
    event, people, _ = day_event
    other = make_event(slug="elsewhere-2027")
    make_user(email="desk-other@example.org", role="desk", events=[other])
    make_user(email="desk@example.org", role="desk", events=[event])
    db.session.commit()
    client.post("/account/login", data={"email": "desk-other@example.org", "password": "organiser-pass-1"})
    assert client.get(f"/desk/events/{event.id}/badges.pdf").status_code == 403
    assert client.get(f"/desk/events/{event.id}/badges/{people['dvorak'].id}.pdf").status_code == 403
    client.post("/account/logout")
    client.post("/account/login", data={"email": "desk@example.org", "password": "organiser-pass-1"})
    res = client.get(f"/desk/events/{event.id}/badges/{people['dvorak'].id}.pdf")
    assert res.status_code == 200 and res.mimetype == "application/pdf"
    assert res.headers["Cache-Control"] == "no-store"
    assert client.get(f"/desk/events/{other.id}/badges/{people['dvorak'].id}.pdf").status_code == 403


def test_the_sheet_is_prepared_by_the_worker_and_then_downloaded(day_event, db, client, make_user, app):
    from app.desk import badge_jobs
    from app.jobs import run_due

    event, people, _ = day_event
    make_user(email="desk@example.org", role="desk", events=[event])
    db.session.commit()
    client.post("/account/login", data={"email": "desk@example.org", "password": "organiser-pass-1"})
    url = f"/desk/events/{event.id}/badges"
    badge_jobs.sheet_path(event.id).unlink(missing_ok=True)
    res = client.get(url + ".pdf")
    assert res.status_code == 302 and res.headers["Location"].endswith(url)
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302          # a second click while it waits: still one job
    assert badge_jobs.pending(event.id)
    page = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'http-equiv="refresh"' in page
    assert run_due() == 1                               # the request rendered nothing; the worker does
    res = client.get(url + ".pdf")
    assert res.status_code == 200 and res.mimetype == "application/pdf"
    assert res.headers["Cache-Control"] == "no-store"
    text = _flat(res.get_data())
    res.close()
    assert all(checkin.checkin_code(p) in text for p in people.values())
    page = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Download the badges (PDF)" in page and 'http-equiv="refresh"' not in page
    badge_jobs.sheet_path(event.id).unlink()
