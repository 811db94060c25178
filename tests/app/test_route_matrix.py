"""Every route × every kind of visitor (issue 17).

Each endpoint of app.url_map is classified below; a new route fails `test_every_route_is_classified` until
someone decides who may open it. For each class and visitor the matrix says allowed or denied:
denied = 403, 404, or a redirect to a sign-in page; allowed = any other answer below 500 (GET routes).
POST routes are checked for the denied visitors only (an allowed POST would change the world the other
checks stand on). Visitors: anonymous, participants A and B of the event (A must not reach B's things),
a pending registrant, desk and organiser of ANOTHER event, desk and organiser of the event, admin.
On today's code the organiser and desk of another event opened this event's pages and the pending
registrant browsed the marketplace.
"""
import re

import pytest
from flask import g

from app.accounts.models import EventStaff, Role, User
from app.events.models import EventStatus, Interpreter, Table
from app.meetings.models import Meeting, MeetingRequest
from app.participants.models import Opportunity, OrganisationProposal, ParticipantStatus
from app.planning.models import ScheduleRun
from tests.sessions import sign_in_session

PUBLIC = {"main.index", "main.healthz", "main.set_language", "static", "accounts.login", "accounts.logout",
          "accounts.request_reset", "accounts.reset_password", "events.show_event",
          "participants.register_participant", "participants.signin", "participants.signin_token",
          "agendas.show_board", "agendas.feed_ics", "agendas.show_live_agenda",
          "events.show_logo", "main.favicon",
          "outcomes_public.rate_meetings", "outcomes_public.opt_out",
          "outcomes_public.answer_follow_up",  # signed links
          "outcomes_public.confirm_attendance",
          "directory.list_organisations", "directory.show_organisation",   # listed organisations only
          "directory_api.list_organisations", "directory_api.show_organisation",
          "people.signin", "people.opt_out", "people.register_returning",  # the sign-in for all events, signed links
          "people.register_returning_signed_in"}  # the registration form for strangers, one click for returning people
ACCOUNT = {"accounts.change_password_view"}              # any organiser account (admin, organiser, desk)
STAFF_HOME = {"accounts.organiser_home"}                 # organiser/desk/admin, lists their own events
ADMIN = {"accounts.edit_staff", "accounts.revoke_staff"}
NEW_EVENT = {"setup.create_event",                       # organiser accounts (global role), not desk
             "directory.list_duplicates", "directory.merge", "directory.import_organisations"}
ORG_EDIT = {"directory.edit_organisation", "directory.edit_offer",
            "directory.delete_offer"}  # its members (B), organisers
SELF = {"participants.edit_profile", "participants.export_my_data", "participants.delete_my_account",
        "meetings.show_agenda", "agendas.participant_pdf", "agendas.participant_ics",  # incl. pending
        "directory.list_contacts", "directory.ask_contact", "directory.answer_contact",
        "outcomes_public.mark_meeting", "people.list_events"}
APPROVED = {"meetings.request_meeting_view", "meetings.mark_participant", "meetings.list_requests"}
BROWSE = {"participants.marketplace", "participants.show_participant"}  # approved participants + event staff
OWN_OF_B = {"participants.edit_opportunity", "participants.delete_opportunity_view", "meetings.answer_request",
            "participants.decide_proposal"}             # B's opportunity / request / organisation's proposal
DESK = {"desk.show_desk", "desk.mark_participant", "desk.queue_replan", "desk.show_replan", "desk.apply_replan",
        "desk.show_replan_progress", "desk.add_walk_in", "agendas.list_documents", "agendas.table_sheets_pdf",
        "agendas.desk_list_pdf", "desk.show_checkin", "desk.check_in_code", "desk.check_in_participant",
        "desk.undo_check_in", "desk.list_no_shows", "desk.confirm_no_shows", "desk.badges_pdf", "desk.show_badges",
        "desk.queue_badges", "desk.badge_pdf"}          # organiser or desk of the event
ORGANISER_PREFIXES = ("roster.", "planning.", "setup.", "agendas.",
                      "outcomes.")  # everything else there: organiser of the event

VISITORS = ("anonymous", "A", "B", "pending", "desk_other", "organiser_other", "desk", "organiser", "admin")


# (visitor, endpoint) pairs whose allowed answer is "nothing here" (404): a pending registrant has no meetings
# and so no calendar; the run of the fixture has no finished export file.
NOTHING_HERE = {("pending", "agendas.participant_ics"), ("organiser", "agendas.download_export"),
                ("admin", "agendas.download_export"), ("organiser", "outcomes.show_series"),
                ("admin", "outcomes.show_series"),  # the world has no series
                ("organiser", "outcomes.download_event_export"), ("admin", "outcomes.download_event_export"),
                ("organiser", "outcomes.download_series_export"), ("admin", "outcomes.download_series_export")}


def classify(endpoint, rule=None):
    if endpoint == "participants.edit_opportunity" and rule is not None and "opportunity_id" not in rule.rule:
        return "self"  # /opportunities/new: one's own new opportunity
    for name, members in (("public", PUBLIC), ("account", ACCOUNT), ("staff_home", STAFF_HOME), ("admin", ADMIN),
                          ("new_event", NEW_EVENT), ("self", SELF), ("approved", APPROVED), ("browse", BROWSE),
                          ("own_of_b", OWN_OF_B), ("desk", DESK), ("org_edit", ORG_EDIT)):
        if endpoint in members:
            return name
    if endpoint.startswith(ORGANISER_PREFIXES) or endpoint == "people.invite_series":
        return "organiser"
    return None


ALLOWED = {
    "account": {"desk_other", "organiser_other", "desk", "organiser", "admin"},
    "staff_home": {"desk_other", "organiser_other", "desk", "organiser", "admin"},
    "admin": {"admin"},
    "new_event": {"organiser_other", "organiser", "admin"},
    "self": {"A", "B", "pending"},
    "approved": {"A", "B"},
    "browse": {"A", "B", "desk", "organiser", "admin"},
    "own_of_b": {"B"},
    "org_edit": {"B", "organiser_other", "organiser", "admin"},
    "desk": {"desk", "organiser", "admin"},
    "organiser": {"organiser", "admin"},
}


def test_every_route_is_classified(app):
    missing = sorted({r.endpoint for r in app.url_map.iter_rules()} - {
        r.endpoint for r in app.url_map.iter_rules() if classify(r.endpoint)})
    assert not missing, f"classify these routes in tests/app/test_route_matrix.py: {missing}"


@pytest.fixture
def world(make_event, make_participant, make_organisation, db):
    event = make_event(slug="here-2027", sessions=1, status=EventStatus.OPEN)
    other = make_event(slug="there-2027", sessions=1, status=EventStatus.OPEN)
    a, b, c = (make_participant(event, email=f"{n}@example.cz", first_name=n.upper()) for n in "abc")
    pending = make_participant(event, email="pending@example.cz", status=ParticipantStatus.PENDING)
    newcomer = make_participant(event, email="new@example.cz", organisation=b.organisation,
                                organisation_confirmed=False)
    proposal = OrganisationProposal(organisation=b.organisation, participant=newcomer, changes={"city": "Praha"})
    opportunity = Opportunity(organisation=b.organisation, author=b, title_en="Laser cutting")
    request = MeetingRequest(event_id=event.id, requester_id=b.id, target_id=c.id)
    meeting = Meeting(event_id=event.id, participant_a_id=a.id, participant_b_id=c.id)
    run = ScheduleRun(event_id=event.id, parameters={"kind": "solve"})
    table, interpreter = Table(event_id=event.id, number=1), Interpreter(event_id=event.id, name="Jana")
    db.session.add_all([proposal, opportunity, request, meeting, run, table, interpreter])
    from app.directory.members import add_member

    add_member(b.organisation, b.email)
    users = {}
    for name, role, grant_to in (("desk_other", Role.DESK, other), ("organiser_other", Role.ORGANISER, other),
                                 ("desk", Role.DESK, event), ("organiser", Role.ORGANISER, event),
                                 ("admin", Role.ADMIN, None)):
        user = User(email=f"{name}@example.org", role=role)
        user.set_password("secret-pass-1")
        db.session.add(user)
        if grant_to is not None:
            db.session.add(EventStaff(user=user, event_id=grant_to.id, role=role))
        users[name] = user
    db.session.commit()
    values = {"slug": event.slug, "event_id": event.id, "participant_id": b.id, "pid": b.id,
              "opportunity_id": opportunity.id, "request_id": request.id, "proposal_id": proposal.id,
              "meeting_id": meeting.id, "run_id": run.id, "table_id": table.id, "interpreter_id": interpreter.id,
              "session_id": event.sessions[0].id, "user_id": users["desk"].id, "token": "not-a-token",
              "filename": "css/participants.css", "zone": "all", "code": "de", "org_id": b.organisation.id,
              "file_name": "missing.png", "logo_id": 1,
              "series_id": 999999, "job_id": 999999}
    return {"values": values, "visitors": {"A": a, "B": b, "pending": pending, **users}}


def _url(rule, values):
    out = rule.rule
    for conv, name in re.findall(r"<(?:([^:<>]+):)?(\w+)>", rule.rule):
        value = re.findall(r"[\w-]+", conv[4:])[0] if conv.startswith("any(") else values[name]
        out = re.sub(r"<(?:[^:<>]+:)?" + name + ">", str(value), out)
    return out


def _sign_in(client, visitor):
    g.pop("_login_user", None)
    with client.session_transaction() as sess:
        sess.clear()
        if visitor is not None:
            sign_in_session(sess, visitor)


def _denied(res):
    if res.status_code in (401, 403, 404):
        return True
    location = res.headers.get("Location", "")
    return res.status_code == 302 and ("/account/login" in location or "/signin" in location)


def test_role_by_route_matrix(app, world, client, db):
    problems = []
    rules = sorted((r for r in app.url_map.iter_rules() if classify(r.endpoint) != "public"), key=lambda r: r.rule)
    for rule in rules:
        kind = classify(rule.endpoint, rule)
        method = "GET" if "GET" in rule.methods else "POST"
        url = _url(rule, world["values"])
        for name in VISITORS:
            allowed = name in ALLOWED[kind]
            if allowed and method == "POST":
                continue
            visitor = world["visitors"].get(name)
            if visitor is not None:
                db.session.refresh(visitor)
            _sign_in(client, visitor)
            res = client.open(url, method=method)
            if allowed and res.status_code == 404 and (name, rule.endpoint) in NOTHING_HERE:
                continue
            if res.status_code >= 500 or (_denied(res) == allowed):
                problems.append(f"{name:16} {method:4} {url}: {res.status_code} {res.headers.get('Location', '')}"
                                f" (expected {'allowed' if allowed else 'denied'})")
    assert not problems, "\n".join(problems)


def test_public_routes_answer_everyone(app, world, client):
    for rule in app.url_map.iter_rules():
        if classify(rule.endpoint) == "public" and "GET" in rule.methods:
            for name in ("anonymous", "A", "organiser_other"):
                _sign_in(client, world["visitors"].get(name))
                res = client.get(_url(rule, world["values"]))
                res.close()
                assert res.status_code < 500, rule.rule
