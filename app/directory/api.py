"""Read-only public JSON API of the listed organisations: nothing personal, cached, rate-limited, no CORS.

GET /api/v1/organisations?q=&region=&kind=&sector=&country=&page=  -> {"items": [...], "total": N}
GET /api/v1/organisations/<id>                                       -> one item; 404 when not listed
"""
from flask import Blueprint, abort, current_app, jsonify, request

from ..extensions import limiter
from ..participants.models import OrganisationKind
from ..reference import nace, regions
from . import search

api_bp = Blueprint("directory_api", __name__, url_prefix="/api/v1")
PER_PAGE = 50
MAX_AGE = 300


def _limit():
    return current_app.config.get("RATELIMIT_API", "120 per minute")


def item(org):
    """The public fields only: never a person, e-mail or phone."""
    offers = search.offers_of(org)
    return {
        "id": org.id, "name": org.name, "kind": org.kind.value, "country": org.country,
        "region": org.region_code or None, "city": org.city, "website": org.website,
        "nace": [{"code": code, "title": nace.sectors()[nace.division(code)].titles}
                 for code in org.nace_sectors or [] if nace.division(code) in nace.sectors()],
        "languages": search.languages_of(org),
        "offers": [{"kind": o.kind.value, "title": {"cs": o.title_cs, "de": o.title_de, "en": o.title_en},
                    "sectors": list(o.sectors or [])} for o in offers],
    }


def _filters():
    args = request.args
    f = {k: "" for k in search.FILTERS}
    f["q"] = args.get("q", "").strip()[:100]
    if args.get("region", "") in set(regions.REGIONS) | {"outside"}:
        f["region"] = args["region"]
    elif args.get("region"):
        abort(400, "unknown region")
    if args.get("kind"):
        if args["kind"] not in {k.value for k in OrganisationKind}:
            abort(400, "unknown kind")
        f["kind"] = args["kind"]
    if args.get("sector"):
        if not nace.normalise(args["sector"]):
            abort(400, "unknown sector")
        f["sector"] = nace.division(args["sector"])
    f["country"] = args.get("country", "").upper()[:2]
    return f


def _cached(payload):
    response = jsonify(payload)
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response.vary.add("Accept-Encoding")
    response.add_etag()
    return response.make_conditional(request)


@api_bp.get("/organisations")
@limiter.limit(_limit)
def list_organisations():
    page = request.args.get("page", 1, type=int)
    if page < 1:
        abort(400, "page starts at 1")
    orgs, total = search.search(_filters(), page=page, per_page=PER_PAGE)
    return _cached({"items": [item(o) for o in orgs], "total": total, "page": page, "per_page": PER_PAGE})


@api_bp.get("/organisations/<int:org_id>")
@limiter.limit(_limit)
def show_organisation(org_id):
    org = search.listed_or_none(org_id)
    if org is None:
        abort(404)
    return _cached(item(org))


@api_bp.errorhandler(400)
@api_bp.errorhandler(404)
@api_bp.errorhandler(429)
def _json_error(exc):
    return jsonify({"error": exc.name, "message": exc.description}), exc.code
