"""All tables in one form: names, zones and hosts saved together, all or nothing; long names kept whole."""
from app.events.models import Table
from app.participants.models import ParticipantRole

LONG = "Sächsische Schweiz-Osterzgebirge Präzisionsmaschinenbau GmbH & Co. KG"


def _rows(event, changes):
    data = {"count": len(event.tables), "zone": ""}
    for i, t in enumerate(event.tables):
        row = {"table_id": t.id, "name": t.name, "zone": t.zone, "host": t.host_participant_id or 0,
               **changes.get(t.number, {})}
        data.update({f"tables-{i}-{k}": v for k, v in row.items()})
    return data


def test_one_form_saves_every_table(small_event, login_as, db, make_participant):
    event, _people = small_event
    host = make_participant(event, role=ParticipantRole.EXHIBITOR)
    db.session.commit()
    client = login_as("organiser")
    url = f"/organiser/events/{event.id}/setup/tables"
    html = client.get(url).get_data(as_text=True)
    assert html.count("<form") - html.count('action="/language/') - html.count('action="/account/logout"') == 1
    data = _rows(event, {1: {"name": LONG, "zone": "Halle A"}, 2: {"name": "Stand Müller", "host": host.id},
                           3: {"zone": "Halle B"}})
    data["count"] = 5
    assert client.post(url, data=data).status_code == 302
    tables = db.session.scalars(db.select(Table).where(Table.event_id == event.id).order_by(Table.number)).all()
    assert [(t.name, t.zone) for t in tables[:3]] == [(LONG, "Halle A"), ("Stand Müller", "A"), ("", "Halle B")]
    assert tables[1].host_participant_id == host.id and len(tables) == 5
    assert f'value="{LONG}"' in client.get(url).get_data(as_text=True).replace("&amp;", "&")


def test_a_host_moves_between_tables_in_one_save(small_event, login_as, db, make_participant):
    event, _people = small_event
    host = make_participant(event, role=ParticipantRole.EXHIBITOR)
    event.tables[0].host_participant_id = host.id
    db.session.commit()
    client = login_as("organiser")
    data = _rows(event, {1: {"host": 0}, 2: {"host": host.id}})
    assert client.post(f"/organiser/events/{event.id}/setup/tables", data=data).status_code == 302
    db.session.expire_all()
    assert [t.host_participant_id for t in event.tables] == [None, host.id, None]


def test_an_error_saves_nothing_and_keeps_what_was_typed(small_event, login_as, db, make_participant):
    event, _people = small_event
    host = make_participant(event, role=ParticipantRole.EXHIBITOR)
    db.session.commit()
    client = login_as("organiser")
    data = _rows(event, {1: {"name": "Neuer Name", "host": host.id}, 2: {"host": host.id}})
    res = client.post(f"/organiser/events/{event.id}/setup/tables", data=data)
    html = res.get_data(as_text=True)
    assert res.status_code == 200 and "An exhibitor can host only one table." in html
    assert 'value="Neuer Name"' in html
    db.session.expire_all()
    assert event.tables[0].name == "" and all(t.host_participant_id is None for t in event.tables)
