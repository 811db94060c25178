"""Browser tests: the app on a live local server, driven by Playwright with Debian's chromium."""
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db as _db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@pytest.fixture
def live_server(app, test_config, tmp_path):
    """Serve a second app instance (same database) on 127.0.0.1:<free port>; yields its base URL."""
    server_app = create_app({**test_config, "WTF_CSRF_ENABLED": True, "SERVER_NAME_FOR_LINKS": ""})
    server = make_server("127.0.0.1", 0, server_app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    server_app.config["SERVER_NAME_FOR_LINKS"] = base
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    thread.join(5)
    server.server_close()
    with server_app.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def demo(db):
    """The demo cooperation exchange (Marienberg 2027), committed so the live server sees it."""
    from app.demo import seed_demo

    event = seed_demo(db.session)
    db.session.commit()
    return event


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"chromium not found at {CHROMIUM}: apt-get install chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture
def new_page(browser):
    """new_page(locale="cs") -> a Playwright page in a fresh context with that Accept-Language."""
    contexts = []

    def make(locale="en", **kw):
        context = browser.new_context(locale=locale, **kw)
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()
    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
