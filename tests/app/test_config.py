"""Layered configuration and one-line errors for bad set-ups."""
import subprocess
import sys
from pathlib import Path

import pytest

from app import ConfigError, create_app
from tests.conftest import process_env

ROOT = Path(__file__).resolve().parents[2]


def test_instance_config_then_environment_override(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("SOLVER_WORKERS = 7\nMAIL_FROM = 'from-instance@example.org'\n")
    monkeypatch.setenv("COOPEX_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("COOPEX_SOLVER_WORKERS", "3")
    monkeypatch.setenv("COOPEX_SECRET_KEY", "test-secret-not-the-default")
    monkeypatch.delenv("COOPEX_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SOLVER_WORKERS"] == 3  # environment beats instance/config.py
    assert app.config["MAIL_FROM"] == "from-instance@example.org"  # instance/config.py beats defaults
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")


def test_database_url_alias_and_postgres_scheme(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPEX_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("COOPEX_DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@localhost/x")
    monkeypatch.setenv("COOPEX_SECRET_KEY", "test-secret-not-the-default")
    assert create_app().config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@localhost/x"


def test_unknown_default_locale_is_a_config_error():
    with pytest.raises(ConfigError, match="Unknown locale 'fr'"):
        create_app({"BABEL_DEFAULT_LOCALE": "fr", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_unsupported_database_is_a_config_error():
    with pytest.raises(ConfigError, match="Unsupported database"):
        create_app({"SQLALCHEMY_DATABASE_URI": "mysql://x"})


def test_wsgi_reports_bad_locale_in_one_line(tmp_path):
    res = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=ROOT, capture_output=True, text=True,
                         env=process_env(tmp_path, COOPEX_BABEL_DEFAULT_LOCALE="xx"))
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0
    assert "Unknown locale 'xx'" in res.stderr and "Traceback" not in res.stderr


def test_unreachable_database_is_one_line(tmp_path):
    res = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "coopex", "init"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60,
                         env=process_env(tmp_path, COOPEX_DATABASE_URL="postgresql://nobody:pw@127.0.0.1:1/none"))
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    line = res.stderr.strip()
    assert line.startswith("coopex: error: cannot reach the database") and "\n" not in line
    assert "pw@" not in line  # the password is never printed


def test_security_headers(client):
    res = client.get("/")
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert res.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in res.headers["Content-Security-Policy"]


def test_healthz(client):
    assert client.get("/healthz").json == {"status": "ok"}


def test_broken_instance_config_is_one_line(tmp_path):
    (tmp_path / "config.py").write_text("SECRET_KEY = 'x'\nSMTP_PORT = = 25\n")
    res = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=ROOT, capture_output=True, text=True,
                         env=process_env(tmp_path))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "config.py:2" in res.stderr and res.stderr.strip().count("\n") == 0
