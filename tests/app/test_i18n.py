"""Locale chain and catalog completeness."""
import re
from pathlib import Path

import pytest
from flask import g

from app.i18n import select_locale

ROOT = Path(__file__).resolve().parents[2]


def _select(app, headers=None, session_locale=None, user=None, event=None):
    with app.test_request_context("/", headers=headers or {}):
        from flask import session
        from flask_login import login_user

        if session_locale:
            session["locale"] = session_locale
        if user is not None:
            login_user(user)
        if event is not None:
            g.event = event
        return select_locale()


def test_accept_language_is_used(app):
    assert _select(app, headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}) == "de"


def test_session_choice_beats_accept_language(app):
    assert _select(app, headers={"Accept-Language": "de"}, session_locale="cs") == "cs"


def test_language_button_beats_saved_preference_which_beats_the_browser(app, make_user, db):
    """Issue 20: the buttons change the page language; the saved one is the profile's (e-mail) language."""
    user = make_user()
    user.locale = "de"
    db.session.flush()
    assert _select(app, headers={"Accept-Language": "en"}, session_locale="cs", user=user) == "cs"
    assert _select(app, headers={"Accept-Language": "en"}, user=user) == "de"


def test_event_default_when_browser_says_nothing_useful(app, make_event):
    event = make_event(default_locale="cs")
    assert _select(app, headers={"Accept-Language": "fr"}, event=event) == "cs"


def test_unknown_session_locale_is_ignored(app):
    assert _select(app, headers={"Accept-Language": "en"}, session_locale="xx") == "en"


@pytest.mark.parametrize("lang,word", [("cs", "Účastníci"), ("de", "Teilnehmer/innen"), ("en", "Participants")])
def test_event_page_in_three_languages(client, make_event, db, lang, word):
    event = make_event()
    db.session.commit()
    client.post(f"/language/{lang}", data={"next": "/"})
    html = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert word in html
    assert f'lang="{lang}"' in html


def test_language_switch_rejects_unknown_locale(client):
    assert client.post("/language/fr").status_code == 404


def test_czech_plural_forms(client, make_event, db):
    event = make_event()  # 4 slots per session -> Czech "4 časové úseky", not "4 časových úseků"
    db.session.commit()
    client.post("/language/cs")
    html = client.get(f"/e/{event.slug}/").get_data(as_text=True)
    assert "4 časové úseky" in html


def _bad_entries(po_path):
    text = po_path.read_text(encoding="utf-8")
    bad = []
    for entry in text.split("\n\n"):
        fields, key = {}, None
        for line in entry.splitlines():
            m = re.match(r'(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                fields[key] = m.group(2)
            elif line.startswith('"') and key:
                fields[key] += line.strip('"')
        if fields.get("msgid"):
            strs = [v for k, v in fields.items() if k.startswith("msgstr")]
            if not strs or not all(strs) or "#, fuzzy" in entry:
                bad.append(fields["msgid"])
    return bad


@pytest.mark.parametrize("lang", ["cs", "de"])
def test_catalog_has_no_empty_or_fuzzy_message(lang):
    bad = _bad_entries(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po")
    assert bad == [], f"{lang}: {len(bad)} untranslated or fuzzy: {bad[:10]}"


def test_catalog_covers_every_message_in_the_source(tmp_path):
    """Extract afresh from the source: a new string without a cs/de translation fails here."""
    import subprocess
    import sys

    pot = tmp_path / "fresh.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F",
                    str(ROOT / "translations" / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext", "-o", str(pot),
                    "--no-location", "--no-wrap", str(ROOT / "app"), str(ROOT / "templates")], check=True, cwd=ROOT)
    ids = set(re.findall(r'^msgid "(.+)"$', pot.read_text(encoding="utf-8"), re.M))
    for lang in ("cs", "de"):
        po = (ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
        missing = sorted(i for i in ids if f'msgid "{i}"' not in po)
        assert not missing, f"{lang}: run `make i18n` and translate: {missing[:10]}"


@pytest.mark.parametrize("lang,expected", [("cs", "1. 3. 2027 23:59"), ("de", "01.03.2027 23:59"),
                                           ("en", "Mar 1, 2027 23:59")])
def test_dates_follow_each_language_and_the_event_time_zone(app, lang, expected):
    from datetime import datetime

    from app.i18n import human_datetime, in_locale

    with app.test_request_context("/"), in_locale(lang):
        assert human_datetime(datetime(2027, 3, 1, 22, 59), "Europe/Berlin") == expected  # 22:59 UTC = 23:59 CET


def test_the_language_button_changes_pages_not_the_e_mail_language(client, make_event, make_participant, db):
    """Before: the button also overwrote the saved profile language, so e-mails switched language too."""
    from tests.sessions import sign_in_session

    event = make_event()
    person = make_participant(event, locale="de")
    db.session.commit()
    with client.session_transaction() as sess:
        sign_in_session(sess, person)
    assert 'lang="de"' in client.get(f"/e/{event.slug}/").get_data(as_text=True)  # the saved language
    client.post("/language/cs")
    assert 'lang="cs"' in client.get(f"/e/{event.slug}/").get_data(as_text=True)
    db.session.refresh(person)
    assert person.locale == "de"
