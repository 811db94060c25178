"""flask directory import: exact columns, all or nothing with row and column, merged rows, idempotent, XLSX too."""
import csv
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.directory.importer import COLUMNS
from app.participants.models import Organisation

GOOD = [
    {"name": "Strojírny Jizera s.r.o.", "registration_id": "CZ 270 01 112", "kind": "company", "country": "CZ",
     "region": "CZ051", "city": "Liberec", "website": "https://jizera.example.cz", "nace": "C25;C28.41",
     "description_cs": "Obrábění", "description_de": "", "description_en": "", "listed": "ano"},
    {"name": "Strojírny Jizera", "registration_id": "27001112", "kind": "company", "country": "CZ", "region": "",
     "city": "", "website": "", "nace": "C33", "description_cs": "", "description_de": "Zerspanung",
     "description_en": "", "listed": "1"},
    {"name": "MAS Český sever", "registration_id": "", "kind": "lag", "country": "CZ", "region": "CZ042",
     "city": "Děčín", "website": "", "nace": "O84", "description_cs": "", "description_de": "", "description_en": "",
     "listed": "yes"},
    {"name": "IHK Chemnitz", "registration_id": "DE 318 000 001", "kind": "chamber", "country": "de",
     "region": "DED41", "city": "Chemnitz", "website": "", "nace": "", "description_cs": "", "description_de": "",
     "description_en": "", "listed": "nein"},
]


def write_csv(tmp_path, rows, name="export.csv", delimiter=","):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def count(db):
    return db.session.scalar(select(func.count()).select_from(Organisation))


def test_import_merges_rows_of_one_organisation_and_is_idempotent(runner, db, tmp_path):
    path = write_csv(tmp_path, GOOD, delimiter=";")
    result = runner.invoke(args=["directory", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "3 created, 0 updated, 0 unchanged." in result.output
    jizera = db.session.scalar(select(Organisation).where(Organisation.registration_id == "27001112"))
    assert jizera.nace_sectors == ["C25", "C28.41", "C33"] and jizera.description_de == "Zerspanung"
    assert jizera.listed and jizera.region_code == "CZ051" and jizera.name == "Strojírny Jizera s.r.o."
    ihk = db.session.scalar(select(Organisation).where(Organisation.registration_id == "DE318000001"))
    assert ihk.country == "DE" and not ihk.listed and ihk.kind.value == "chamber"
    again = runner.invoke(args=["directory", "import", str(path)])
    assert again.exit_code == 0 and "0 created, 0 updated, 3 unchanged." in again.output and count(db) == 3


@pytest.mark.parametrize("change,row,column", [
    ({"kind": "firm"}, 3, "kind"),
    ({"country": "XX"}, 3, "country"),
    ({"region": "DED99"}, 3, "region"),
    ({"region": "DED41"}, 3, "region"),  # a Saxon region for a Czech firm
    ({"nace": "C25;C99"}, 3, "nace"),
    ({"name": ""}, 3, "name"),
    ({"listed": "maybe"}, 3, "listed"),
])
def test_any_bad_cell_stops_the_whole_import_with_row_and_column(runner, db, tmp_path, change, row, column):
    rows = [dict(GOOD[0]), {**GOOD[1], **change}, dict(GOOD[2])]
    result = runner.invoke(args=["directory", "import", str(write_csv(tmp_path, rows))])
    assert result.exit_code == 2
    assert f"row {row}, column {column}:" in result.output and "Nothing was imported." in result.output
    assert count(db) == 0


def test_a_missing_column_is_named(runner, db, tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("name,kind,country\nX,company,CZ\n", encoding="utf-8")
    result = runner.invoke(args=["directory", "import", str(path)])
    assert result.exit_code == 2 and "row 1, column registration_id:" in result.output and count(db) == 0


def test_xlsx_is_read_too(runner, db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(list(COLUMNS))
    for r in GOOD:
        ws.append([r[c] for c in COLUMNS])
    path = tmp_path / "export.xlsx"
    wb.save(path)
    result = runner.invoke(args=["directory", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert count(db) == 3


def test_other_files_are_refused_with_exit_code_2(runner, db, tmp_path):
    path = tmp_path / "export.pdf"
    path.write_bytes(b"%PDF")
    assert runner.invoke(args=["directory", "import", str(path)]).exit_code == 2


def test_organiser_previews_then_imports(client, login, make_user, db, tmp_path):
    make_user()
    login()
    bad = write_csv(tmp_path, [GOOD[0], {**GOOD[1], "nace": "X1"}], name="bad.csv")
    html = client.post("/directory/organiser/import", data={"file": (bad.open("rb"), "bad.csv")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Not a NACE code: X1" in html and "<td>3</td><td>nace</td>" in html and count(db) == 0
    good = write_csv(tmp_path, GOOD, name="good.csv")
    html = client.post("/directory/organiser/import", data={"file": (good.open("rb"), "good.csv")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Preview of 3 organisations" in html and "Liberec Region" in html and count(db) == 0
    import re
    from html import unescape

    rows = unescape(re.search(r'name="rows" type="hidden" value="([^"]*)"', html).group(1))
    resp = client.post("/directory/organiser/import", data={"rows": rows})
    assert resp.status_code == 302 and count(db) == 3
