"""Serving on the internet: the secret key, proxy headers, HTTPS cookies, no-store and size limits."""
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app import ConfigError, create_app
from app.extensions import db as _db
from tests.conftest import DEFAULT_PASSWORD, process_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("key", ["dev-only-change-me", "change me: python -c '…'"])
def test_the_committed_secret_key_is_refused(key):
    with pytest.raises(ConfigError, match="SECRET_KEY is the committed default"):
        create_app({"SECRET_KEY": key, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_wsgi_refuses_the_default_secret_in_one_line(tmp_path):
    res = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=ROOT, capture_output=True, text=True,
                         env=process_env(tmp_path, secret=None))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert res.stderr.strip().count("\n") == 0 and "SECRET_KEY is the committed default" in res.stderr
    ok = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=ROOT, capture_output=True, text=True,
                        env=process_env(tmp_path, secret="a-real-random-secret"))
    assert ok.returncode == 0, ok.stderr


def test_proxy_headers_and_https_cookies(make_app):
    app = make_app(PROXY_FIX_HOPS=1, HTTPS=True)
    app.add_url_rule("/_whoami", "whoami", lambda: __import__("flask").request.remote_addr)
    res = app.test_client().get("/_whoami", headers={"X-Forwarded-For": "203.0.113.9",
                                                     "X-Forwarded-Proto": "https"})
    assert res.get_data(as_text=True) == "203.0.113.9"
    assert "max-age=31536000" in res.headers["Strict-Transport-Security"]
    assert app.config["SESSION_COOKIE_SECURE"] is True
    plain = make_app().test_client().get("/")
    assert "Strict-Transport-Security" not in plain.headers


def test_pages_of_signed_in_people_are_not_stored(db, client, make_user, login):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    make_user()
    db.session.commit()
    login()
    assert client.get("/").headers["Cache-Control"] == "no-store"
    static = client.get("/static/css/app.css")
    static.close()
    assert "no-store" not in static.headers.get("Cache-Control", "")


def test_request_size_limit_gives_a_translated_page(make_app):
    app = make_app(MAX_CONTENT_LENGTH=1024)
    res = app.test_client().post("/account/login", data={"email": "x" * 4000},
                                 headers={"Accept-Language": "de"})
    assert res.status_code == 413
    assert "Datei ist zu groß" in res.get_data(as_text=True)


def test_error_page_renders_after_a_database_error(db, make_app, make_user):
    """A failed statement aborts the PostgreSQL transaction; the error page must still render."""
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def broken():
        _db.session.execute(text("SELECT * FROM no_such_table"))

    app.add_url_rule("/_broken", "broken", broken)
    make_user()
    db.session.commit()
    client = app.test_client()
    client.post("/account/login", data={"email": "organiser@example.org", "password": DEFAULT_PASSWORD})
    res = client.get("/_broken")
    assert res.status_code == 500
    assert "Something went wrong" in res.get_data(as_text=True)
