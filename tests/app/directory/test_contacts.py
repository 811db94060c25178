"""Contact requests outside events: e-mail revealed only on acceptance, either side can block, rate-limited."""
import pytest
from sqlalchemy import select

from app.directory.members import add_member
from app.directory.models import ContactRequest, ContactStatus


@pytest.fixture
def pair(db, german, czech, english):
    """Anke (Erzgebirge Metall) asks Strojírny Jizera, whose member is Petr."""
    for person in (german, czech):
        person.organisation.listed = True
        add_member(person.organisation, person.email)
    db.session.commit()
    return german, czech


def ask(client, signin, who, org, message="Wir suchen einen Zulieferer für Drehteile."):
    signin(who)
    return client.post(f"/directory/{org.id}/contact", data={"message": message})


def test_email_is_revealed_only_after_acceptance(client, signin, pair, db):
    anke, petr = pair
    page = client.get(f"/directory/{petr.organisation.id}")
    assert "Ask for contact" not in page.get_data(as_text=True)  # not signed in
    assert ask(client, signin, anke, petr.organisation).status_code == 302
    mine = client.get("/directory/contacts").get_data(as_text=True)
    assert "waiting for an answer" in mine and petr.email not in mine
    signin(petr)
    theirs = client.get("/directory/contacts").get_data(as_text=True)
    assert "Zulieferer für Drehteile" in theirs and anke.email not in theirs and anke.full_name in theirs
    req = db.session.scalar(select(ContactRequest))
    assert client.post(f"/directory/contacts/{req.id}/accept").status_code == 302
    assert anke.email in client.get("/directory/contacts").get_data(as_text=True)
    signin(anke)
    assert petr.email in client.get("/directory/contacts").get_data(as_text=True)


def test_only_members_answer(client, signin, pair, db, make_participant):
    anke, petr = pair
    ask(client, signin, anke, petr.organisation)
    req = db.session.scalar(select(ContactRequest))
    colleague = make_participant(petr.event, organisation=petr.organisation, email="new@jizera.example.cz")
    db.session.commit()
    signin(colleague)  # same organisation, but not a member (ownership rule)
    client.post(f"/directory/contacts/{req.id}/accept")
    db.session.expire_all()
    assert req.status == ContactStatus.PENDING


@pytest.mark.parametrize("blocker", ["target", "requester"])
def test_either_side_blocks_in_both_directions(client, signin, pair, db, blocker):
    anke, petr = pair
    ask(client, signin, anke, petr.organisation)
    req = db.session.scalar(select(ContactRequest))
    signin(petr if blocker == "target" else anke)
    client.post(f"/directory/contacts/{req.id}/block")
    db.session.expire_all()
    assert req.status == ContactStatus.DECLINED
    ask(client, signin, anke, petr.organisation, "Noch einmal?")
    ask(client, signin, petr, anke.organisation, "A naopak?")
    assert db.session.query(ContactRequest).count() == 1


def test_contact_requests_are_rate_limited(make_app, pair, db):
    from tests.sessions import sign_in_session

    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_CONTACT="2 per hour")
    anke, petr = pair
    client = app.test_client()
    with client.session_transaction() as sess:
        sign_in_session(sess, anke)
    codes = [client.post(f"/directory/{petr.organisation.id}/contact", data={"message": f"Hallo {i}"}).status_code
             for i in range(3)]
    assert codes[-1] == 429
