"""The plan grid: people with the same initial and surname told apart, pickers in the reader's alphabet,
every table reachable (the grid scrolls in its own box with the time column and the header kept in view)."""
from pathlib import Path

import flask_babel

import scheduler
from app.planning import adapter


def _plan(event, db):
    adapter.apply_plan(event, scheduler.solve(adapter.to_problem(event), time_limit_s=2, workers=1, seed=0))
    db.session.commit()


def test_same_initial_and_surname_are_told_apart(small_event, login_as, db):
    event, people = small_event
    people[0].first_name, people[0].last_name = "Jan", "Novák"
    people[1].first_name, people[1].last_name = "Jiří", "Novák"
    people[3].first_name, people[3].last_name = "Anna", "Schmidt"
    people[2].last_name, people[4].last_name, people[5].last_name = "Král", "Weber", "Horn"
    _plan(event, db)
    html = login_as("organiser").get(f"/organiser/events/{event.id}/planning/plan").get_data(as_text=True)
    assert "Jan Novák –" in html or "– Jan Novák" in html
    assert "Jiří Novák" in html and "J. Novák" not in html
    assert "A. Schmidt" in html  # alone with her initial: still short


def test_even_the_same_full_name_is_told_apart_by_the_organisation(small_event, db):
    from app.planning.stats import grid_names

    event, people = small_event
    for p in people[:2]:
        p.first_name, p.last_name = "Jan", "Novák"
    db.session.commit()
    names = grid_names(event)
    assert names[people[0].id] == f"Jan Novák ({people[0].organisation.name})"
    assert names[people[1].id] == f"Jan Novák ({people[1].organisation.name})"


def test_pickers_follow_the_readers_alphabet(small_event, login_as, db):
    event, people = small_event
    for p, name in zip(people, ["Řezáč", "Rybář", "Chalupa", "Hrubý", "Öztürk", "Zimmer"], strict=True):
        p.last_name = name
    _plan(event, db)
    client = login_as("organiser")
    url = f"/organiser/events/{event.id}/planning/plan"

    def order(lang):
        client.post(f"/language/{lang}")
        flask_babel.refresh()  # test requests share the fixture's app context and with it Babel's cached locale
        html = client.get(url).get_data(as_text=True)
        picker = html[html.index('id="participant_id"'):html.index("</select>", html.index('id="participant_id"'))]
        return [n for _i, n in sorted((picker.index(n), n) for n in
                                      ["Řezáč", "Rybář", "Chalupa", "Hrubý", "Öztürk", "Zimmer"])]

    assert order("cs") == ["Hrubý", "Chalupa", "Öztürk", "Rybář", "Řezáč", "Zimmer"]
    assert order("de") == ["Chalupa", "Hrubý", "Öztürk", "Řezáč", "Rybář", "Zimmer"]


def test_the_grid_keeps_time_column_and_tables_in_view(small_event, login_as, db, app):
    event, _people = small_event
    _plan(event, db)
    html = login_as("organiser").get(f"/organiser/events/{event.id}/planning/plan").get_data(as_text=True)
    assert 'class="table-wrap plan-wrap"' in html and '<th scope="row">' in html
    text = (Path(app.static_folder) / "css" / "planning.css").read_text(encoding="utf-8")
    assert ".plan-grid tbody th { position: sticky; left: 0;" in text and "overflow: auto" in text


def test_an_empty_plan_says_where_a_runs_result_is_applied(small_event, login_as, db):
    """Right after a solver run the grid is empty until its result is applied: the page says where, in the
    reader's language, and says nothing once the plan has meetings."""
    event, _people = small_event
    client = login_as("organiser")
    client.post("/language/de")
    flask_babel.refresh()  # test requests share the fixture's app context and with it Babel's cached locale
    url = f"/organiser/events/{event.id}/planning/plan"
    html = client.get(url).get_data(as_text=True)
    assert "Im Plan ist noch kein Gespräch." in html
    assert f'<a href="/organiser/events/{event.id}/planning/">Planung</a>' in html
    _plan(event, db)
    assert "Im Plan ist noch kein Gespräch." not in client.get(url).get_data(as_text=True)
