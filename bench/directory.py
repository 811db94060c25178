"""The directory at scale: 10,000 organisations with people and offers, typical queries timed.

    .venv/bin/python bench/directory.py [--orgs 10000] [--repeat 40] [--pg postgresql://…/coopex_bench]

Seeds (deterministic, seed 1) organisations of the programme area and beyond with 1–3 NACE sectors, a person
and 0–3 offers/requests each, then times, on SQLite (a temporary file) and on PostgreSQL when --pg (or
COOPEX_BENCH_PG_URL) is given: a text search (three words in turn, page 1 with total), region + sector facets
(page, total and the facet counts of the directory page), an API page (JSON items built), and suggestions for
one organisation. Prints p50 / p95 in milliseconds. The aim is p95 ≤ 100 ms; the machine is shared by several
engineers running tests, so the numbers are pessimistic. Output kept in bench/results/directory.txt.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import Output, header  # noqa: E402

WORDS_CS = ["Strojírny", "Kovo", "Slévárna", "Plasty", "Textil", "Sklárna", "Elektro", "Stavby", "Logistika", "Data"]
WORDS_DE = ["Maschinenbau", "Metall", "Gießerei", "Kunststoff", "Textil", "Glas", "Elektro", "Bau", "Logistik", "IT"]
PLACES = {"CZ": [("Liberec", "CZ051"), ("Děčín", "CZ042"), ("Cheb", "CZ041"), ("Praha", "")],
          "DE": [("Chemnitz", "DED41"), ("Dresden", "DED21"), ("Zittau", "DED2D"), ("Leipzig", "")],
          "PL": [("Zgorzelec", "")]}
OFFER_TEXT = ["CNC-Fräsen und Drehen", "obrábění a svařování", "Pulverbeschichtung", "laser cutting",
              "Lackiererei gesucht", "hledáme dodavatele odlitků", "Montage von Baugruppen", "vývoj software"]


def seed(n, rng):
    from app.events.models import Event
    from app.extensions import db
    from app.participants.models import (
        Opportunity,
        OpportunityKind,
        Organisation,
        OrganisationKind,
        Participant,
        ParticipantStatus,
        SizeClass,
    )
    from app.reference import nace

    divisions = [c for c, s in nace.sectors().items() if not s.is_section]
    manufacturing = [d for d in divisions if d.startswith("C")]
    event = Event(slug="bench", name_cs="Burza", name_de="Börse", name_en="Exchange", venue="X",
                  timezone="Europe/Berlin")
    db.session.add(event)
    db.session.flush()
    for i in range(n):
        country = rng.choices(["CZ", "DE", "PL"], [45, 45, 10])[0]
        city, region = rng.choice(PLACES[country])
        words = WORDS_CS if country == "CZ" else WORDS_DE
        sectors = rng.sample(manufacturing if rng.random() < 0.6 else divisions, rng.randint(1, 3))
        org = Organisation(name=f"{rng.choice(words)} {rng.choice(words)} {i}", country=country, city=city,
                           region_code=region, kind=rng.choice(list(OrganisationKind)), nace_sectors=sectors,
                           size_class=rng.choice(list(SizeClass)), listed=rng.random() < 0.9,
                           description_en=f"{rng.choice(OFFER_TEXT)} for {rng.choice(WORDS_DE)}")
        person = Participant(event_id=event.id, organisation=org, first_name="P", last_name=str(i),
                             email=f"p{i}@bench.example", status=ParticipantStatus.APPROVED,
                             languages=rng.sample(["cs", "de", "en", "pl"], rng.randint(1, 3)))
        for _k in range(rng.randint(0, 3)):
            org.opportunities.append(Opportunity(
                author=person, kind=rng.choice(list(OpportunityKind)), title_en=rng.choice(OFFER_TEXT),
                sectors=[rng.choice(sectors)], target_countries=rng.sample(["CZ", "DE", "PL"], 1)))
        db.session.add(person)
        if i % 500 == 499:
            db.session.flush()
    db.session.commit()


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]


def run(url, n, repeat, out):
    from app import create_app
    from app.directory import search, suggestions
    from app.directory.api import item
    from app.extensions import db
    from app.participants.models import Organisation

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True})
    rows = []
    with app.app_context(), app.test_request_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        seed(n, random.Random(1))
        seeded = time.perf_counter() - started
        empty = {k: "" for k in search.FILTERS}
        queries = iter(["maschinenbau", "obrabeni", "pulverbeschichtung kovo", "strasse", "laser"] * repeat)
        me = db.session.scalars(db.select(Organisation).where(Organisation.listed.is_(True))
                                .order_by(Organisation.id)).first()
        cases = {
            "text search (page + total)": lambda: search.search({**empty, "q": next(queries)}),
            "region + sector facets (page, total, counts)": lambda: (
                search.search({**empty, "region": "CZ051", "sector": "C25"}),
                search.facets({**empty, "region": "CZ051", "sector": "C25"})),
            "API page q=metall (50 items as JSON)": lambda: [
                item(o) for o in search.search({**empty, "q": "metall"}, per_page=50)[0]],
            "suggestions for one organisation": lambda: suggestions.for_directory(me),
        }
        for name, fn in cases.items():
            fn()  # warm caches
            p50, p95 = timed(fn, repeat)
            db.session.expire_all()
            rows.append((name, p50, p95))
        dialect = db.engine.dialect.name
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    out.print(f"## {dialect}: {n} organisations seeded in {seeded:.0f} s; {repeat} runs per query")
    out.print(f"{'query':48} {'p50 ms':>8} {'p95 ms':>8}")
    for name, p50, p95 in rows:
        out.print(f"{name:48} {p50:8.1f} {p95:8.1f}{'' if p95 <= 100 else '   (above 100 ms)'}")
    out.print()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--pg", default=os.environ.get("COOPEX_BENCH_PG_URL"))
    parser.add_argument("--name", default="directory")
    args = parser.parse_args()
    out = Output(args.name)
    out.print(header())
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{tmp}/bench.sqlite3", args.orgs, args.repeat, out)
    if args.pg:
        run(args.pg, args.orgs, args.repeat, out)
    else:
        out.print("PostgreSQL skipped: pass --pg URL or set COOPEX_BENCH_PG_URL.")
    out.save()


if __name__ == "__main__":
    main()
