"""The funder's PDF report: Czech and German, the same figures as the XLSX, no word printed over another."""
import io
import os
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from app.demo import seed_demo_series
from app.events.models import Event
from app.outcomes.exports import to_xlsx
from app.outcomes.report_pdf import to_pdf
from tests.app.agendas.pdf_boxes import overlaps, words


def _row_value(all_words, key):
    """The figure printed on the KPI row whose XLSX column says `key` (the word just left of it)."""
    label = max((w for w in all_words if w.text == key), key=lambda w: w.x0)   # the XLSX column
    row = [w for w in all_words if w.page == label.page and w.y0 < label.y1 and label.y0 < w.y1 and w.x1 <= label.x0]
    return max(row, key=lambda w: w.x1).text


def _xlsx_kpis(events):
    return dict(list(load_workbook(io.BytesIO(to_xlsx(events)))["KPIs"].iter_rows(values_only=True))[1:])


def _keep(data, name):
    if os.environ.get("COOPEX_KEEP_PDFS"):
        Path(os.environ["COOPEX_KEEP_PDFS"], f"{name}.pdf").write_bytes(data)


def test_report_of_liberec_2026_has_the_xlsx_figures_in_czech_and_german(db):
    seed_demo_series(db.session)
    db.session.commit()
    event = db.session.scalar(select(Event).where(Event.slug == "liberec-2026"))
    for name, events, series in (("event", [event], None), ("series", list(event.series.events), event.series)):
        data = to_pdf(events, series)
        _keep(data, f"report-{name}")
        all_words = words(data)
        text = " ".join(w.text for w in all_words)
        kpis = _xlsx_kpis(events)
        for key in ("registered", "approved", "requests", "accepted", "scheduled", "held", "no_show", "rated",
                    "RCO87", "RCR84"):
            assert _row_value(all_words, key) == str(kpis[key]), key
        assert kpis["held"] > 0 and kpis["RCO87"] > 0
        for word in ("Uskutečněné", "Geführte", "přeshraniční", "grenzüberschreitende", "Spolufinancováno",
                     "Kofinanziert"):
            assert word in text, word
        assert text.count("<svg") == 0 and "RCO87" in text
        found = overlaps(all_words)
        assert not found, [(a.page, a.text, b.text) for a, b in found[:8]]


def test_report_pdf_from_the_command_line(runner, db, tmp_path):
    seed_demo_series(db.session)
    db.session.commit()
    out = tmp_path / "liberec.pdf"
    res = runner.invoke(args=["outcomes", "report", "--event", "liberec-2026", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"%PDF")
    res = runner.invoke(args=["outcomes", "report", "--series", "Glokalizace", "--out", str(tmp_path / "s.pdf")])
    assert res.exit_code == 0 or "no series" in res.output
