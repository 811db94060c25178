"""Participant admin: filters, approve/reject with e-mail in their language, edit, CSV/XLSX import."""
import io

from app.participants.models import Participant, ParticipantStatus
from app.planning.models import EmailRecord

CSV = ("first_name;last_name;email;organisation;country;languages;locale;role\n"
       "Jana;Dvořáková;jana@firma.cz;Firma s.r.o.;CZ;cs,de;cs;participant\n"
       "Uwe;Krause;uwe@beispiel.de;Beispiel GmbH;DE;de en;de;exhibitor\n")


def test_filters(small_event, login_as, db, make_participant, make_organisation):
    event, people = small_event
    make_participant(event, first_name="Zdeněk", organisation=make_organisation(name="Hledaná a.s.", country="CZ"),
                     status=ParticipantStatus.PENDING)
    db.session.commit()
    client = login_as("organiser")
    url = f"/organiser/events/{event.id}/participants/"
    assert "Zdeněk" in client.get(url, query_string={"q": "hledan"}).get_data(as_text=True)
    html = client.get(url, query_string={"status": "approved", "country": "DE"}).get_data(as_text=True)
    assert "Zdeněk" not in html and "3 participants shown" in html


def test_approve_and_reject_mail_in_their_language(small_event, login_as, db, make_participant):
    event, _people = small_event
    pending = make_participant(event, status=ParticipantStatus.PENDING, locale="de")
    db.session.commit()
    client = login_as("organiser")
    client.post(f"/organiser/events/{event.id}/participants/{pending.id}/approve")
    db.session.refresh(pending)
    assert pending.status == ParticipantStatus.APPROVED
    mail = db.session.scalars(db.select(EmailRecord).where(EmailRecord.participant_id == pending.id)).one()
    assert mail.locale == "de" and "Registrierung" in mail.subject
    client.post(f"/organiser/events/{event.id}/participants/{pending.id}/reject")
    db.session.refresh(pending)
    assert pending.status == ParticipantStatus.REJECTED


def test_edit_on_behalf(small_event, login_as, db):
    event, people = small_event
    db.session.commit()
    client = login_as("organiser")
    p = people[0]
    response = client.post(f"/organiser/events/{event.id}/participants/{p.id}/edit", data={
        "first_name": "Jana", "last_name": "Veselá", "email": p.email, "phone": "", "position": "CEO",
        "organisation_name": "Nová organizace", "country": "CZ", "languages": ["cs", "en"], "locale": "cs",
        "role": "participant", "max_meetings": 4})
    assert response.status_code == 302
    db.session.refresh(p)
    assert p.last_name == "Veselá" and p.max_meetings == 4 and p.organisation.name == "Nová organizace"


def test_import_preview_shows_errors_and_writes_nothing(small_event, login_as, db):
    event, people = small_event
    db.session.commit()
    client = login_as("organiser")
    bad = CSV + f"Eva;;{people[0].email};Firma;XX;cs,qq;cs;participant\n"
    response = client.post(f"/organiser/events/{event.id}/participants/import",
                           data={"file": (io.BytesIO(bad.encode()), "people.csv")}, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert "last_name is missing" in html and "already registered" in html and "Unknown country code XX" in html
    assert "Unknown language code qq" in html and "Import 3 participants" not in html
    assert db.session.scalar(db.select(db.func.count(Participant.id))) == len(people)


def test_import_xlsx_after_preview(small_event, login_as, db):
    from openpyxl import Workbook

    event, people = small_event
    db.session.commit()
    wb = Workbook()
    for line in CSV.strip().splitlines():
        wb.active.append(line.split(";"))
    buf = io.BytesIO()
    wb.save(buf)
    wb.close()
    client = login_as("organiser")
    url = f"/organiser/events/{event.id}/participants/import"
    html = client.post(url, data={"file": (io.BytesIO(buf.getvalue()), "people.xlsx")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Import 2 participants" in html
    import re

    rows = (re.search(r'name="rows" type="hidden" value="([^"]*)"', html)
            or re.search(r'type="hidden" name="rows" value="([^"]*)"', html)
            or re.search(r'id="rows" name="rows" type="hidden" value="([^"]*)"', html))
    import html as htmllib

    value = htmllib.unescape(rows.group(1))
    assert client.post(url, data={"rows": value}).status_code == 302
    uwe = db.session.scalars(db.select(Participant).where(Participant.email == "uwe@beispiel.de")).one()
    assert uwe.role.value == "exhibitor" and uwe.languages == ["de", "en"] and uwe.organisation.country == "DE"


def test_xlsx_zip_bomb_is_refused_before_unpacking(small_event, login_as, db):
    """A small upload whose sheet unpacks to 60 MB is refused with a message; nothing is imported."""
    import zipfile

    event, people = small_event
    db.session.commit()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (60 * 1024 * 1024))
    assert len(buf.getvalue()) < 1024 * 1024
    client = login_as("organiser")
    response = client.post(f"/organiser/events/{event.id}/participants/import",
                           data={"file": (io.BytesIO(buf.getvalue()), "people.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    assert "unpacks to more than 50 MB" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Participant.id))) == len(people)
