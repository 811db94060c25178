"""Dump the demo, as the checkout this runs in seeds it, row by row into a JSON fixture for migration tests.

    cd <checkout> && .venv/bin/python <this file> OUT.json

Seeds `seed_demo_series` into a fresh SQLite database migrated to that checkout's head, then writes
{table: [row, ...]} with datetimes as ISO text (the format of tests/fixtures/demo_at_0001.json). Used to make
tests/fixtures/demo_at_0004.json from main before revision 0015 ("a database holding the current demo").
"""
import json
import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, os.getcwd())


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def main(out):
    from flask_migrate import upgrade
    from sqlalchemy import MetaData

    from app import create_app
    from app.demo import seed_demo_series
    from app.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COOPEX_INSTANCE_PATH"] = tmp
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/demo.sqlite3", "SECRET_KEY": "fixture",
                          "TESTING": True})
        with app.app_context(), app.test_request_context():
            upgrade()
            seed_demo_series(db.session)
            db.session.commit()
            meta = MetaData()
            meta.reflect(db.engine)
            dump = {}
            with db.engine.connect() as conn:
                for table in meta.sorted_tables:
                    if table.name == "alembic_version":
                        continue
                    rows = conn.execute(table.select().order_by(*table.primary_key.columns)).mappings().all()
                    if rows:
                        dump[table.name] = [{k: _plain(v) for k, v in row.items()} for row in rows]
            db.engine.dispose()
    Path(out).write_text(json.dumps(dump, ensure_ascii=False, sort_keys=True, indent=0))


if __name__ == "__main__":
    main(sys.argv[1])
