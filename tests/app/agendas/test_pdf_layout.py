"""Printed documents keep every word inside its own cell: long organisation, person, stand and interpreter
names wrap instead of running over the next column or row. Checked on the word boxes of every page of the
demo event's documents (pdfminer.six), with the longest names real registrations bring."""
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from app.agendas import exports, services
from app.demo import seed_demo
from app.events.models import Interpreter
from app.meetings.models import Meeting, MeetingRequest, MeetingStatus, RequestStatus
from app.participants.models import Participant

from .conftest import pdf_text
from .pdf_boxes import overlaps, words

LONG_ORG = "Sächsische Schweiz-Osterzgebirge Präzisionsmaschinenbau GmbH & Co. KG"
LONG_ORG_CZ = "Severočeské strojírny a slévárny Ústí nad Labem – Krásné Březno, akciová společnost"
LONG_PERSON = ("Maximiliane-Friederike", "Schwarzenberg-Hohenstein-Ernstthal")
LONG_POSITION = "Geschäftsführende Gesellschafterin, Leiterin Internationaler Vertrieb und Kooperationen"
LONG_INTERPRETER = "Bohumila Šťastná-Wolkenstein-Rodenegg"


def _place_greedily(event, slots, tables, pairs):
    """Meetings for `pairs` in the first slot where both are free and a table is left (no solver needed)."""
    busy, used, placed = set(), set(), []
    for a, b in pairs:
        for slot in slots:
            if (a.id, slot.id) in busy or (b.id, slot.id) in busy:
                continue
            table = next((t for t in tables if (t.id, slot.id) not in used), None)
            if table is None:
                continue
            busy |= {(a.id, slot.id), (b.id, slot.id)}
            used.add((table.id, slot.id))
            placed.append(Meeting(event_id=event.id, participant_a_id=a.id, participant_b_id=b.id,
                                  slot_id=slot.id, table_id=table.id, status=MeetingStatus.SCHEDULED))
            break
    return placed


@pytest.fixture
def demo_plan(db, make_participant, make_organisation, publish):
    event = seed_demo(db.session)
    long_de = make_participant(event, first_name=LONG_PERSON[0], last_name=LONG_PERSON[1], locale="de",
                               position=LONG_POSITION, languages=["de", "cs", "en"],
                               organisation=make_organisation(name=LONG_ORG, country="DE"))
    long_cz = make_participant(event, first_name="Přemysl-Bořivoj", last_name="Křižanovský-Hradecký", locale="cs",
                               position="vedoucí oddělení mezinárodní spolupráce a zahraničního obchodu",
                               organisation=make_organisation(name=LONG_ORG_CZ, country="CZ"))
    tables = sorted(event.tables, key=lambda t: t.number)
    tables[0].host, tables[1].host = long_de, long_cz
    tables[2].name = "Gemeinschaftsstand Wirtschaftsförderung Erzgebirge"
    db.session.add(Interpreter(event=event, name=LONG_INTERPRETER, languages=["cs", "de"]))
    db.session.flush()
    slots = sorted(event.slots, key=lambda s: s.start_at)
    requests = db.session.scalars(select(MeetingRequest).where(
        MeetingRequest.event_id == event.id, MeetingRequest.status == RequestStatus.ACCEPTED)
        .order_by(MeetingRequest.id)).all()
    people = db.session.scalars(select(Participant).where(
        Participant.event_id == event.id, Participant.id.not_in([long_de.id, long_cz.id]))
        .order_by(Participant.id).limit(12)).all()
    pairs = [(long_de, long_cz)] + [(long_de, p) for p in people[:6]] + [(long_cz, p) for p in people[6:]]
    stands = [t for t in tables if t.host_participant_id and t.number > 2]
    order = [tables[0], tables[2]] + stands + [t for t in tables[3:] if t not in stands]
    meetings = _place_greedily(event, slots, order, pairs + [(r.requester, r.target) for r in requests])
    interpreter = db.session.scalar(select(Interpreter).where(Interpreter.name == LONG_INTERPRETER))
    meetings[0].interpreter_id = interpreter.id
    db.session.add_all(meetings)
    db.session.flush()
    publish(event)
    meetings[1].slot_id = slots[-1].id  # a change for the change sheet: moved, and one cancelled
    meetings[2].status = MeetingStatus.CANCELLED
    db.session.flush()
    publish(event)
    db.session.commit()
    return {"event": event, "long_de": long_de, "long_cz": long_cz}


def _keep(data: bytes, name: str):
    """COOPEX_KEEP_PDFS=dir keeps the rendered documents for a look (pdftoppm)."""
    folder = os.environ.get("COOPEX_KEEP_PDFS")
    if folder:
        Path(folder, f"{name}.pdf").write_bytes(data)


def _assert_no_overlap(data: bytes, what: str):
    found = overlaps(words(data))
    shown = [(a.page, a.text, b.text) for a, b in found[:8]]
    assert not found, f"{what}: {len(found)} words printed over others, e.g. {shown}"


@pytest.mark.parametrize("document", ["master_plan", "table_sheets", "desk_list", "change_sheet"])
def test_organiser_documents_print_no_word_over_another(demo_plan, document):
    data = getattr(exports, f"{document}_pdf")(demo_plan["event"])
    _keep(data, document)
    text = pdf_text(data)
    assert "Präzisionsmaschinenbau" in text or document == "master_plan" and "Präzisions" in text
    _assert_no_overlap(data, document)


@pytest.mark.parametrize("lang", ["cs", "de", "en", "bilingual"])
def test_agendas_with_long_names_print_no_word_over_another(demo_plan, lang):
    for person in (demo_plan["long_de"], demo_plan["long_cz"]):
        data = services.participant_pdf(person, lang)
        _keep(data, f"agenda-{lang}-{person.id}")
        _assert_no_overlap(data, f"agenda {lang} of {person.last_name}")


def _flat(data: bytes) -> str:
    """The text with line breaks as spaces and hyphenation undone ("Präzision‐ smaschinenbau")."""
    return " ".join(pdf_text(data).replace("\u2010\n", "").split())


@pytest.mark.parametrize("lang,stand", [("cs", "Stánek"), ("de", "Stand"), ("en", "Stand")])
def test_a_hosted_table_is_named_in_the_documents_language(demo_plan, lang, stand):
    """Table 1 is hosted by the long-named German firm; its first meeting (with the Czech firm) is there."""
    text = _flat(services.participant_pdf(demo_plan["long_cz"], lang))
    assert f"{stand} Sächsische Schweiz-" in text
    assert ("Stánek" in text) == (lang == "cs")


def test_table_sheets_name_stands_in_both_languages_and_keep_custom_names(demo_plan):
    text = _flat(exports.table_sheets_pdf(demo_plan["event"]))
    assert "Stánek / Stand Sächsische Schweiz-Osterzgebirge" in text
    assert "Gemeinschaftsstand Wirtschaftsförderung Erzgebirge" in text


def test_the_demo_leaves_stand_names_to_the_documents(demo_plan):
    hosted = [t for t in demo_plan["event"].tables if t.host_participant_id]
    assert hosted and all(t.name == "" or t.name.startswith("Gemeinschafts") for t in hosted)


def test_the_word_box_check_finds_text_printed_over_text():
    """The check itself: two words drawn at the same place are reported, side by side ones are not."""
    from weasyprint import HTML

    html = ('<p style="position:absolute;top:10mm;left:10mm">Präzisionsmaschinenbau</p>'
            '<p style="position:absolute;top:10mm;left:20mm">Ústí</p>'
            '<p style="position:absolute;top:30mm;left:10mm">Stand Tisch</p>')
    found = overlaps(words(HTML(string=html).write_pdf()))
    assert [(a.text, b.text) for a, b in found] == [("Präzisionsmaschinenbau", "Ústí")]
