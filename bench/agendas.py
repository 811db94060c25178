"""Agenda PDF throughput: a synthetic event with N participants in a temporary SQLite database.

    .venv/bin/python bench/agendas.py [--participants 500] [--workers 2]

Prints a table with wall-clock seconds, CPU seconds and pages per second for: loading the plan, the whole agenda
export of `flask agendas export` (every agenda laid out once, written as single files and as one PDF), all agendas
in one PDF only and the zip of single files only (--workers processes; --single adds a one-process run).
Target: 500 agendas in under 60 s on 2 cores. The output is saved to bench/results/agendas.txt.
"""
import argparse
import io
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import Output, _cpu  # noqa: E402

CZ_FIRST = ["Jiří", "Petra", "Tomáš", "Lucie", "Radek", "Zuzana", "Václav", "Markéta", "Ondřej", "Šárka"]
CZ_LAST = ["Dvořák", "Nováková", "Černý", "Procházková", "Kříž", "Růžičková", "Šťastný", "Žáková", "Hájek"]
DE_FIRST = ["Jürgen", "Sabine", "Uwe", "Käthe", "Björn", "Grit", "Mario", "Jörg", "Anja", "Sören"]
DE_LAST = ["Weiß", "Müller", "Schröder", "Köhler", "Groß", "Vogel", "Krüger", "Lößnitz", "Böhme"]
ORG_CZ = ["Strojírny {} s.r.o.", "Slévárna {} a.s.", "Plasty {} s.r.o.", "Elektro {} spol. s r.o."]
ORG_DE = ["{} Präzisionsteile GmbH", "{} Metallbau KG", "Kunststofftechnik {} GmbH", "{} Gießerei GmbH"]
TOWNS_CZ = ["Žďár", "Liberec", "Ústí", "Děčín", "Cheb", "Sokolov", "Jablonec", "Teplice"]
TOWNS_DE = ["Zittau", "Görlitz", "Bautzen", "Plauen", "Zwickau", "Freiberg", "Annaberg", "Löbau"]


def build_event(db, n_people, slots_per_day=8, days=2, seed=2027):
    from app.events.models import Event, EventSession, EventStatus, Slot, Table
    from app.i18n import to_utc
    from app.meetings.models import Meeting
    from app.participants.models import Organisation, Participant, ParticipantStatus
    from app.planning.models import Publication, PublicationKind

    rng = random.Random(seed)
    event = Event(slug="bench", name_cs="Kooperační burza Žďár", name_de="Kooperationsbörse Zittau",
                  name_en="Cooperation exchange", venue="Baldauf Villa, Marienberg", timezone="Europe/Berlin",
                  status=EventStatus.PUBLISHED, contact_email="burza@example.cz")
    db.session.add(event)
    db.session.flush()
    slots = []
    for d in range(days):
        day = date(2027, 3, 10) + timedelta(days=d)
        start = to_utc(datetime.combine(day, datetime.min.time()) + timedelta(hours=9), event.timezone)
        sess = EventSession(event=event, code=f"d{d}", day=day, start_at=start,
                            end_at=start + timedelta(minutes=30 * slots_per_day))
        db.session.add(sess)
        db.session.flush()
        for k in range(slots_per_day):
            t = start + timedelta(minutes=30 * k)
            slot = Slot(event_id=event.id, session_id=sess.id, start_at=t, end_at=t + timedelta(minutes=25))
            db.session.add(slot)
            slots.append(slot)
    people = []
    for i in range(n_people):
        czech = i % 2 == 0
        org = Organisation(name=rng.choice(ORG_CZ if czech else ORG_DE).format(rng.choice(TOWNS_CZ if czech else
                                                                                          TOWNS_DE)) + f" {i}",
                           country="CZ" if czech else "DE")
        people.append(Participant(
            event=event, event_id=event.id, organisation=org, email=f"p{i}@example.org",
            first_name=rng.choice(CZ_FIRST if czech else DE_FIRST), last_name=rng.choice(CZ_LAST if czech else DE_LAST),
            languages=["cs", "de"] if czech else ["de", "en"], locale="cs" if czech else "de",
            status=ParticipantStatus.APPROVED))
    db.session.add_all(people)
    tables = [Table(event=event, event_id=event.id, number=n + 1, zone="ABCD"[n * 4 // (n_people // 2)])
              for n in range(n_people // 2)]
    db.session.add_all(tables)
    db.session.flush()
    meetings = []
    for slot in slots:
        present = rng.sample(people, int(n_people * 0.7) // 2 * 2)
        for k in range(0, len(present), 2):
            a, b = present[k], present[k + 1]
            meetings.append(Meeting(event_id=event.id, participant_a_id=a.id, participant_b_id=b.id, slot_id=slot.id,
                                    table_id=tables[k // 2].id))
    db.session.add_all(meetings)
    db.session.add(Publication(event_id=event.id, version=1, kind=PublicationKind.FINAL, snapshot={}))
    db.session.commit()
    return event, len(meetings)


def cpu_seconds():
    """CPU time of this process and of its finished worker processes."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(label, fn, rows, agendas, pages_of=None):
    started, cpu = time.perf_counter(), cpu_seconds()
    result = fn()
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    pages = pages_of(result) if pages_of else count_pages(result)
    rows.append((label, agendas, pages, seconds, cpu, pages / seconds if seconds and pages else 0.0))
    return result


def header():
    import weasyprint

    def git(*args):
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""
    dirty = "+dirty" if git("status", "--porcelain", "--", "app/agendas", "templates/pdf", "bench/agendas.py") else ""
    return (f"# commit {git('rev-parse', '--short', 'HEAD') or 'unknown'}{dirty} | {platform.node()} | {_cpu()} "
            f"x{os.cpu_count()} | Python {platform.python_version()} | WeasyPrint {weasyprint.__version__}")


def load():
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f} (1 / 5 / 15 min) on {os.cpu_count()} cores"


def count_pages(data):
    from pypdf import PdfReader

    if not isinstance(data, bytes):
        return 0
    if data.startswith(b"%PDF"):
        return len(PdfReader(io.BytesIO(data)).pages)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return sum(len(PdfReader(io.BytesIO(zf.read(n))).pages) for n in zf.namelist())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--single", action="store_true", help="also run all agendas in one PDF in one process")
    parser.add_argument("--only-export", action="store_true", help="only the export (every agenda laid out once)")
    args = parser.parse_args(argv)

    from app import create_app
    from app.agendas import exports, pdf
    from app.agendas.viewmodels import load_plan
    from app.extensions import db

    out = Output("agendas")
    out.print(header())
    out.print(f"# load average at the start: {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/b.db",
                          "SERVER_NAME_FOR_LINKS": "https://coopex.example.org"})
        with app.app_context():
            db.create_all()
            event, n_meetings = build_event(db, args.participants)
            rows, n, w = [], args.participants, args.workers
            plan = timed("load plan (queries + view models)", lambda: load_plan(event), rows, n)
            views = exports._views(event, plan)
            timed(f"export: singles + zip + one PDF, {w} proc.",
                  lambda: _export(views, plan, w, tmp), rows, n, pages_of=lambda batch: batch.pages)
            if not args.only_export:
                timed(f"all agendas in one PDF, {w} processes",
                      lambda: exports.all_agendas_pdf(event, plan=plan, workers=w), rows, n)
                timed(f"zip of single PDFs, {w} processes",
                      lambda: exports.agendas_zip(event, plan=plan, workers=w), rows, n)
            if args.single:
                timed("all agendas in one PDF, 1 process", lambda: pdf.agendas_in_one(views, workers=1), rows, n)
            db.session.remove()
            db.engine.dispose()
    out.print(f"\n{args.participants} participants, {n_meetings} meetings, 16 slots\n")
    out.print(f"{'task':<42} {'agendas':>8} {'pages':>6} {'wall s':>8} {'CPU s':>8} {'pages/s':>8}")
    out.print("-" * 85)
    for label, agendas, pages, seconds, cpu, rate in rows:
        out.print(f"{label:<42} {agendas:>8} {pages:>6} {seconds:>8.1f} {cpu:>8.1f} {rate:>8.1f}")
    out.print(f"\nload average at the end: {load()}")
    out.print("(wall-clock seconds grow with other work on the machine; CPU seconds, parent + workers, do not)")
    out.save()


def _export(views, plan, workers, tmp):
    """What `flask agendas export` does with the agendas: lay out once, write singles, a zip and one PDF."""
    from app.agendas import exports, pdf

    batch = pdf.render_batch(views, workers=workers)
    names = exports._names(plan, views)
    folder = Path(tmp) / "agendas"
    folder.mkdir(exist_ok=True)
    for name, data in zip(names, batch.files, strict=True):
        (folder / name).write_bytes(data)
    exports._write_zip(Path(tmp) / "agendas.zip", names, batch.files)
    (Path(tmp) / "agendas-all.pdf").write_bytes(batch.combined)
    return batch


if __name__ == "__main__":
    main()
