"""Small things of every page: a favicon, and no attribute rendered as the string "None"."""
import re

NONE_ATTR = re.compile(r'\s[\w-]+="None"')


def test_favicon_is_linked_and_answered_at_favicon_ico(client):
    html = client.get("/").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.headers["Location"].endswith("/static/favicon.svg")
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml" and b"<svg" in icon.data
    icon.close()


def test_forms_have_no_none_attributes_with_or_without_errors(make_event, db, client):
    event = make_event()
    db.session.commit()
    blank = client.get(f"/e/{event.slug}/register").get_data(as_text=True)
    assert "<form" in blank and not NONE_ATTR.search(blank), NONE_ATTR.findall(blank)
    assert "aria-invalid" not in blank
    login = client.get("/account/login").get_data(as_text=True)
    assert not NONE_ATTR.search(login)
    failed = client.post(f"/e/{event.slug}/register", data={"email": "not-an-e-mail"}).get_data(as_text=True)
    assert 'aria-invalid="true"' in failed and not NONE_ATTR.search(failed), NONE_ATTR.findall(failed)
    for target in re.findall(r'aria-describedby="([\w-]+)"', failed):
        assert f'id="{target}"' in failed  # every description the fields point to exists
