"""Real parallel requests against a served app (issue 17): a threaded werkzeug server on the test database,
HTTP clients with their own cookies, and `fire()` that releases N requests at once through a Barrier.

Only meaningful on PostgreSQL: SQLite serialises writers itself and cannot show the races these tests are
about, so the `served` fixture skips there (the non-concurrent logic is tested on both databases)."""
import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db as _db


class Client:
    """One browser: a cookie jar and a urllib opener that follows redirects; returns (status, final url, html)."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data or {}, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as resp:
                return resp.status, resp.url, resp.read().decode()
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, exc.url, exc.read().decode()

    def post(self, path, data=None):
        return self.request(path, data or {"submit": "1"})


@pytest.fixture
def served(app, test_config):
    """`served.client()` -> a Client of a second app instance served with threads on the same database."""
    if not test_config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("concurrent requests need PostgreSQL (row locks); SQLite runs one writer at a time")
    server_app = create_app({**test_config, "SERVER_NAME_FOR_LINKS": "http://localhost"})
    server = make_server("127.0.0.1", 0, server_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    class Served:
        base = f"http://127.0.0.1:{server.server_port}"
        app = server_app

        def client(self):
            return Client(self.base)
    yield Served()
    server.shutdown()
    thread.join(5)
    server.server_close()
    with server_app.app_context():
        _db.session.remove()
        _db.engine.dispose()


def fire(*calls):
    """Run the callables in parallel threads released by one Barrier; returns their results in order."""
    barrier, results, errors = threading.Barrier(len(calls)), [None] * len(calls), []

    def run(i, call):
        try:
            barrier.wait(10)
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)
    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    assert errors == [], errors
    return results


def sign_in_participant(client, participant):
    """Sign `client` in through the participant's own e-mail link (read the nonce fresh: links are single-use)."""
    from app.participants.tokens import make_token

    _db.session.refresh(participant)
    status, _url, _html = client.post(f"/e/{participant.event.slug}/signin/{make_token(participant)}")
    assert status == 200
    return client


def sign_in_user(client, email, password):
    status, url, _html = client.post("/account/login", {"email": email, "password": password})
    assert status == 200 and "/login" not in url
    return client
