"""Event branding: logo uploads checked by their bytes, served only from the event's own logo list, and the
EU funding statement in the reader's language on the event pages and in e-mails."""
import io
import struct
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from app.events import branding
from app.events.models import EventLogo
from app.mail import send_email
from tests.app.agendas.test_branding_pdf import PROGRAMME, png

STATEMENTS = {"cs": "Spolufinancováno Evropskou unií", "de": "Kofinanziert von der Europäischen Union",
              "en": "Co-funded by the European Union"}


def jpeg_header(width, height):
    """SOI, a JFIF APP0 segment and a baseline SOF0 segment: what the sniffer reads of a JPEG."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def _upload(client, event, data, name="logo.png", kind="organiser", label="Saxony Trade & Invest"):
    return client.post(f"/organiser/events/{event.id}/setup/logos", follow_redirects=True,
                       data={"kind": kind, "label": label, "image": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_sniffer_reads_png_and_jpeg_sizes():
    assert branding.sniff_image(png(40, 20)) == branding.ImageInfo("image/png", ".png", 40, 20)
    assert branding.sniff_image(jpeg_header(300, 120)) == branding.ImageInfo("image/jpeg", ".jpg", 300, 120)


def test_a_png_logo_is_stored_under_a_generated_name_and_served_with_its_type(small_event, login_as, db, app):
    event, _people = small_event
    db.session.commit()
    client = login_as("organiser")
    html = _upload(client, event, png(), name="../../evil.png").get_data(as_text=True)
    assert "The logo was added." in html
    logo = db.session.scalars(db.select(EventLogo)).one()
    assert logo.file_name != "evil.png" and "/" not in logo.file_name and logo.file_name.endswith(".png")
    assert (logo.width, logo.height) == (40, 20)
    assert (Path(app.instance_path) / "logos" / logo.file_name).read_bytes() == png()
    response = client.get(f"/e/{event.slug}/logos/{logo.file_name}")
    assert response.status_code == 200 and response.mimetype == "image/png" and response.data == png()
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    page = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert f'/e/{event.slug}/logos/{logo.file_name}' in page and 'alt="Saxony Trade &amp; Invest"' in page
    client.post(f"/organiser/events/{event.id}/setup/logos/{logo.id}/delete")
    assert db.session.scalar(db.select(db.func.count(EventLogo.id))) == 0
    assert not (Path(app.instance_path) / "logos" / logo.file_name).exists()


@pytest.mark.parametrize("data,name,message", [
    (b"%PDF-1.7 not an image", "logo.png", "must be a PNG or JPEG"),  # wrong type renamed .png
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "logo.svg", "must be a PNG or JPEG"),
    (b"GIF89a\x01\x00\x01\x00", "logo.gif", "must be a PNG or JPEG"),
    (png()[:-12] + b"\x00" * (1024 * 1024), "big.png", "larger than 1 MB"),
    (png(5000, 10), "wide.png", "at most 4000 pixels"),
])
def test_bad_logos_are_refused_and_nothing_is_stored(small_event, login_as, db, app, data, name, message):
    event, _people = small_event
    db.session.commit()
    html = _upload(login_as("organiser"), event, data, name=name).get_data(as_text=True)
    assert message in html
    assert db.session.scalar(db.select(db.func.count(EventLogo.id))) == 0
    assert not list((Path(app.instance_path) / "logos").glob("*"))


def test_only_recorded_logos_of_the_same_event_are_served(small_event, make_event, db, client, app):
    event, _people = small_event
    other = make_event(slug="other-event")
    logo = branding.add_logo(other, "partner", "IHK Chemnitz", png())
    db.session.commit()
    (Path(app.instance_path) / "logos" / "stray.png").write_bytes(png())
    assert client.get(f"/e/other-event/logos/{logo.file_name}").status_code == 200
    assert client.get(f"/e/{event.slug}/logos/{logo.file_name}").status_code == 404  # another event's logo
    assert client.get(f"/e/{event.slug}/logos/stray.png").status_code == 404  # a file nobody uploaded
    assert client.get(f"/e/{event.slug}/logos/..%2F..%2Fcoopex.sqlite3").status_code == 404


def test_logo_upload_is_for_organisers_only(small_event, db, client):
    event, _people = small_event
    db.session.commit()
    response = _upload(client, event, png())
    assert db.session.scalar(db.select(db.func.count(EventLogo.id))) == 0
    assert "The logo was added." not in response.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["cs", "de", "en"])
def test_event_page_shows_the_statement_in_the_readers_language(small_event, db, client, lang):
    event, _people = small_event
    event.funding_statement, event.programme_name = True, PROGRAMME
    db.session.commit()
    client.post(f"/language/{lang}", data={"next": f"/e/{event.slug}/"})
    html = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert STATEMENTS[lang] in html and PROGRAMME in html and 'class="eu-emblem"' in html
    others = [text for code, text in STATEMENTS.items() if code != lang]
    assert not any(text in html for text in others)


def test_event_page_without_a_statement(small_event, db, client):
    event, _people = small_event
    db.session.commit()
    html = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert "eu-emblem" not in html and "European Union" not in html


@pytest.mark.parametrize("lang", ["cs", "de", "en"])
def test_emails_carry_the_statement_in_both_parts(make_event, db, app, lang):
    event = make_event(funding_statement=True, programme_name=PROGRAMME)
    send_email("jana@example.cz", "Program", "Dobrý den,\nváš program je v příloze.", locale=lang, event=event)
    outbox = sorted((Path(app.instance_path) / "outbox").glob("*.eml"))
    msg = message_from_bytes(outbox[-1].read_bytes(), policy=policy.default)
    text = msg.get_body(("plain",)).get_content()
    assert text.startswith("Dobrý den,") and text.rstrip().endswith(f"{STATEMENTS[lang]}\n{PROGRAMME}")
    html = msg.get_body(("html",)).get_content()
    assert STATEMENTS[lang] in html and PROGRAMME in html and "<svg" in html
    assert html.count(STATEMENTS[lang]) == 1  # drawn once with the emblem, not repeated as a paragraph


def test_setup_form_saves_statement_and_programme(small_event, login_as, db):
    event, _people = small_event
    db.session.commit()
    client = login_as("organiser")
    form = client.get(f"/organiser/events/{event.id}/setup").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form
    data = {"name_cs": "Burza", "name_de": "Börse", "name_en": "Exchange", "timezone": "Europe/Berlin",
            "default_locale": "de", "status": "open", "request_mode": "approval", "max_meetings_default": 6,
            "max_open_requests": 20, "funding_statement": "y", "programme_name": PROGRAMME}
    assert client.post(f"/organiser/events/{event.id}/setup", data=data).status_code == 302
    db.session.refresh(event)
    assert event.funding_statement is True and event.programme_name == PROGRAMME
