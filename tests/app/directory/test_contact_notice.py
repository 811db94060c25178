"""The asked organisation's members get an e-mail about a contact request: sent by the worker, in their
language, with a link that leads to the answer (through the sign-in for all events when signed out)."""
import re

from app.jobs import run_due

from .test_contacts import ask, pair  # noqa: F401


def test_a_contact_request_is_announced_by_e_mail_in_the_recipients_language(client, signin, pair, smtp, db):  # noqa: F811
    anke, petr = pair  # Petr (Czech) is the member of Strojírny Jizera
    assert ask(client, signin, anke, petr.organisation).status_code == 302
    assert smtp.messages == []  # never inside the request
    run_due()
    [msg] = smtp.messages
    assert msg["To"] == petr.email and "žádá" in msg["Subject"] and "Anke Richter" in msg["Subject"]
    body = smtp.text(msg)
    assert "Zulieferer für Drehteile" in body and anke.email not in body  # no address before acceptance
    path = re.search(r"http://localhost(/directory/contacts)", body).group(1)
    client.post("/account/logout")
    resp = client.get(path)
    assert resp.status_code == 302 and "/my-events/signin?next=/directory/contacts" in resp.location
    signin(petr)
    assert "Zulieferer für Drehteile" in client.get(path).get_data(as_text=True)


def test_an_answered_request_is_not_announced_any_more(client, signin, pair, smtp, db):  # noqa: F811
    from app.directory.models import ContactRequest, ContactStatus

    anke, petr = pair
    ask(client, signin, anke, petr.organisation)
    req = db.session.scalar(db.select(ContactRequest))
    req.status = ContactStatus.DECLINED
    db.session.commit()
    run_due()
    assert smtp.messages == []
