"""Public JSON API: listed organisations only, filters, nothing personal, cached with ETag, no CORS, rate-limited."""
import json

from tests.app.directory.test_directory import listing  # noqa: F401


def names(resp):
    return {i["name"].split()[0] for i in resp.get_json()["items"]}


def test_list_filters_and_total(client, listing):  # noqa: F811
    resp = client.get("/api/v1/organisations")
    body = resp.get_json()
    assert (resp.status_code == 200 and body["total"] == 4
            and names(resp) == {"Strojírny", "Erzgebirge", "IHK", "Warszawa"})
    assert names(client.get("/api/v1/organisations?q=maschinenbau")) == {"Strojírny"}
    assert names(client.get("/api/v1/organisations?region=DED42")) == {"Erzgebirge"}
    assert names(client.get("/api/v1/organisations?kind=chamber")) == {"IHK"}
    assert names(client.get("/api/v1/organisations?sector=C25&country=CZ")) == {"Strojírny"}
    assert client.get("/api/v1/organisations?page=2").get_json()["items"] == []
    assert client.get("/api/v1/organisations?kind=firm").status_code == 400


def test_items_carry_the_public_fields_and_nothing_personal(client, listing, db):  # noqa: F811
    jizera, petr = listing["jizera"], listing["petr"]
    petr.first_name, petr.last_name, petr.phone = "Petr", "Svoboda", "+420 777 123 456"
    db.session.commit()
    resp = client.get(f"/api/v1/organisations/{jizera.id}")
    data = resp.get_json()
    assert set(data) == {"id", "name", "kind", "country", "region", "city", "website", "nace", "languages", "offers"}
    assert data["region"] == "CZ051" and data["nace"][1] == {
        "code": "C28", "title": {"cs": "Výroba strojů a zařízení j. n.", "de": "Maschinenbau",
                                 "en": "Manufacture of machinery and equipment n.e.c."}}
    assert data["offers"][0]["kind"] == "business_request" and data["languages"] == ["cs", "de"]
    raw = json.dumps(client.get("/api/v1/organisations").get_json())
    for private in (petr.email, petr.first_name, petr.last_name, petr.phone, "@"):
        assert private and private not in raw


def test_unlisted_is_404(client, listing):  # noqa: F811
    resp = client.get(f"/api/v1/organisations/{listing['hidden'].id}")
    assert resp.status_code == 404 and resp.get_json()["error"] == "Not Found"
    assert "Tajná" not in client.get("/api/v1/organisations?q=obrabeni").get_data(as_text=True)


def test_cached_with_etag_and_no_cors(client, listing):  # noqa: F811
    resp = client.get("/api/v1/organisations?q=jizera")
    assert resp.headers["Cache-Control"] == "public, max-age=300" and resp.headers["ETag"]
    assert "Access-Control-Allow-Origin" not in resp.headers
    again = client.get("/api/v1/organisations?q=jizera", headers={"If-None-Match": resp.headers["ETag"],
                                                                 "Origin": "https://elsewhere.example"})
    assert again.status_code == 304 and "Access-Control-Allow-Origin" not in again.headers


def test_rate_limited(make_app, listing):  # noqa: F811
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_API="3 per minute")
    client = app.test_client()
    codes = [client.get("/api/v1/organisations").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
