"""GDPR: a participant downloads their data and deletes their account; statistics keep anonymous rows."""
import json

from sqlalchemy import func, select

from app.meetings.models import Meeting, MeetingRequest, RequestStatus
from app.participants.models import Opportunity, OpportunityKind, ParticipantStatus
from app.participants.tokens import make_token


def test_download_my_data(client, signin, german, czech, db):
    german.organisation.opportunities.append(Opportunity(kind=OpportunityKind.BUSINESS_OFFER, title_en="Laser cutting",
                                                     author=german))
    db.session.add(MeetingRequest(event_id=german.event_id, requester_id=czech.id, target_id=german.id,
                                  message="Dobrý den"))
    db.session.commit()
    signin(german)
    resp = client.get(f"/e/{german.event.slug}/me/data.json")
    assert "attachment" in resp.headers["Content-Disposition"]
    data = json.loads(resp.get_data(as_text=True))
    assert data["person"]["email"] == german.email and data["organisation"]["name"] == "Erzgebirge Metall GmbH"
    assert data["opportunities"][0]["title_en"] == "Laser cutting"
    assert (data["meeting_requests"][0]["direction"] == "received"
            and data["meeting_requests"][0]["message"] == "Dobrý den")


def test_delete_account_anonymises_and_keeps_statistics(client, signin, german, czech, db):
    event = german.event
    token = make_token(german)
    db.session.add(MeetingRequest(event_id=event.id, requester_id=german.id, target_id=czech.id))
    db.session.add(Meeting(event_id=event.id, participant_a_id=german.id, participant_b_id=czech.id))
    db.session.commit()
    signin(german)
    html = client.post(f"/e/{event.slug}/me/delete", data={}).get_data(as_text=True)
    assert 'id="confirm-err"' in html
    resp = client.post(f"/e/{event.slug}/me/delete", data={"confirm": "y"})
    assert resp.status_code == 302
    db.session.expire_all()
    assert german.status == ParticipantStatus.CANCELLED and german.anonymised_at is not None
    assert "Anke" not in german.full_name and german.email.endswith("@invalid") and german.phone == ""
    assert german.opportunities == []
    assert db.session.scalar(select(func.count(Meeting.id))) == 1
    assert db.session.scalar(select(MeetingRequest.status)) == RequestStatus.WITHDRAWN
    assert client.get(f"/e/{event.slug}/me").status_code == 302  # signed out
    assert client.get(f"/e/{event.slug}/signin/{token}").status_code == 400  # old links are dead


def test_delete_account_erases_mail_records_outbox_copies_and_messages(client, signin, german, czech, db, app):
    """Issue 17: deletion also removes the person's e-mail log, outbox .eml copies and request messages.
    Failed before: EmailRecord rows, the outbox files and the message texts all survived."""
    from app.meetings.services import request_meeting
    from app.planning.models import EmailRecord

    from .fixtures import outbox

    request_meeting(german, czech, message="Anke Richter, Tel. +49 151 1234567")  # e-mail to czech
    request_meeting(czech, german, message="Dobrý den")  # mutual: e-mail to german
    db.session.commit()
    address = german.email
    assert any(m["To"] == address for m in outbox(app))
    assert db.session.scalar(select(func.count(EmailRecord.id)).where(EmailRecord.to == address)) == 1
    signin(german)
    assert client.post(f"/e/{german.event.slug}/me/delete", data={"confirm": "y"}).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(func.count(EmailRecord.id)).where(
        (EmailRecord.to == address) | (EmailRecord.participant_id == german.id))) == 0
    assert [m["To"] for m in outbox(app)] == [czech.email]  # the other person's copy stays
    messages = dict(db.session.execute(select(MeetingRequest.requester_id, MeetingRequest.message)).all())
    assert messages == {german.id: "", czech.id: "Dobrý den"}
