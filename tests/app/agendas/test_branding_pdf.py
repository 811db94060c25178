"""Event branding on paper: the funding statement (in the document's language), the programme name and the
logos are printed on every page of every document."""
import io
import struct
import zlib

import pytest

from app.agendas import exports, services
from app.events import branding

from .conftest import pdf_text

PROGRAMME = "Interreg Česko – Sasko / Sachsen – Tschechien 2021–2027"


def png(width=40, height=20):
    """A real, tiny, valid PNG (one grey colour), built here so no image library is needed."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def branded(plan_event, publish, db):
    event = plan_event["event"]
    event.funding_statement, event.programme_name = True, PROGRAMME
    branding.add_logo(event, "organiser", "Saxony Trade & Invest", png())
    db.session.commit()
    publish(event)
    return plan_event


@pytest.mark.parametrize("lang,statement", [("cs", "Spolufinancováno Evropskou unií"),
                                            ("de", "Kofinanziert von der Europäischen Union"),
                                            ("en", "Co-funded by the European Union")])
def test_agenda_pdf_prints_the_statement_in_its_language(branded, lang, statement):
    from pypdf import PdfReader

    data = services.participant_pdf(branded["cz"], lang)
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:  # every page, not just the first
        text = page.extract_text()
        assert statement in text and "Interreg Česko" in text, (lang, text)
        assert any(name.startswith("/") for name in (page["/Resources"].get("/XObject") or {}))  # the logo


def test_bilingual_agenda_has_both_statements(branded):
    text = pdf_text(services.participant_pdf(branded["de"], "bilingual"))
    assert "Spolufinancováno Evropskou unií / Kofinanziert von der Europäischen Union" in text


def test_every_organiser_document_is_branded(branded, publish):
    event = branded["event"]
    publish(event)  # version 2, so that there is a change sheet against version 1
    for render in (exports.master_plan_pdf, exports.table_sheets_pdf, exports.desk_list_pdf,
                   exports.change_sheet_pdf):
        text = pdf_text(render(event))  # organiser documents are bilingual (cs / de)
        assert "Spolufinancováno Evropskou unií / Kofinanziert von der Europäischen Union" in text, render.__name__
        assert PROGRAMME.replace(" ", "") in text.replace(" ", ""), render.__name__  # pypdf splits "T schechien"


def test_no_statement_when_the_event_has_none(plan_event, publish):
    publish(plan_event["event"])
    text = pdf_text(services.participant_pdf(plan_event["cz"], "en"))
    assert "European Union" not in text
