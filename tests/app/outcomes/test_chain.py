"""The whole chain on a small event: marks -> ratings -> follow-up -> KPIs computed by hand here."""
import io

from openpyxl import load_workbook

from app.meetings.models import AttendanceMark, Feedback, MeetingStatus, Outcome
from app.outcomes import attendance
from app.outcomes.exports import to_xlsx
from app.outcomes.kpis import compute
from app.outcomes.models import CooperationKind, FollowUpAnswer

HELD, NO_SHOW = AttendanceMark.HELD, AttendanceMark.NO_SHOW


def _play(db, people, meetings):
    m_cz1_de, m_cz2_de, m_cz1_cz2, m_pl_de, m_cz1_pl = meetings
    attendance.mark_by_participant(m_cz1_de, people["cz1"], HELD)
    attendance.mark_by_participant(m_cz1_de, people["de"], HELD)
    attendance.mark_by_participant(m_cz2_de, people["cz2"], HELD)          # only one side: held
    attendance.mark_by_participant(m_cz1_cz2, people["cz1"], HELD)         # domestic, held
    attendance.mark_by_participant(m_pl_de, people["pl"], NO_SHOW)         # de did not come
    attendance.mark_by_participant(m_cz1_pl, people["cz1"], HELD)          # conflict: stays scheduled
    attendance.mark_by_participant(m_cz1_pl, people["pl"], NO_SHOW)
    for meeting, who, rating, outcome in [
            (m_cz1_de, "cz1", 5, Outcome.COOPERATION_AGREED), (m_cz1_de, "de", 4, Outcome.OFFER_SENT),
            (m_cz2_de, "cz2", 2, Outcome.NO_FOLLOW_UP), (m_cz1_cz2, "cz2", None, Outcome.FURTHER_CONTACT)]:
        db.session.add(Feedback(meeting_id=meeting.id, participant_id=people[who].id, rating=rating,
                                outcome=outcome))
    db.session.add_all([
        FollowUpAnswer(participant_id=people["cz1"].id, partner_id=people["de"].id, months=3, cooperating=True,
                       kind=CooperationKind.SUPPLY),
        # cooperating, but with a domestic partner: not RCR84
        FollowUpAnswer(participant_id=people["cz2"].id, partner_id=people["cz1"].id, months=3, cooperating=True),
        # cross-border, but they never held a meeting (no-show): not "met there"
        FollowUpAnswer(participant_id=people["pl"].id, partner_id=people["de"].id, months=6, cooperating=True),
    ])
    db.session.flush()


def test_kpis_equal_the_hand_counted_figures(db, small_event):
    event, people, meetings = small_event
    _play(db, people, meetings)
    out = compute([event])
    assert [m.status for m in meetings] == [MeetingStatus.HELD, MeetingStatus.HELD, MeetingStatus.HELD,
                                            MeetingStatus.NO_SHOW, MeetingStatus.SCHEDULED]
    assert out.counts == {"registered": 5, "approved": 4, "requests": 6, "accepted": 5, "scheduled": 5,
                          "held": 3, "no_show": 1, "rated": 3, "cross_border_held": 2, "RCO87": 3, "RCR84": 1}
    orgs = {p: people[p].organisation_id for p in people}
    assert out.rco87 == {orgs["cz1"], orgs["cz2"], orgs["de"]}
    assert out.rcr84 == {orgs["cz1"]}
    assert out.cross_border_share == 2 / 3
    assert out.ratings == {5: 1, 4: 1, 2: 1}
    assert out.by_country == {"CZ": 2, "DE": 1, "PL": 1}


def test_conflicting_marks_are_kept_and_listed_until_the_desk_decides(db, small_event):
    event, people, meetings = small_event
    _play(db, people, meetings)
    conflict = meetings[4]
    assert attendance.conflicting_meetings(event) == [conflict]
    assert (conflict.mark_a, conflict.mark_b) == (HELD, NO_SHOW) and conflict.marks_conflict
    attendance.mark_by_desk(conflict, NO_SHOW)
    assert conflict.status == MeetingStatus.NO_SHOW
    assert (conflict.mark_a, conflict.mark_b) == (HELD, NO_SHOW)  # nobody's word is overwritten
    assert attendance.conflicting_meetings(event) == []


def test_a_participant_cannot_mark_somebody_elses_meeting(db, small_event):
    event, people, meetings = small_event
    import pytest
    with pytest.raises(attendance.AttendanceError):
        attendance.mark_by_participant(meetings[3], people["cz1"], HELD)   # pl - de
    assert meetings[3].mark_a is None and meetings[3].mark_b is None


def test_absent_participants_meetings_become_no_shows_when_the_desk_confirms(db, small_event):
    event, people, meetings = small_event
    candidates = attendance.no_show_candidates(event, people["de"])
    assert candidates == [meetings[0], meetings[1], meetings[3]]
    attendance.confirm_no_shows(event, people["de"])
    assert [m.status for m in meetings] == [MeetingStatus.NO_SHOW, MeetingStatus.NO_SHOW,
                                            MeetingStatus.SCHEDULED, MeetingStatus.NO_SHOW,
                                            MeetingStatus.SCHEDULED]


def _sheet(wb, name):
    rows = list(wb[name].iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_the_xlsx_read_back_matches_the_dashboard_figures(db, small_event):
    event, people, meetings = small_event
    _play(db, people, meetings)
    wb = load_workbook(io.BytesIO(to_xlsx([event])))
    assert wb.sheetnames == ["KPIs", "Meetings", "Participants", "Organisations", "Requests", "Feedback"]
    header, rows = _sheet(wb, "KPIs")
    assert header == ("indicator", "value")
    kpis = dict(rows)
    assert {k: kpis[k] for k in compute([event]).counts} == compute([event]).counts
    header, rows = _sheet(wb, "Meetings")
    col = {name: header.index(name) for name in header}
    first = rows[0]
    assert (first[col["status"]], first[col["organisation_a"]], first[col["country_a"]],
            first[col["organisation_b"]], first[col["country_b"]], first[col["rating_a"]],
            first[col["rating_b"]], first[col["outcome"]]) == (
        "held", "Jizera s.r.o.", "CZ", "Erzguss GmbH", "DE", 5, 4, "cooperation_agreed")
    assert sum(r[col["status"]] == "held" for r in rows) == kpis["held"]
    assert len(_sheet(wb, "Requests")[1]) == kpis["requests"]
    assert len(_sheet(wb, "Participants")[1]) == kpis["registered"]
    header, rows = _sheet(wb, "Organisations")
    assert sum(r[header.index("RCO87")] for r in rows) == kpis["RCO87"]
    assert len(_sheet(wb, "Feedback")[1]) == 4


def test_report_cli_writes_the_xlsx_and_the_csv_tables(db, small_event, runner, tmp_path):
    event, people, meetings = small_event
    _play(db, people, meetings)
    db.session.commit()
    out = tmp_path / "r.xlsx"
    res = runner.invoke(args=["outcomes", "report", "--event", "small-2027", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert dict(_sheet(load_workbook(out), "KPIs")[1])["RCO87"] == 3
    res = runner.invoke(args=["outcomes", "report", "--event", "small-2027", "--out", str(tmp_path / "csv")])
    assert res.exit_code == 0, res.output
    assert "RCR84,1" in (tmp_path / "csv" / "KPIs.csv").read_text()
    res = runner.invoke(args=["outcomes", "report", "--event", "nope", "--out", str(out)])
    assert res.exit_code == 2 and "no event with the slug 'nope'" in res.output
