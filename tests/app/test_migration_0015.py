"""0015: offers and requests move from the participation to its organisation without losing a row
(SQLite and PostgreSQL), on the demo as 0001 seeded it and on the demo as main seeded it before 0015."""
import json
from pathlib import Path

from flask_migrate import upgrade
from markupsafe import escape
from sqlalchemy import inspect, text

from app import create_app
from app.extensions import db
from tests.app.test_migrations import _drop_scratch, _load_rows, _scratch_url, expected_count, offer_key
from tests.sessions import sign_in_session

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _prepare(database_url, tmp_path, monkeypatch, fixture, base, change=None):
    """A scratch database and an app on it, the fixture's rows (after `change`); _upgrade loads and migrates."""
    snapshot = json.loads((FIXTURES / fixture).read_text())
    if change:
        change(snapshot)
    url, cleanup = _scratch_url(database_url, tmp_path)
    monkeypatch.setenv("COOPEX_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "t", "TESTING": True})
    return app, snapshot, base, cleanup


def _upgrade(app, snapshot, base):
    upgrade(revision=base)
    with db.engine.begin() as conn:
        _load_rows(conn, snapshot)
    upgrade()


def _offers(conn):
    return {r.id: r for r in conn.execute(text(
        "SELECT id, organisation_id, author_id, title_cs, title_de, title_en FROM opportunities")).all()}


def _assert_every_offer_kept(conn, snapshot):
    """Each old row is either kept (its organisation = its participant's, author = that participant) or a truly
    identical copy of a kept row of the same organisation."""
    offers = _offers(conn)
    old = {row["id"]: row for row in snapshot["opportunities"]}
    org_of = {p["id"]: p["organisation_id"] for p in snapshot["participants"]}
    kept_keys = {}
    for oid, row in offers.items():
        assert oid in old, "0015 made up an offer"
        assert row.organisation_id == org_of[old[oid]["participant_id"]]
        assert row.author_id == old[oid]["participant_id"]
        kept_keys[offer_key(snapshot, old[oid])] = oid
    for oid, row in old.items():
        assert oid in offers or offer_key(snapshot, row) in kept_keys, f"offer {oid} lost"
    return offers


def test_the_demo_at_0001_keeps_every_offer(database_url, tmp_path, monkeypatch):
    app, snapshot, base, cleanup = _prepare(database_url, tmp_path, monkeypatch, "demo_at_0001.json", "0001")
    try:
        with app.app_context():
            _upgrade(app, snapshot, base)
            with db.engine.connect() as conn:
                offers = _assert_every_offer_kept(conn, snapshot)
            assert len(offers) == expected_count(snapshot, "opportunities") == len(snapshot["opportunities"]) - 4
            db.engine.dispose()
    finally:
        _drop_scratch(cleanup)


def _orphan(snapshot):
    """One participant with offers lost their organisation (the schema allows it): 0015 must keep their offers."""
    writer = snapshot["opportunities"][0]["participant_id"]
    person = next(p for p in snapshot["participants"] if p["id"] == writer)
    person["organisation_id"] = None
    snapshot["orphan"] = person


def test_the_current_demo_keeps_every_row_and_shows_the_offers(database_url, tmp_path, monkeypatch):
    app, snapshot, base, cleanup = _prepare(database_url, tmp_path, monkeypatch, "demo_at_0004.json", "0004",
                                             change=_orphan)
    orphan = snapshot.pop("orphan")
    try:
        with app.app_context():
            _upgrade(app, snapshot, base)
            with db.engine.connect() as conn:
                tables = set(inspect(conn).get_table_names())
                for name in snapshot:
                    assert name in tables
                    extra = 1 if name == "organisations" else 0  # the orphan's own organisation
                    assert conn.execute(text(f"SELECT count(*) FROM {name}")).scalar() == \
                        expected_count(snapshot, name) + extra, name
                new_org = conn.execute(text("SELECT organisation_id FROM participants WHERE id = :i"),
                                       {"i": orphan["id"]}).scalar()
                name = conn.execute(text("SELECT name FROM organisations WHERE id = :i"), {"i": new_org}).scalar()
                assert name == f"{orphan['first_name']} {orphan['last_name']}"
                orphan_offers = conn.execute(text("SELECT count(*) FROM opportunities WHERE organisation_id = :o"),
                                             {"o": new_org}).scalar()
                assert orphan_offers == sum(o["participant_id"] == orphan["id"] for o in snapshot["opportunities"])
                for p in snapshot["participants"]:  # the check below compares with the migrated organisation
                    if p["id"] == orphan["id"]:
                        p["organisation_id"] = new_org
                offers = _assert_every_offer_kept(conn, snapshot)
            _shown_in_marketplace_and_directory(app, snapshot, offers)
            _search_finds_migrated_and_changed_rows(app)
            db.session.remove()
            db.engine.dispose()
    finally:
        _drop_scratch(cleanup)


def _shown_in_marketplace_and_directory(app, snapshot, offers):
    from app.participants.models import Organisation, Participant

    event = next(e for e in snapshot["events"] if e["slug"] == "marienberg-2027")
    viewer = db.session.scalars(db.select(Participant).where(Participant.event_id == event["id"],
                                                             Participant.status == "approved")).first()
    client = app.test_client()
    with client.session_transaction() as sess:
        sign_in_session(sess, viewer)
    html = "".join(client.get(f"/e/{event['slug']}/marketplace?page={n}").get_data(as_text=True)
                   for n in range(1, 12))  # 12 people a page
    at_event = {p.organisation_id for p in db.session.scalars(db.select(Participant).where(
        Participant.event_id == event["id"], Participant.status == "approved"))} - {viewer.organisation_id}
    shown = [o for o in offers.values() if o.organisation_id in at_event]
    assert len(shown) > 50 and all(_shown(o, html) for o in shown)
    listed = set(db.session.scalars(db.select(Organisation.id).where(Organisation.listed.is_(True))))
    sample = next(o for o in sorted(shown) if o.organisation_id in listed)  # not the orphan's new, unlisted one
    assert _shown(sample, app.test_client().get(f"/directory/{sample.organisation_id}").get_data(as_text=True))


def _shown(offer, html):
    return any(str(escape(t)) in html for t in (offer.title_cs, offer.title_de, offer.title_en) if t)


def _search_finds_migrated_and_changed_rows(app):
    """0016: the directory search answers from its index (SQLite FTS5, PostgreSQL pg_trgm) for rows that were there
    before the upgrade and for rows changed afterwards by plain SQL (the triggers keep the FTS index in step)."""
    from app.directory import search

    empty = {k: "" for k in search.FILTERS}
    found, total = search.search({**empty, "q": "strojirny jizera"})
    assert total >= 1 and any(o.name.startswith("Strojírny Jizera") for o in found)
    org = found[0]
    db.session.execute(text("UPDATE organisations SET search_text = search_text || ' zzquokka' WHERE id = :i"),
                       {"i": org.id})
    db.session.commit()
    assert [o.id for o in search.search({**empty, "q": "zzquokka"})[0]] == [org.id]
