"""GDPR across events: export and delete cover every participation, membership and contact request."""
import json

from sqlalchemy import select

from app.directory import contacts
from app.directory.members import add_member
from app.directory.models import ContactRequest
from app.participants.models import ParticipantStatus


def test_export_and_delete_cover_the_person_in_every_event(client, signin, german, czech, db, make_event,
                                                          make_participant):
    second = make_event(slug="karlovy-vary-2028")
    again = make_participant(second, organisation=german.organisation, email=german.email, first_name="Anke",
                             last_name="Richter", locale="en")
    org = german.organisation
    org.listed = True
    add_member(org, german.email)
    czech.organisation.listed = True
    db.session.flush()
    contacts.ask(german, czech.organisation, "Wir suchen Drehteile.")
    db.session.commit()

    signin(again)
    data = json.loads(client.get(f"/e/{second.slug}/me/data.json").get_data(as_text=True))["across_events"]
    assert {p["event"] for p in data["participations"]} == {"test-event", "karlovy-vary-2028"}
    assert data["member_of"] == [{"organisation": "Erzgebirge Metall GmbH", "listed": True}]
    assert data["contact_requests"][0]["message"] == "Wir suchen Drehteile."

    resp = client.post(f"/e/{second.slug}/me/delete", data={"confirm": "y"})
    assert resp.status_code == 302
    db.session.expire_all()
    assert german.status == ParticipantStatus.CANCELLED and german.email.startswith("deleted-")
    assert again.status == ParticipantStatus.CANCELLED
    assert org.members == [] and org.listed is False  # the last member left: no longer listed
    req = db.session.scalar(select(ContactRequest))
    assert req.requester_email.startswith("deleted-") and req.message == "" and req.requester_name == ""
