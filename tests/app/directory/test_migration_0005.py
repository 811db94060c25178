"""0005 on a database holding the demo as it was at 0001: every row kept, directory data derived from it."""
import json

from flask_migrate import upgrade
from sqlalchemy import text

from app.directory.identity import registration_key
from app.extensions import db
from tests.app.test_migrations import FIXTURE, demo_at_0001


def test_0005_derives_regions_members_sectors_and_keeps_every_row(database_url, tmp_path, monkeypatch):
    snapshot = json.loads(FIXTURE.read_text())
    with demo_at_0001(database_url, tmp_path, monkeypatch, snapshot):
        upgrade(revision="0005")
        with db.engine.connect() as conn:
            orgs = conn.execute(text("SELECT id, region, region_code, registration_id, listed, search_text "
                                     "FROM organisations")).mappings().all()
            members = conn.execute(text("SELECT organisation_id, email FROM organisation_members")).all()
            sectors = conn.execute(text("SELECT organisation_id, division FROM organisation_sectors")).all()
            for name, rows in snapshot.items():
                assert conn.execute(text(f"SELECT count(*) FROM {name}")).scalar() == len(rows), name
    before = {o["id"]: o for o in snapshot["organisations"]}
    assert len(orgs) == len(before)
    by_region = {o["region"]: o["region_code"] for o in orgs}
    assert by_region["Liberecký kraj"] == "CZ051" and by_region["Erzgebirgskreis"] == "DED42"
    assert by_region["Landkreis Görlitz"] == "DED2D" and by_region["Dresden"] == "DED21"
    assert all(o["region_code"] == "" for o in orgs if o["region"].startswith("Województwo"))
    assert not any(o["listed"] for o in orgs)  # nobody agreed to a public listing yet
    assert all(o["registration_id"] == registration_key(before[o["id"]]["registration_id"]) for o in orgs)
    people = {(p["organisation_id"], p["email"].lower()) for p in snapshot["participants"]
              if p["organisation_id"] and not p["anonymised_at"]}
    assert set(members) == people
    expected = {(o["id"], c.split(".")[0]) for o in snapshot["organisations"] for c in o["nace_sectors"]}
    assert set(sectors) == expected
    jizera = next(o for o in orgs if before[o["id"]]["name"].startswith("Strojírny Jizera"))
    assert "maschinenbau" in jizera["search_text"] and "liberec" in jizera["search_text"]
