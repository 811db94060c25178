"""Issue 17, hostile input: one clear message, nothing half-saved, never a 500.

The sweep crawls the demo's main pages as the public, a participant and an organiser, finds every POST
form and submits it with NUL bytes, control characters, CR/LF, huge integers, overlong strings and tampered
select values. Failed before: NUL reached PostgreSQL (500), huge ids in URLs overflowed (500 on PostgreSQL),
CR/LF names broke every e-mail to the other person, an empty table form raised AttributeError (500)."""
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import sqlalchemy as sa
from flask import g

from app.demo import DEMO_LOGIN, seed_demo
from tests.sessions import sign_in_session

HUGE = "99999999999999999999"
CONTROL_VALUES = {"nul": "Anke\x00Richter", "control": "Anke\x1b[31m\x07Richter"}
OTHER_VALUES = {"crlf": "Anke\r\nBcc: victim@example.org", "huge": HUGE, "long": "Ä" * 5000,
                "script": "javascript:alert(1)"}
SKIP_ACTIONS = ("logout", "/me/delete", "/delete")  # they end the session or remove what the sweep walks on
SKIP_LINKS = (".pdf", ".ics", ".json", ".csv", ".xlsx", ".zip", "/static/", "logout", "signin/")


class Forms(HTMLParser):
    """POST forms of a page: action and fields (name -> list of candidate values, kind)."""

    def __init__(self):
        super().__init__()
        self.forms, self.links, self._form, self._select, self._textarea = [], [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "option" and self._select is not None:
            if a.get("value", "") != "" and len(self._select["values"]) < 3:
                self._select["values"].append(a["value"])
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type") not in ("file", "image", "reset"):
            kind = {"checkbox": "check", "radio": "check", "submit": "button", "hidden": "hidden"}.get(
                a.get("type"), "text")
            field = self._form["fields"].setdefault(a["name"], {"kind": kind, "values": []})
            if kind not in ("check", "button") or "checked" in a or not field["values"]:
                field["values"].append(a.get("value") or ("y" if kind == "check" else ""))
        elif tag == "button":
            self._form["fields"].setdefault(a["name"], {"kind": "button", "values": [a.get("value") or ""]})
        elif tag == "select":
            self._select = self._form["fields"].setdefault(a["name"], {"kind": "select", "values": []})
        elif tag == "textarea":
            self._textarea = self._form["fields"].setdefault(a["name"], {"kind": "text", "values": [""]})

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["values"] = [data]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def crawl(client, roots, limit=30):
    """GET pages from `roots` following same-site links (one per URL shape); returns (pages, forms)."""
    seen, shapes, queue, forms = set(), {}, list(roots), []
    while queue and len(seen) < limit:
        url = queue.pop(0)
        path = urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        shape = re.sub(r"\d+", "N", urlsplit(url).path)
        if path in seen or shapes.get(shape, 0) >= 1 or any(s in path for s in SKIP_LINKS):
            continue
        seen.add(path)
        shapes[shape] = shapes.get(shape, 0) + 1
        resp = get(client, path)
        assert resp.status_code < 500, path
        if resp.status_code != 200 or resp.mimetype != "text/html":
            continue
        parser = Forms()
        parser.feed(resp.get_data(as_text=True))
        for form in parser.forms:
            form["action"] = urlsplit(urljoin(path, form["action"] or path)).path
            forms.append(form)
        queue += [urljoin(path, href) for href in parser.links if href.startswith("/") or href.startswith("?")]
    unique = {}
    for form in forms:
        unique.setdefault((re.sub(r"\d+", "N", form["action"]), tuple(sorted(form["fields"]))), form)
    return seen, [f for f in unique.values() if not any(s in f["action"] for s in SKIP_ACTIONS)]


def fingerprint(db):
    """Row counts of every table but the logs that reading may append to (what a refused form must not
    change; values that slipped through are caught by assert_nothing_hostile_stored at the end)."""
    return {table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in db.metadata.sorted_tables
            if table.name not in ("audit_log", "email_records", "login_attempts", "rate_limits")}


def get(client, path):
    g.pop("_login_user", None)  # the test's app context (and so g) outlives requests: no user carried over
    return client.get(path)


def post(client, action, data):
    g.pop("_login_user", None)
    resp = client.post(action, data=data)
    with client.session_transaction() as sess:  # the sweep reads no pages, so flashes would pile up
        sess.pop("_flashes", None)
    return resp


def base_data(form):
    return {name: f["values"][0] for name, f in form["fields"].items() if f["values"]}


def hostile_data(form, value):
    data = base_data(form)
    for name, f in form["fields"].items():
        if f["kind"] in ("text", "hidden") and name != "csrf_token":
            data[name] = value
    return data


def tampered_data(form):
    data = base_data(form)
    for name, f in form["fields"].items():
        if f["kind"] in ("select", "check", "button"):
            data[name] = HUGE
    return data


@pytest.fixture
def demo_event(db):
    event = seed_demo(db.session)
    db.session.commit()
    return event


def _participant_client(app, event):
    from app.extensions import db
    from app.participants.models import Participant, ParticipantStatus

    person = db.session.scalars(sa.select(Participant).where(
        Participant.event_id == event.id, Participant.status == ParticipantStatus.APPROVED)
        .order_by(Participant.id)).first()
    client = app.test_client()
    with client.session_transaction() as sess:
        sign_in_session(sess, person)
    return client


def _organiser_client(app):
    client = app.test_client()
    g.pop("_login_user", None)
    client.post("/account/login", data={"email": DEMO_LOGIN[0], "password": DEMO_LOGIN[1]})
    return client


def _roles(app, event):
    slug = event.slug
    return {
        "public": (app.test_client(), ["/", f"/e/{slug}/", f"/e/{slug}/register", f"/e/{slug}/signin",
                                        "/account/login"]),
        "participant": (_participant_client(app, event), [f"/e/{slug}/me", f"/e/{slug}/marketplace",
                                                          f"/e/{slug}/requests", f"/e/{slug}/agenda"]),
        "organiser": (_organiser_client(app), ["/organiser", f"/organiser/events/{event.id}/planning/",
                                               f"/organiser/events/{event.id}/setup/tables"]),
    }


def test_every_post_form_survives_hostile_values(app, db, demo_event):
    bad = []
    for role, (client, roots) in _roles(app, demo_event).items():
        _pages, forms = crawl(client, roots)
        assert forms, role
        for form in forms:
            for label, value in CONTROL_VALUES.items() if any(
                    f["kind"] in ("text", "hidden") for f in form["fields"].values()) else ():
                before = fingerprint(db)
                resp = post(client, form["action"], hostile_data(form, value))
                db.session.rollback()
                if resp.status_code != 400 or fingerprint(db) != before:
                    bad.append((role, form["action"], label, resp.status_code))
                elif not any(w in resp.get_data(as_text=True) for w in ("control characters", "řídicí znaky",
                                                                         "Steuerzeichen")):
                    bad.append((role, form["action"], label, "no message"))
            for label, data in [*((k, hostile_data(form, v)) for k, v in OTHER_VALUES.items()),
                                ("tampered", tampered_data(form)), ("empty", {})]:
                before = fingerprint(db)
                resp = post(client, form["action"], data)
                db.session.rollback()
                if resp.status_code >= 500 or (resp.status_code >= 400 and fingerprint(db) != before):
                    bad.append((role, form["action"], label, resp.status_code))
    assert bad == []
    assert_nothing_hostile_stored(db)


def assert_nothing_hostile_stored(db):
    """No one-line column holds a line break or a control character; no text holds a NUL."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, sa.String):
                continue
            one_line = not isinstance(column.type, sa.Text)
            for (value,) in db.session.execute(sa.select(column).where(column.is_not(None))).all():
                if isinstance(value, str) and (re.search(r"[\x00-\x1f\x7f]" if one_line else r"\x00", value)):
                    found.append((table.name, column.name, value[:40]))
    assert found == []


def test_huge_ids_in_urls_are_not_found(app, db, demo_event):
    for role, (client, roots) in _roles(app, demo_event).items():
        pages, _forms = crawl(client, roots, limit=30)
        for page in pages:
            if not re.search(r"/\d+", page):
                continue
            huge = re.sub(r"/\d+", f"/{HUGE}", page.split("?")[0])
            assert get(client, huge).status_code == 404, (role, huge)
    organiser = _organiser_client(app)
    base = f"/organiser/events/{demo_event.id}/planning"
    assert get(organiser, f"{base}/plan/participants/?participant_id={HUGE}").status_code == 302
    assert get(organiser, f"{base}/runs/compare?run={HUGE}").status_code == 200


@pytest.mark.parametrize("url", ["/e/marienberg-2027/marketplace?q=a%00b", "/e/a%00b/", "/account/login?next=%1b"])
def test_control_characters_in_a_url_give_a_translated_400(app, db, demo_event, url):
    resp = app.test_client().get(url.replace("marienberg-2027", demo_event.slug),
                                 headers={"Accept-Language": "de"})
    assert resp.status_code == 400
    assert "Steuerzeichen" in resp.get_data(as_text=True)
