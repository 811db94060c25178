"""All agendas as a background job: queued from the documents page, run by the worker, downloaded when done."""
import io
import zipfile

from app.agendas import jobs
from app.planning import runs
from app.planning.models import RunStatus, ScheduleRun

from .conftest import pdf_pages, pdf_text


def _organiser(make_user, login, db, role="organiser"):
    make_user(email=f"{role}@example.org", role=role)
    db.session.commit()
    login(email=f"{role}@example.org")


def _run_worker(db):
    """What `flask planning worker` does with the queue: claim the oldest run and execute it."""
    run = runs.claim_next("test-worker")
    assert run is not None and run.parameters["kind"] == "export"
    return runs.execute_run(run)


def test_queue_run_and_download_all_agendas_in_one_pdf(client, plan_event, publish, make_user, login, db):
    publish(plan_event["event"])
    _organiser(make_user, login, db)
    res = client.post("/agendas/burza-2027/exports", data={"what": "pdf", "lang": "de"})
    assert res.status_code == 302
    run = db.session.scalars(db.select(ScheduleRun)).one()
    assert run.status == RunStatus.QUEUED and run.parameters["what"] == "pdf"
    page = client.get("/agendas/burza-2027/").get_data(as_text=True)
    assert 'http-equiv="refresh"' in page and f"/exports/{run.id}" not in page
    assert client.get(f"/agendas/burza-2027/exports/{run.id}").status_code == 404  # not ready yet
    done = _run_worker(db)
    assert done.status == RunStatus.DONE, done.error
    assert done.progress == {"done": 3, "total": 3}
    assert jobs.export_path(done).parent.parts[-3:] == ("exports", str(done.event_id), str(done.id))
    page = client.get("/agendas/burza-2027/").get_data(as_text=True)
    assert f"/agendas/burza-2027/exports/{run.id}" in page and 'http-equiv="refresh"' not in page
    res = client.get(f"/agendas/burza-2027/exports/{run.id}")
    assert res.status_code == 200 and res.mimetype == "application/pdf"
    assert f'filename=burza-2027-agendas-de-{run.id}.pdf' in res.headers["Content-Disposition"]
    assert pdf_pages(res.data) == 3 and pdf_text(res.data).count("Persönlicher Terminplan") == 3
    res.close()


def test_zip_export_and_roles(client, plan_event, publish, make_user, make_event, login, db):
    event = plan_event["event"]
    publish(event)
    run = jobs.queue_export(event, "zip", "")
    other = jobs.queue_export(make_event(slug="andere"), "zip", "")
    db.session.commit()
    assert _run_worker(db).status == RunStatus.DONE
    runs.queue_run(event)  # a solver run of the same event is not an export
    db.session.commit()
    assert [r.id for r in jobs.export_runs(event)] == [run.id]
    _organiser(make_user, login, db, role="desk")
    assert client.post("/agendas/burza-2027/exports", data={"what": "zip"}).status_code == 403
    assert client.get(f"/agendas/burza-2027/exports/{run.id}").status_code == 403
    _organiser(make_user, login, db)
    assert client.get(f"/agendas/andere/exports/{run.id}").status_code == 404  # another event's job
    assert client.get(f"/agendas/burza-2027/exports/{other.id}").status_code == 404
    res = client.get(f"/agendas/burza-2027/exports/{run.id}")
    assert res.status_code == 200 and res.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(res.data)) as zf:
        names = sorted(zf.namelist())
        assert len(names) == 3 and all(n.endswith(".pdf") for n in names)
        assert "Jiří Dvořák" in pdf_text(zf.read(f"agenda-dvorak-{plan_event['cz'].id}.pdf"))
    res.close()
    assert client.post("/agendas/burza-2027/exports", data={"what": "../../etc", "lang": "x"}).status_code == 302
    assert len(jobs.export_runs(event)) == 1


def test_export_without_a_plan_fails_on_the_run(make_event, db):
    run = jobs.queue_export(make_event(slug="leer"), "pdf")
    db.session.commit()
    done = _run_worker(db)
    assert done.status == RunStatus.FAILED and ("no plan" in done.error or "no time slots" in done.error)
    assert jobs.finished_file(done) is None and not jobs.export_path(run).exists()
    assert not list(jobs.export_path(run).parent.glob("*.part"))


def test_only_the_newest_exports_keep_their_files(make_event, db):
    event = make_event(slug="viele")
    made = []
    for _ in range(jobs.KEEP_EXPORTS + 2):
        run = jobs.queue_export(event, "zip")
        db.session.commit()
        path = jobs.export_path(run)
        path.parent.mkdir(parents=True)
        path.write_bytes(b"PK")
        made.append(run)
    removed = jobs.prune_exports(event.id)
    assert removed == [made[0].id, made[1].id]
    assert [jobs.export_path(r).exists() for r in made] == [False, False, True, True, True]
