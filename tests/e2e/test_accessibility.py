"""axe-core (from the npm registry, installed by `make axe` into .cache/axe) over the main pages, in a browser:
no critical or serious violation. The participant and staff pages are checked signed in, as people see them."""
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ALSO_FAIL = {"heading-order", "empty-table-header", "page-has-heading-one"}  # moderate/minor, but asked for
AXE_INSTALL = ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(ROOT / ".cache" / "axe"),
               "axe-core@4"]


@pytest.fixture(scope="session")
def axe_script():
    """The axe.min.js that `make axe` installed; installed here the same way when pytest runs on its own."""
    if not AXE.is_file():
        if not shutil.which("npm"):
            pytest.fail("axe-core is missing and npm is not installed: install node/npm, then run `make axe`")
        subprocess.run(AXE_INSTALL, check=True, capture_output=True, timeout=300)
    return AXE.read_text(encoding="utf-8")


def serious_violations(page, axe_script):
    """The app's CSP forbids inline scripts; the test contexts bypass it (bypass_csp) to inject axe."""
    page.add_script_tag(content=axe_script)
    result = page.evaluate("async () => await axe.run(document)")
    assert len(result["passes"]) > 10, "axe did not run its rules"
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
            for v in result["violations"] if v["impact"] in ("critical", "serious") or v["id"] in ALSO_FAIL]


def check(page, url, axe_script, problems):
    response = page.goto(url)
    assert response.ok and page.url == url, f"{url} answered {response.status} at {page.url}"  # not a sign-in page
    for problem in serious_violations(page, axe_script):
        problems.append(f"{url}: {problem}")


@pytest.fixture
def demo_people(demo, db):
    from sqlalchemy import select

    from app.participants.models import Participant, ParticipantStatus
    from app.participants.tokens import make_token

    person = db.session.scalars(select(Participant).where(Participant.event_id == demo.id,
                                                         Participant.status == ParticipantStatus.APPROVED)
                                .order_by(Participant.id)).first()
    other = db.session.scalars(select(Participant.id).where(
        Participant.event_id == demo.id, Participant.id != person.id,
        Participant.status == ParticipantStatus.APPROVED)).first()
    return {"event": demo, "token": make_token(person), "other": other}


@pytest.mark.parametrize("locale", ["cs-CZ", "de-DE"])
def test_main_pages_have_no_serious_accessibility_violations(live_server, new_page, demo_people, axe_script,
                                                             locale):
    from app.demo import DEMO_DESK_LOGIN, DEMO_LOGIN

    event, slug, problems = demo_people["event"], demo_people["event"].slug, []
    public = new_page(locale=locale, bypass_csp=True)
    for path in ("/", f"/e/{slug}/", f"/e/{slug}/register", f"/e/{slug}/signin", "/account/login"):
        check(public, live_server + path, axe_script, problems)

    participant = new_page(locale=locale, bypass_csp=True)
    participant.goto(f"{live_server}/e/{slug}/signin/{demo_people['token']}")
    participant.locator("main form button[type=submit]").first.click()
    participant.wait_for_load_state()
    for path in (f"/e/{slug}/marketplace", f"/e/{slug}/agenda", f"/e/{slug}/participants/{demo_people['other']}",
                 f"/e/{slug}/requests", f"/e/{slug}/me"):
        check(participant, live_server + path, axe_script, problems)

    org = f"/organiser/events/{event.id}"
    for (email, password), paths in ((DEMO_LOGIN, ["/account/organiser", f"{org}/planning/", f"{org}/planning/plan",
                                                   f"{org}/planning/capacity", f"{org}/participants/",
                                                   f"{org}/setup", f"{org}/setup/sessions", f"{org}/setup/tables",
                                                   f"/agendas/{slug}/"]),
                                     (DEMO_DESK_LOGIN, [f"/desk/events/{event.id}/"])):
        staff = new_page(locale=locale, bypass_csp=True)
        staff.goto(f"{live_server}/account/login")
        staff.fill("input[name=email]", email)
        staff.fill("input[name=password]", password)
        staff.locator("main form button[type=submit]").click()
        staff.wait_for_load_state()
        for path in paths:
            check(staff, live_server + path, axe_script, problems)
    assert not problems, "\n".join(problems)
