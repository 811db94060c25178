"""Ratings through the e-mailed signed link: real SMTP, partial answers, updates, other people's meetings,
tampered and expired links."""
import re

from app.meetings.models import Feedback, Outcome
from app.outcomes import tokens
from app.outcomes.mailing import send_ratings
from app.outcomes.tokens import make_link_token


def _form(entries):
    data = {}
    for i, e in enumerate(entries):
        data[f"meetings-{i}-meeting_id"] = str(e["id"])
        for key in ("rating", "outcome", "comment"):
            data[f"meetings-{i}-{key}"] = str(e.get(key, ""))
        if e.get("dnt"):
            data[f"meetings-{i}-did_not_take_place"] = "y"
    return data


def _feedback(db, participant):
    rows = db.session.query(Feedback).filter_by(participant_id=participant.id).order_by(Feedback.meeting_id)
    return [(f.meeting_id, f.rating, f.outcome, f.did_not_take_place, f.comment) for f in rows]


def test_each_participant_gets_a_rating_link_in_their_language(db, small_event, smtp, client):
    event, people, meetings = small_event
    people["pl"].opted_out_at = people["pl"].created_at     # opted out: no e-mail
    db.session.commit()
    send_ratings({"event_id": event.id})
    db.session.commit()
    assert sorted(m["To"] for m in smtp.messages) == sorted(people[k].email for k in ("cz1", "cz2", "de"))
    cz = smtp.to(people["cz1"].email)[0]
    de = smtp.to(people["de"].email)[0]
    assert "schůzky" in cz["Subject"] and "Gespräche" in de["Subject"]
    link = re.search(r"http://localhost(/e/small-2027/rate/\S+)", smtp.text(cz)).group(1)
    assert "/opt-out/" in smtp.text(cz)
    page = client.get(link, headers={"Accept-Language": "cs"}).get_data(as_text=True)
    assert "Erzguss GmbH" in page and "Kovo Most" in page and "Odlew" in page   # cz1 met de, cz2, pl


def test_partial_answers_are_saved_and_a_second_answer_updates(db, small_event, client):
    event, people, meetings = small_event
    db.session.commit()
    cz1 = people["cz1"]
    url = f"/e/{event.slug}/rate/{make_link_token(cz1, 'rate')}"
    res = client.post(url, data=_form([{"id": meetings[0].id, "rating": 4},
                                       {"id": meetings[2].id, "outcome": "further_contact"},
                                       {"id": meetings[4].id}]))
    assert res.status_code == 302
    assert _feedback(db, cz1) == [(meetings[0].id, 4, None, False, ""),
                                  (meetings[2].id, None, Outcome.FURTHER_CONTACT, False, "")]
    client.post(url, data=_form([{"id": meetings[0].id, "rating": 5, "outcome": "contract_signed",
                                  "comment": "Vertrag!"}, {"id": meetings[4].id, "dnt": True}]))
    db.session.expire_all()
    assert _feedback(db, cz1) == [(meetings[0].id, 5, Outcome.CONTRACT_SIGNED, False, "Vertrag!"),
                                  (meetings[2].id, None, Outcome.FURTHER_CONTACT, False, ""),
                                  (meetings[4].id, None, None, True, "")]
    assert re.search(r'<option selected value="5">', client.get(url).get_data(as_text=True))


def test_the_link_cannot_touch_another_persons_meeting(db, small_event, client):
    event, people, meetings = small_event
    db.session.commit()
    url = f"/e/{event.slug}/rate/{make_link_token(people['cz1'], 'rate')}"
    res = client.post(url, data=_form([{"id": meetings[0].id, "rating": 3},
                                       {"id": meetings[3].id, "rating": 1}]),   # pl - de: not cz1's
                      headers={"Accept-Language": "en"})
    assert res.status_code == 200 and "You can only rate your own meetings." in res.get_data(as_text=True)
    assert db.session.query(Feedback).count() == 0       # nothing half-saved


def test_tampered_expired_and_foreign_purpose_links_say_one_clear_sentence(db, small_event, client, monkeypatch):
    event, people, meetings = small_event
    db.session.commit()
    good = make_link_token(people["cz1"], "rate")
    res = client.get(f"/e/{event.slug}/rate/{good[:-3]}abc", headers={"Accept-Language": "de"})
    assert res.status_code == 400 and "Dieser Link ist ungültig" in res.get_data(as_text=True)
    opt_out = make_link_token(people["cz1"], "opt-out")
    assert client.get(f"/e/{event.slug}/rate/{opt_out}").status_code == 400
    monkeypatch.setitem(tokens.PURPOSES, "rate", -1)
    res = client.get(f"/e/{event.slug}/rate/{good}")
    assert res.status_code == 410 and "Dieser Link ist abgelaufen." in res.get_data(as_text=True)
    # the follow-up, opt-out and attendance links answer a bad link with the same sentence
    for path in ("follow-up", "opt-out", "attend"):
        res = client.get(f"/e/{event.slug}/{path}/{good}", headers={"Accept-Language": "de"})
        assert res.status_code == 400 and "Dieser Link ist ungültig" in res.get_data(as_text=True), path
    monkeypatch.setitem(tokens.PURPOSES, "attend", -1)
    res = client.get(f"/e/{event.slug}/attend/{make_link_token(people['cz1'], 'attend')}")
    assert res.status_code == 410 and "Dieser Link ist abgelaufen." in res.get_data(as_text=True)


def test_rating_links_last_sixty_days(db, small_event, client, monkeypatch):
    event, people, meetings = small_event
    db.session.commit()
    import itsdangerous.timed as timed

    real = timed.time.time
    made_at = real() - 59 * 24 * 3600
    monkeypatch.setattr(timed.time, "time", lambda: made_at)
    token = make_link_token(people["cz1"], "rate")
    monkeypatch.setattr(timed.time, "time", real)
    assert client.get(f"/e/{event.slug}/rate/{token}").status_code == 200
    monkeypatch.setattr(timed.time, "time", lambda: made_at - 2 * 24 * 3600)
    token = make_link_token(people["cz1"], "rate")
    monkeypatch.setattr(timed.time, "time", real)
    assert client.get(f"/e/{event.slug}/rate/{token}").status_code == 410


def test_opt_out_link_stops_later_e_mails(db, small_event, client, smtp):
    event, people, meetings = small_event
    db.session.commit()
    url = f"/e/{event.slug}/opt-out/{make_link_token(people['cz1'], 'opt-out')}"
    assert client.get(url).status_code == 200 and people["cz1"].opted_out_at is None
    client.post(url)
    db.session.expire_all()
    assert people["cz1"].opted_out_at is not None
    send_ratings({"event_id": event.id})
    assert people["cz1"].email not in [m["To"] for m in smtp.messages] and len(smtp.messages) == 3
