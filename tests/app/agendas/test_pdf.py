"""Agenda PDFs: text extracted with pypdf has the right names, tables and times, diacritics intact."""
import io
import zipfile

import pytest

from app.agendas import exports, pdf, services
from app.agendas.pdf import PdfError

from .conftest import pdf_pages, pdf_text


@pytest.mark.parametrize("lang,words", [
    ("cs", ["Můj program schůzek", "Předběžný plán, verze 1", "Stůl", "volno", "středa 10. března 2027", "Německo"]),
    ("de", ["Persönlicher Terminplan", "Vorläufiger Plan, Version 1", "Tisch", "frei", "Mittwoch, 10. März 2027",
            "Deutschland"]),
    ("en", ["Personal agenda", "Preliminary plan, version 1", "Table", "free", "Wednesday, March 10, 2027",
            "Germany"]),
])
def test_participant_agenda_in_each_language(plan_event, publish, lang, words):
    publish(plan_event["event"])
    text = pdf_text(services.participant_pdf(plan_event["cz"], lang))
    for word in words + ["Jiří Dvořák", "Strojírny Žďár s.r.o.", "Präzisionsteile Müller GmbH", "Jürgen Weiß",
                         "Łódź Łożyska Sp. z o.o.", "Zofia Wójcik", "Věra Šťastná", "09:00–09:25", "09:30–09:55",
                         "DE, EN"]:
        assert word in text, (lang, word)


def test_default_language_is_the_participants_and_bilingual_has_both(plan_event, publish):
    publish(plan_event["event"], kind="final")
    german = pdf_text(services.participant_pdf(plan_event["de"]))
    assert "Persönlicher Terminplan" in german and "Endgültiger Plan, Version 1" in german
    both = pdf_text(services.participant_pdf(plan_event["de"], "bilingual"))
    assert "Můj program schůzek / Persönlicher Terminplan" in both
    assert "Kooperační burza / Kooperationsbörse" in both
    assert "10:00–10:25" in both and "Łódź Łożyska" in both


def test_draft_mark_when_nothing_is_published(plan_event):
    text = pdf_text(services.participant_pdf(plan_event["pl"], "en"))
    assert "Draft – not published yet" in text


def test_participant_without_meetings_gets_a_clear_agenda(plan_event, make_participant, publish):
    lonely = make_participant(plan_event["event"], first_name="Řehoř", last_name="Šimůnek", locale="cs")
    publish(plan_event["event"])
    text = pdf_text(services.participant_pdf(lonely))
    assert "Zatím nemáte žádné schůzky." in text and "Řehoř Šimůnek" in text


def test_participants_see_no_unpublished_meetings(plan_event):
    text = pdf_text(services.participant_pdf(plan_event["cz"], "en", hide_unpublished=True))
    assert "No meetings yet." in text and "Jürgen Weiß" not in text


def test_missing_font_is_a_clear_error(plan_event, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "fonts_dir", lambda: tmp_path)
    with pytest.raises(PdfError, match="DejaVuSans.ttf"):
        services.participant_pdf(plan_event["cz"], "en")


def test_missing_plan_is_a_clear_error(make_event):
    event = make_event(slug="empty")
    with pytest.raises(services.AgendaError, match="no plan"):
        exports.master_plan_pdf(event)


def test_fetcher_refuses_files_outside_fonts_and_other_hosts(app):
    fetcher = pdf.url_fetcher()
    for url in ("file:///etc/passwd", "https://example.org/x.png", "http://127.0.0.1/x",
                (pdf.fonts_dir() / ".." / "css" / "app.css").resolve().as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    response = fetcher.fetch((pdf.fonts_dir() / "DejaVuSans.ttf").as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00"
    response.close()


def test_organiser_documents(plan_event, publish, db):
    event = plan_event["event"]
    publish(event)
    master = pdf_text(exports.master_plan_pdf(event))
    assert "Celkový plán / Gesamtplan" in master
    assert "Strojírny Žďár s.r.o." in master and "Präzisionsteile Müller GmbH" in master and "09:00–09:25" in master
    sheets = exports.table_sheets_pdf(event)
    assert pdf_pages(sheets) == 2
    assert "Jürgen Weiß" in pdf_text(sheets) and "volno / frei" in pdf_text(sheets)
    desk = pdf_text(exports.desk_list_pdf(event))
    assert "Příjezdy / Ankünfte" in desk.replace("\n", " ") or "Příjezdy" in desk
    assert "Jiří Dvořák" in desk and "10.03. 09:00" in desk


def test_change_sheet_lists_only_what_changed(plan_event, publish, db):
    event = plan_event["event"]
    m1, m2, m3 = plan_event["meetings"]
    publish(event)
    m1.slot = plan_event["slots"][3]
    m1.sequence += 1
    from app.meetings.models import MeetingStatus

    m2.status = MeetingStatus.CANCELLED
    db.session.flush()
    publish(event)
    text = " ".join(pdf_text(exports.change_sheet_pdf(event)).split())
    assert "přesunuto / verschoben" in text and "zrušeno / abgesagt" in text
    # each language writes the day and time its own way; the table with its zone in both languages
    assert "st 10. 3. 9:00 Mi., 10.3. 09:00 stůl 1 (zóna A) Tisch 1 (Zone A)" in text  # m1 before
    assert "st 10. 3. 10:30 Mi., 10.3. 10:30 stůl 1 (zóna A) Tisch 1 (Zone A)" in text  # m1 now
    assert "stůl 2 (zóna B) Tisch 2 (Zone B)" in text  # cancelled m2
    assert "· 1" not in text
    assert "Łódź Łożyska" in text  # cancelled m2
    # m3 did not change: Weiß × Wójcik appears only through m2's/m1's rows
    assert text.count("Präzisionsteile Müller GmbH") == 1


def test_all_agendas_in_one_pdf_and_a_zip(plan_event, publish):
    event = plan_event["event"]
    publish(event)
    one = exports.all_agendas_pdf(event, "en")
    assert pdf_pages(one) == 3
    text = pdf_text(one)
    assert text.index("Jiří Dvořák") < text.index("Jürgen Weiß") < text.index("Zofia Wójcik")
    data = exports.agendas_zip(event, "de", workers=1)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted(zf.namelist())
        assert names == sorted([f"agenda-dvorak-{plan_event['cz'].id}.pdf", f"agenda-weiss-{plan_event['de'].id}.pdf",
                                f"agenda-wojcik-{plan_event['pl'].id}.pdf"])
        assert "Persönlicher Terminplan" in pdf_text(zf.read(names[0]))


def test_parallel_rendering_in_worker_processes(plan_event, publish):
    from app.agendas.services import agenda_view
    from app.agendas.viewmodels import agenda_participants, load_plan

    publish(plan_event["event"])
    plan = load_plan(plan_event["event"])
    views = [agenda_view(plan, p.id) for p in agenda_participants(plan)]
    views.append(views[0])
    files = pdf.render_agendas(views, "cs", workers=2)
    assert len(files) == 4 and "Jiří Dvořák" in pdf_text(files[0])
    one = pdf.agendas_in_one(views, "de", workers=2)
    assert pdf_pages(one) == 4 and pdf_text(one).count("Persönlicher Terminplan") == 4


def test_no_fork_while_another_thread_runs():
    """A forked child inherits locks held by other threads and can hang on them: render in-process then."""
    import threading

    if threading.active_count() > 1:
        pytest.skip("another test left a thread running")
    assert pdf._workers(2, 10) == 2
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert pdf._workers(2, 10) == 1
    finally:
        release.set()
        thread.join()
