"""0014 links every participation to one person per normalised e-mail address, on the demo as it was at 0001
and on a database holding the current demo; no row is lost."""
import json

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app import create_app
from app.extensions import db
from tests.app.test_migrations import FIXTURE, _drop_scratch, _scratch_url, demo_at_0001


def _people_and_links(conn):
    people = {row.id: row for row in conn.execute(text("SELECT id, email, locale FROM people")).all()}
    links = conn.execute(text("SELECT id, email, person_id, anonymised_at FROM participants ORDER BY id")).all()
    return people, links


def _assert_linked_by_address(people, links):
    emails = {(p.email or "").strip().lower() for p in links if p.anonymised_at is None}
    assert sorted(p.email for p in people.values()) == sorted(emails)  # one person per address
    for p in links:
        if p.anonymised_at is None:
            assert people[p.person_id].email == p.email.strip().lower(), p.id
        else:
            assert p.person_id is None


def test_0014_links_the_demo_at_0001_without_losing_a_row(database_url, tmp_path, monkeypatch):
    snapshot = json.loads(FIXTURE.read_text())
    # the same person registered twice, once with capitals and a space; a deleted (anonymised) participant
    first, second, third = snapshot["participants"][:3]
    second["email"] = " " + first["email"].upper()
    third["anonymised_at"], third["email"] = third["created_at"], f"deleted-{third['id']}-ab12@invalid"
    with demo_at_0001(database_url, tmp_path, monkeypatch, snapshot):
        upgrade(revision="0014")
        with db.engine.connect() as conn:
            for name, rows in snapshot.items():
                assert conn.execute(text(f"SELECT count(*) FROM {name}")).scalar() == len(rows), name
            people, links = _people_and_links(conn)
            kept = conn.execute(text("SELECT id, email, first_name FROM participants ORDER BY id")).all()
        downgrade(revision="0004")
        with db.engine.connect() as conn:
            back = conn.execute(text("SELECT count(*) FROM participants")).scalar()
    _assert_linked_by_address(people, links)
    by_id = {p.id: p for p in links}
    assert by_id[first["id"]].person_id == by_id[second["id"]].person_id
    assert [(r.id, r.email, r.first_name) for r in kept] == [
        (p["id"], p["email"], p["first_name"]) for p in sorted(snapshot["participants"], key=lambda p: p["id"])]
    assert back == len(snapshot["participants"])


def test_0014_on_a_database_holding_the_current_demo(database_url, tmp_path, monkeypatch):
    """The current demo is seeded at head, taken back to 0004 (no people) and upgraded again."""
    from app.demo import seed_demo_series

    url, cleanup = _scratch_url(database_url, tmp_path)
    monkeypatch.setenv("COOPEX_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "t", "TESTING": True})
    try:
        with app.app_context():
            upgrade()
            seed_demo_series(db.session)
            db.session.commit()
            tables = [t for t in db.metadata.sorted_tables if t.name not in ("people", "alembic_version")]
            with db.engine.connect() as conn:
                counts = {t.name: conn.execute(text(f"SELECT count(*) FROM {t.name}")).scalar() for t in tables}
                seeded, _links = _people_and_links(conn)
            db.session.remove()
            downgrade(revision="0004")
            upgrade()
            with db.engine.connect() as conn:
                after = {t.name: conn.execute(text(f"SELECT count(*) FROM {t.name}")).scalar() for t in tables}
                people, links = _people_and_links(conn)
            db.session.remove()
            db.engine.dispose()
    finally:
        _drop_scratch(cleanup)
    # the way back and up again passes 0015, which merges identical copies of an organisation's offers
    # (tests/app/test_migration_0015.py): every other table keeps its rows
    assert after.pop("opportunities") <= counts.pop("opportunities")
    assert after == counts and counts["participants"] > 0
    _assert_linked_by_address(people, links)
    assert len(people) == len(seeded) and len(people) < counts["participants"]  # people of several events
