"""Issue 17: a hostile participant import gives one clear message and writes nothing. Failed before: an empty
file and a file with a repeated column passed as "0 rows" or silently took the last column, a row with more
cells than the header was a 500, NUL and CR/LF in names reached the database."""
import io

import pytest

from app.events.models import Table
from app.participants.models import Participant

HEADER = "first_name;last_name;email;organisation;country;languages;locale;role\n"
ROW = "Eva;Malá;eva.mala@example.cz;Firma;CZ;cs;cs;participant\n"


def _upload(client, event, content, name="people.csv"):
    return client.post(f"/organiser/events/{event.id}/participants/import",
                       data={"file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def _count(db):
    return db.session.scalar(db.select(db.func.count(Participant.id)))


@pytest.mark.parametrize("content, message", [
    (b"", "The file is empty."),
    (HEADER.encode(), "no rows with participants"),
    ((HEADER.replace("locale", "email") + ROW).encode(), "The column email appears more than once"),
    ((HEADER + ROW.replace("\n", ";extra;cells\n")).encode(), "Import 1 participants"),
    ((HEADER + ROW.replace("Eva", "Eva\x00")).encode(), "first_name contains line breaks or control characters"),
    ((HEADER + ROW.replace("Eva", '"Eva\nBcc: x@y.cz"')).encode(), "first_name contains line breaks"),
    ((HEADER + ROW.replace("Eva", "E" * 300)).encode(), "first_name is longer than 100 characters"),
])
def test_hostile_csv_gives_a_clear_message(small_event, login_as, db, content, message):
    event, people = small_event
    db.session.commit()
    resp = _upload(login_as("organiser"), event, content)
    assert resp.status_code == 200 and message in resp.get_data(as_text=True)
    assert _count(db) == len(people)


def test_empty_and_repeated_columns_in_excel(small_event, login_as, db):
    from openpyxl import Workbook

    event, people = small_event
    db.session.commit()
    client = login_as("organiser")
    for rows, message in (([], "The file is empty."), ([["email", "EMAIL"], ["a@b.cz", "c@d.cz"]], "appears more")):
        wb = Workbook()
        for row in rows:
            wb.active.append(row)
        buf = io.BytesIO()
        wb.save(buf)
        wb.close()
        assert message in _upload(client, event, buf.getvalue(), "people.xlsx").get_data(as_text=True)
    assert _count(db) == len(people)


def test_an_empty_table_form_is_a_message_not_a_500(small_event, login_as, db):
    event, _people = small_event
    db.session.commit()
    client = login_as("organiser")
    table = db.session.scalars(db.select(Table)).first()
    label = table.label
    resp = client.post(f"/organiser/events/{event.id}/setup/tables/{table.id}", data={"host": "0"})
    assert resp.status_code == 302
    assert client.post(f"/organiser/events/{event.id}/setup/tables/{table.id}", data={}).status_code == 302
    tampered = {"name": "A", "host": "99999999999999999999"}
    assert client.post(f"/organiser/events/{event.id}/setup/tables/{table.id}", data=tampered).status_code == 302
    assert "The table was not saved" in client.get(f"/organiser/events/{event.id}/setup/tables").get_data(as_text=True)
    tables = len(event.tables)
    assert client.post(f"/organiser/events/{event.id}/setup/tables", data={}).status_code < 500
    db.session.expire_all()
    assert len(event.tables) == tables
    assert db.session.get(Table, table.id).label == label
