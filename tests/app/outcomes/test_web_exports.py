"""Exports from the dashboard: the request only queues a job, the worker writes the file, and only organisers
of that event (of every event of a series) can request or download it."""
import io
import zipfile

import pytest
from flask import g
from openpyxl import load_workbook
from sqlalchemy import select

from app.jobs import run_due
from app.jobs.models import Job, JobStatus
from app.outcomes.exports import to_xlsx
from app.outcomes.models import Series
from app.outcomes.web_exports import export_path
from tests.conftest import DEFAULT_PASSWORD


@pytest.fixture
def as_user(app):
    def do(email):
        g.pop("_login_user", None)   # the tests' app context (and its cached user) outlives the requests
        client = app.test_client()
        assert client.post("/account/login", data={"email": email, "password": DEFAULT_PASSWORD}).status_code == 302
        g.pop("_login_user", None)
        return client
    return do


def _jobs(db):
    return db.session.scalars(select(Job).where(Job.kind == "outcomes.export").order_by(Job.id)).all()


def test_an_export_is_made_by_the_worker_and_then_offered_for_download(db, small_event, make_user, as_user):
    event, people, meetings = small_event
    make_user("boss@example.org", events=[event])
    db.session.commit()
    boss = as_user("boss@example.org")
    for fmt in ("xlsx", "csv", "pdf"):
        res = boss.post(f"/organiser/outcomes/events/{event.id}/exports", data={"format": fmt})
        assert res.status_code == 302 and res.headers["Location"].endswith("#exports")
    jobs = _jobs(db)
    assert [j.payload["format"] for j in jobs] == ["xlsx", "csv", "pdf"]
    assert all(j.status == JobStatus.QUEUED and not export_path(j.payload).exists() for j in jobs)  # not in the request
    page = boss.get(f"/organiser/outcomes/events/{event.id}", headers={"Accept-Language": "en"})
    assert page.get_data(as_text=True).count("Being prepared") == 3
    assert boss.get(f"/organiser/outcomes/events/{event.id}/exports/{jobs[0].id}").status_code == 404

    assert run_due(name="worker") == 3
    g.pop("_login_user", None)
    html = boss.get(f"/organiser/outcomes/events/{event.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Being prepared" not in html and html.count("/exports/") == 3
    xlsx = boss.get(f"/organiser/outcomes/events/{event.id}/exports/{jobs[0].id}")
    assert xlsx.status_code == 200
    kpis = dict(list(load_workbook(io.BytesIO(xlsx.data))["KPIs"].iter_rows(values_only=True))[1:])
    assert kpis == dict(list(load_workbook(io.BytesIO(to_xlsx([event])))["KPIs"].iter_rows(values_only=True))[1:])
    csv_zip = boss.get(f"/organiser/outcomes/events/{event.id}/exports/{jobs[1].id}")
    assert sorted(zipfile.ZipFile(io.BytesIO(csv_zip.data)).namelist())[0] == "Feedback.csv"
    pdf = boss.get(f"/organiser/outcomes/events/{event.id}/exports/{jobs[2].id}")
    assert pdf.data.startswith(b"%PDF") and pdf.mimetype == "application/pdf"
    for res in (xlsx, csv_zip, pdf):
        res.close()


def test_only_organisers_of_the_event_reach_its_exports(db, small_event, make_event, make_user, make_participant,
                                                        as_user, signin, client):
    event, people, meetings = small_event
    other = make_event(slug="other-2027")
    make_user("boss@example.org", events=[event])
    make_user("desk@example.org", role="desk", events=[event])
    make_user("stranger@example.org", events=[other])
    db.session.commit()
    boss = as_user("boss@example.org")
    boss.post(f"/organiser/outcomes/events/{event.id}/exports", data={"format": "xlsx"})
    run_due(name="worker")
    job = _jobs(db)[0]
    url = f"/organiser/outcomes/events/{event.id}/exports"
    for email in ("desk@example.org", "stranger@example.org"):
        visitor = as_user(email)
        assert visitor.post(url, data={"format": "xlsx"}).status_code in (302, 403, 404)
        assert visitor.get(f"{url}/{job.id}").status_code in (403, 404)
        # the stranger's own event cannot reach this event's file either
        assert visitor.get(f"/organiser/outcomes/events/{other.id}/exports/{job.id}").status_code in (403, 404)
    assert len(_jobs(db)) == 1                                   # nobody else queued anything
    g.pop("_login_user", None)
    signin(people["cz1"])
    assert client.get(f"{url}/{job.id}").status_code in (302, 401, 403, 404)
    assert client.post(url, data={"format": "pdf"}).status_code in (302, 401, 403, 404)
    assert len(_jobs(db)) == 1


def test_a_series_export_needs_every_event_of_the_series(db, small_event, make_event, make_user, as_user):
    event, people, meetings = small_event
    other = make_event(slug="other-2027")
    series = Series(name="Glokalizace")
    db.session.add(series)
    event.series = other.series = series
    make_user("boss@example.org", events=[event])
    make_user("both@example.org", events=[event, other])
    db.session.commit()
    boss = as_user("boss@example.org")
    assert boss.get(f"/organiser/outcomes/series/{series.id}").status_code == 404
    assert boss.post(f"/organiser/outcomes/series/{series.id}/exports", data={"format": "xlsx"}).status_code == 404
    both = as_user("both@example.org")
    assert both.post(f"/organiser/outcomes/series/{series.id}/exports", data={"format": "xlsx"}).status_code == 302
    run_due(name="worker")
    job = _jobs(db)[0]
    assert job.payload["scope"] == "series"
    res = both.get(f"/organiser/outcomes/series/{series.id}/exports/{job.id}")
    assert res.status_code == 200
    res.close()
    assert both.get(f"/organiser/outcomes/events/{event.id}/exports/{job.id}").status_code == 404
