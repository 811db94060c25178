"""`coopex init` migrates; only `--demo` seeds the demo and its publicly known logins."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import process_env

ROOT = Path(__file__).resolve().parents[2]


def _init(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "coopex", "init", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=process_env(tmp_path))


def _count(tmp_path, table):
    engine = create_engine(f"sqlite:///{tmp_path / 'coopex.sqlite3'}")
    try:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
    finally:
        engine.dispose()


def test_plain_init_creates_no_demo_and_no_known_login(tmp_path):
    res = _init(tmp_path)
    assert res.returncode == 0, res.stderr
    assert "demo login" not in res.stdout
    assert _count(tmp_path, "events") == 0 and _count(tmp_path, "users") == 0


def test_init_demo_seeds_the_demo_and_prints_its_login_on_the_configured_host(tmp_path):
    env_res = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "coopex", "init", "--demo"], cwd=ROOT,
        capture_output=True, text=True, timeout=300,
        env=process_env(tmp_path, COOPEX_SERVER_NAME_FOR_LINKS="http://127.0.0.1:5077"))
    assert env_res.returncode == 0, env_res.stderr
    assert "http://127.0.0.1:5077/account/login" in env_res.stdout
    assert _count(tmp_path, "events") >= 1 and _count(tmp_path, "users") >= 1


def test_make_run_port_sets_the_server_port_and_the_links_in_e_mails():
    dry = subprocess.run(["make", "-n", "run", "PORT=5077"], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "MAKEFLAGS": ""})
    assert dry.returncode == 0, dry.stderr
    assert "--port 5077" in dry.stdout
    assert "COOPEX_SERVER_NAME_FOR_LINKS=http://127.0.0.1:5077" in dry.stdout
    assert "coopex init --demo" in dry.stdout


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_serves_the_app_and_refuses_the_default_secret(tmp_path):
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        pytest.fail("gunicorn is a dependency; reinstall with make install")
    assert _init(tmp_path).returncode == 0
    port = _free_port()
    env = process_env(tmp_path)
    proc = subprocess.Popen([str(gunicorn), "--preload", "--workers", "2", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as res:
                    body = res.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert body is not None and '"ok"' in body
    finally:
        proc.terminate()
        proc.wait(20)
        proc.stderr.close()
    refused = subprocess.run([str(gunicorn), "--preload", "--bind", f"127.0.0.1:{port}", "wsgi:app"], cwd=ROOT,
                             env=process_env(tmp_path, secret=None),
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert "SECRET_KEY is the committed default" in refused.stderr
