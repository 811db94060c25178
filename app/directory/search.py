"""Directory search in the database: a folded `search_text` column kept by the app, plus sector rows.

Why a column filled by the app rather than PostgreSQL unaccent/tsvector or FTS5's own tokenizing: the same
substring question runs on both databases, folding is exactly the one the NACE picker and the marketplace use
(ß -> ss, Czech diacritics), and NACE titles in cs/de/en are part of the text. The indexes only answer it faster:
on PostgreSQL a pg_trgm GIN index serves the `LIKE '%word%'` filters; on SQLite an FTS5 trigram index over the
same column (app.directory.fts, kept in step by triggers) does.
"""
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, selectinload

from ..extensions import db
from ..participants.models import Opportunity, Organisation, OrganisationKind, Participant, ParticipantStatus
from ..reference import nace, regions
from . import fts
from .models import OrganisationSector

PER_PAGE = 20
FILTERS = ("q", "region", "kind", "sector", "size", "language", "offer", "country")


def offers_of(org):
    """The organisation's own offers and requests (app.participants.offers), oldest first."""
    return list(org.opportunities)


def languages_of(org):
    own = list(org.languages or [])
    spoken = [lang for p in org.participants if p.status == ParticipantStatus.APPROVED for lang in p.languages or []]
    return list(dict.fromkeys(own + spoken))


def document(org):
    """The folded text the directory searches, with tokens for the language and offer-type facets."""
    offers = offers_of(org)
    sectors = list(org.nace_sectors or []) + [c for o in offers for c in o.sectors or []]
    parts = [org.name, org.city, org.region, regions.all_names(org.region_code), org.registration_id or "",
             org.website, org.description_cs, org.description_de, org.description_en, nace.search_words(sectors)]
    for o in offers:
        parts += [o.title_cs, o.title_de, o.title_en, o.text_cs, o.text_de, o.text_en]
    tokens = ([f"lang:{lang}" for lang in languages_of(org)]
              + [f"offer:{o.kind.value}" for o in offers if o.kind is not None])
    return " ".join([nace.fold(" ".join(p or "" for p in parts)), *sorted(set(tokens))])


def refresh(org):
    """Bring the region code, the search column and the sector rows up to date with the organisation's data."""
    if not org.region_code:
        org.region_code = regions.code_for(org.region) or regions.code_for(org.city)
    org.search_text = document(org)
    offers = offers_of(org)
    wanted = {nace.division(c) for c in [*(org.nace_sectors or []), *(c for o in offers for c in o.sectors or [])]}
    wanted = {d for d in wanted if len(d) == 3}
    have = {row.division: row for row in org.sector_rows}
    for division in set(have) - wanted:
        org.sector_rows.remove(have[division])
    for division in sorted(wanted - set(have)):
        org.sector_rows.append(OrganisationSector(division=division))


def _touched_organisations(session):
    orgs = set()
    for obj in [*session.new, *session.dirty, *session.deleted]:
        if isinstance(obj, Organisation) and obj not in session.deleted:
            orgs.add(obj)
        elif isinstance(obj, Participant) and obj.organisation is not None:
            orgs.add(obj.organisation)
        elif isinstance(obj, Opportunity) and obj.organisation is not None:
            orgs.add(obj.organisation)
    return [o for o in orgs if o not in session.deleted]


@event.listens_for(Session, "before_flush")
def _keep_search_text(session, _context, _instances):
    for org in _touched_organisations(session):
        refresh(org)


# ------------------------------------------------------------------ queries
def _escape(word):
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(filters, skip=()):
    """Listed organisations matching every filter except those in `skip` (for facet counts)."""
    stmt = select(Organisation).where(Organisation.listed.is_(True))
    f = {k: v for k, v in filters.items() if v and k not in skip}
    strings = nace.fold(f.get("q", "")).split()[:8]
    strings += [f"{prefix}:{f[key]}" for key, prefix in (("language", "lang"), ("offer", "offer")) if key in f]
    stmt = _containing(stmt, strings)
    if "region" in f:
        stmt = stmt.where(Organisation.region_code == ("" if f["region"] == "outside" else f["region"]))
    if "kind" in f:
        stmt = stmt.where(Organisation.kind == OrganisationKind(f["kind"]))
    if "country" in f:
        stmt = stmt.where(Organisation.country == f["country"])
    if "size" in f:
        stmt = stmt.where(Organisation.size_class == f["size"])
    if "sector" in f:
        # IN rather than EXISTS: the database can start from the sector's rows instead of testing every organisation
        stmt = stmt.where(Organisation.id.in_(select(OrganisationSector.organisation_id).where(
            OrganisationSector.division == nace.division(f["sector"]))))
    return stmt


def _containing(stmt, strings):
    """Rows whose search_text contains every string: SQLite asks its FTS5 trigram index for the strings it can
    look up (app.directory.fts); the rest, and everything on PostgreSQL (pg_trgm index), is a LIKE filter."""
    indexed = []
    if db.session.get_bind().dialect.name == "sqlite":
        indexed = [s for s in strings if len(s) >= fts.MIN_CHARS]
        if indexed:
            stmt = stmt.where(Organisation.id.in_(fts.matching_ids(indexed)))
    for string in strings:
        if string not in indexed:
            stmt = stmt.where(Organisation.search_text.like(f"%{_escape(string)}%", escape="\\"))
    return stmt


def search(filters, page=1, per_page=PER_PAGE):
    """(organisations of the page, total) ordered by name; everything runs in the database.

    The page is chosen on ids and names only (sorting whole rows would carry every match's search text through
    the sort); its organisations are loaded after."""
    stmt = _filtered(filters)
    total = db.session.scalar(select(func.count()).select_from(stmt.with_only_columns(Organisation.id).subquery()))
    ids = db.session.scalars(stmt.with_only_columns(Organisation.id)
                             .order_by(func.lower(Organisation.name), Organisation.id)
                             .limit(per_page).offset((max(page, 1) - 1) * per_page)).all()
    found = {o.id: o for o in db.session.scalars(
        select(Organisation).where(Organisation.id.in_(ids))
        .options(selectinload(Organisation.participants), selectinload(Organisation.opportunities)))}
    return [found[i] for i in ids], total


FACET_COLUMNS = {"region": Organisation.region_code, "kind": Organisation.kind, "size": Organisation.size_class,
                 "country": Organisation.country}


def facets(filters):
    """Counts per region, kind, size, country and sector among the matches of the other filters (GROUP BY in the
    database). Facets whose own filter is not set share one base, so one grouped query serves them all."""
    out = {key: {} for key in FACET_COLUMNS}
    active = [key for key in FACET_COLUMNS if filters.get(key)]
    groups = [([key for key in FACET_COLUMNS if key not in active], ())] + [([key], (key,)) for key in active]
    for keys, skip in groups:
        if not keys:
            continue
        sub = _filtered(filters, skip=skip).subquery()
        cols = [sub.c[FACET_COLUMNS[key].key] for key in keys]
        for *values, n in db.session.execute(select(*cols, func.count()).group_by(*cols)).all():
            for key, value in zip(keys, values, strict=True):
                if value is not None:
                    value = value.value if hasattr(value, "value") else value
                    out[key][value] = out[key].get(value, 0) + n
    sub = _filtered(filters, skip=("sector",)).with_only_columns(Organisation.id).subquery()
    out["sector"] = dict(db.session.execute(
        select(OrganisationSector.division, func.count())
        .where(OrganisationSector.organisation_id.in_(select(sub.c.id)))
        .group_by(OrganisationSector.division)).all())
    return out


def listed_or_none(org_id):
    org = db.session.get(Organisation, org_id)
    return org if org is not None and org.listed else None


