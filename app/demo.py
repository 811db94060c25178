"""A realistic, living demo event: `seed_demo(db.session)` adds and flushes it, the caller commits.

Deterministic (random.Random(2027)); the raw data lives in app/demo_data.py. No Meeting rows are made:
that is the solver's job.
"""
import random
import unicodedata
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from . import demo_data as D
from .accounts.models import EventStaff, Role, User
from .events.models import Event, EventSession, EventStatus, Interpreter, RequestMode, Slot, Table
from .i18n import to_utc
from .meetings.models import MeetingRequest, NotInterested, Priority, RequestStatus
from .participants.models import (
    Opportunity,
    OpportunityKind,
    Organisation,
    OrganisationKind,
    Participant,
    ParticipantRole,
    ParticipantStatus,
    SizeClass,
)

DEMO_SLUG = "marienberg-2027"
DEMO_LOGIN = ("organiser@coopex.example.org", "coopex-demo")
DEMO_DESK_LOGIN = ("desk@coopex.example.org", "coopex-desk")
TZ = "Europe/Berlin"

KINDS = {"co": OrganisationKind.COMPANY, "ch": OrganisationKind.CHAMBER, "cl": OrganisationKind.CLUSTER,
         "rs": OrganisationKind.RESEARCH, "pb": OrganisationKind.PUBLIC_BODY}
SIZES = {"mi": SizeClass.MICRO, "s": SizeClass.SMALL, "m": SizeClass.MEDIUM, "l": SizeClass.LARGE}
# Sessions: (code, day, start, end, breaks, names cs/de/en) in local time (Europe/Berlin).
SESSIONS = [
    ("d1-pm", date(2027, 3, 10), time(13, 0), time(17, 30), [(time(15, 0), time(15, 30))],
     ("Středa odpoledne", "Mittwochnachmittag", "Wednesday afternoon")),
    ("d2-am", date(2027, 3, 11), time(9, 0), time(12, 30), [(time(10, 30), time(11, 0))],
     ("Čtvrtek dopoledne", "Donnerstagvormittag", "Thursday morning")),
]
SLOT_MINUTES, GAP_MINUTES = 25, 5
N_TABLES = 24
TARGET_REQUESTS = 180


def local(day, clock):
    return to_utc(datetime.combine(day, clock), TZ)


def ascii_fold(text):
    text = text.replace("ß", "ss").replace("ł", "l").replace("Ł", "L")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


def registration_id(country, n):
    """A fictional IČO (valid mod-11 check digit), USt-IdNr. or NIP, stable per index."""
    if country == "CZ":
        digits = [int(c) for c in f"{27000000 + n * 1117:08d}"[:7]]
        check = (11 - sum(d * w for d, w in zip(digits, range(8, 1, -1), strict=True)) % 11) % 10
        return "".join(map(str, digits)) + str(check)
    if country == "DE":
        return f"DE{318000000 + n * 4099}"
    return f"PL{8760000000 + n * 7919}"


def build_slots(event, sess, breaks):
    """Consecutive slots of SLOT_MINUTES with GAP_MINUTES change-over, skipping breaks (all naive UTC)."""
    step, length = timedelta(minutes=SLOT_MINUTES + GAP_MINUTES), timedelta(minutes=SLOT_MINUTES)
    slots, t = [], sess.start_at
    while t + length <= sess.end_at:
        clash = next(((b0, b1) for b0, b1 in breaks if t < b1 and b0 < t + length), None)
        if clash:
            t = clash[1]
            continue
        slots.append(Slot(event_id=event.id, event=event, session=sess, start_at=t, end_at=t + length))
        t += step
    return slots


def pick_name(rng, country, used):
    female = rng.random() < 0.45
    while True:
        if country == "CZ":
            first = rng.choice(D.CZ_FEMALE if female else D.CZ_MALE)
            last = rng.choice(D.CZ_SURNAMES)[1 if female else 0]
        elif country == "DE":
            first = rng.choice(D.DE_FEMALE if female else D.DE_MALE)
            last = rng.choice(D.DE_SURNAMES)
        else:
            first = rng.choice(D.PL_FEMALE if female else D.PL_MALE)
            last = rng.choice(D.PL_SURNAMES)[1 if female else 0]
        if (first, last) not in used:
            used.add((first, last))
            return first, last, female


def pick_languages(rng, country):
    r = rng.random()
    if country == "CZ":
        return [["cs"], ["cs", "en"], ["cs", "de"], ["cs", "de", "en"]][
            0 if r < 0.18 else 1 if r < 0.6 else 2 if r < 0.85 else 3]
    if country == "DE":
        return [["de"], ["de", "en"], ["de", "cs"], ["de", "en", "cs"]][
            0 if r < 0.25 else 1 if r < 0.85 else 2 if r < 0.93 else 3]
    return ["pl", "en"] if r < 0.6 else ["pl", "de", "en"]


def phone(rng, country):
    if country == "CZ":
        return f"+420 {rng.choice('67')}{rng.randint(0, 99):02d} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}"
    if country == "DE":
        return f"+49 1{rng.choice(['51', '52', '60', '70', '76'])} {rng.randint(1000000, 9999999)}"
    return f"+48 {rng.randint(500, 799)} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}"


def _user(db_session, email, password, role, name, locale):
    user = db_session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, name=name, role=role, locale=locale)
        user.set_password(password)
        db_session.add(user)
    return user


def seed_demo(db_session):
    """Create the Marienberg 2027 demo event with everything around it; returns the Event (not committed)."""
    existing = db_session.scalar(select(Event).where(Event.slug == DEMO_SLUG))
    if existing is not None:
        return existing
    rng = random.Random(2027)
    organiser = _user(db_session, *DEMO_LOGIN, Role.ORGANISER, "Demo Veranstalter", "de")
    desk = _user(db_session, *DEMO_DESK_LOGIN, Role.DESK, "Demo Check-in", "de")

    text = D.EVENT_TEXT
    event = Event(
        slug=DEMO_SLUG, venue="Baldauf Villa, Marienberg",
        venue_address="Baldaufstraße 1, 09496 Marienberg, Deutschland",
        timezone=TZ, languages=["cs", "de", "en"], default_locale="de", status=EventStatus.OPEN,
        registration_deadline_at=local(date(2027, 3, 1), time(23, 59)),
        request_deadline_at=local(date(2027, 3, 5), time(12, 0)),
        request_mode=RequestMode.APPROVAL, require_approval=True, request_expiry_hours=72,
        max_meetings_default=10, max_open_requests=20, cross_border_weight=2,
        contact_email="kooperation@coopex.example.org", created_at=local(date(2026, 11, 2), time(9, 0)),
        funding_statement=True, programme_name="Interreg Česko – Sasko / Sachsen – Tschechien 2021–2027",
        **{f"{field}_{lang}": text[field][lang] for field in text for lang in ("cs", "de", "en")},
    )
    db_session.add(event)
    db_session.flush()
    # the demo logins work at the demo event (accounts are granted per event)
    db_session.add_all([EventStaff(user=organiser, event_id=event.id, role=Role.ORGANISER),
                        EventStaff(user=desk, event_id=event.id, role=Role.DESK)])

    # --- sessions and slots
    slots_by_session = {}
    for code, day, start, end, breaks, (name_cs, name_de, name_en) in SESSIONS:
        utc_breaks = [(local(day, b0), local(day, b1)) for b0, b1 in breaks]
        sess = EventSession(event=event, code=code, day=day, start_at=local(day, start), end_at=local(day, end),
                            slot_minutes=SLOT_MINUTES, gap_minutes=GAP_MINUTES, name_cs=name_cs, name_de=name_de,
                            name_en=name_en,
                            breaks=[{"start_at": b0.isoformat(), "end_at": b1.isoformat()} for b0, b1 in utc_breaks])
        db_session.add(sess)
        db_session.flush()
        slots_by_session[code] = build_slots(event, sess, utc_breaks)
        db_session.add_all(slots_by_session[code])
    db_session.flush()
    d1, d2 = slots_by_session["d1-pm"], slots_by_session["d2-am"]
    availability = {"d1:first2": d1[:2], "d1:last1": d1[-1:], "d2:all": d2, "d2:first1": d2[:1], "d2:last2": d2[-2:]}

    # --- interpreters
    for name, email, languages, unavailable in D.INTERPRETERS:
        missing = [s for key in unavailable.split(",") for s in availability[key]]
        db_session.add(Interpreter(event=event, name=name, email=email, languages=languages, unavailable_slots=missing))

    # --- organisations, participants, opportunities
    people, used_names, used_emails = [], set(), set()
    exhibitors = []
    registered = local(date(2027, 1, 11), time(8, 0))
    for n, (name, kind, city, sectors, size, host, own, desc_en, third) in enumerate(D.ORGANISATIONS):
        country, region = D.CITIES[city]
        reg_id = registration_id(country, n)
        org = db_session.scalar(select(Organisation).where(Organisation.registration_id == reg_id))
        if org is None:
            own_lang, third_lang = ("cs", "de") if country == "CZ" else ("de", "cs")
            org = Organisation(
                name=name, registration_id=reg_id, kind=KINDS[kind], country=country, region=region, city=city,
                website=f"https://www.{host}", nace_sectors=sectors.split(), size_class=SIZES[size],
                description_en=desc_en, **{f"description_{own_lang}": own, f"description_{third_lang}": third})
            db_session.add(org)
        two_people = kind == "co" and size in ("m", "l") and rng.random() < 0.4
        for i in range(2 if two_people else 1):
            first, last, female = pick_name(rng, country, used_names)
            languages = pick_languages(rng, country)
            lang = {"CZ": "cs", "DE": "de"}.get(country, "pl")
            positions = D.POSITIONS[(lang, "company" if kind == "co" else "network")]
            position = rng.choice(positions if i == 0 else positions[1:])[1 if female else 0]
            email = f"{ascii_fold(first)}.{ascii_fold(last)}@{host}"
            while email in used_emails:
                email = email.replace("@", f"{len(used_emails) % 10}@", 1)
            used_emails.add(email)
            locale = lang if lang in ("cs", "de") else ("de" if "de" in languages else "en")
            when = registered + timedelta(days=rng.randint(0, 45), minutes=rng.randint(0, 600))
            role = ParticipantRole.EXHIBITOR if name in D.EXHIBITORS and i == 0 else ParticipantRole.PARTICIPANT
            person = Participant(
                event=event, event_id=event.id, organisation=org, first_name=first, last_name=last, email=email,
                phone=phone(rng, country), position=position, languages=languages, locale=locale, role=role,
                status=ParticipantStatus.APPROVED, gdpr_consent_at=when, created_at=when,
                max_meetings=rng.choice([6, 8]) if rng.random() < 0.08 else None)
            db_session.add(person)
            people.append(person)
            if role == ParticipantRole.EXHIBITOR:
                exhibitors.append(person)
            _add_opportunities(rng, person, country, sectors.split(), when)

    # a few registrations still wait for approval
    for person in rng.sample([p for p in people if p.role == ParticipantRole.PARTICIPANT], 3):
        person.status = ParticipantStatus.PENDING
    # availability gaps: late arrival on day 1, early departure on day 2, day 1 only
    others = [p for p in people if p.role == ParticipantRole.PARTICIPANT]
    for person, key in zip(rng.sample(others, 17), ["d1:first2"] * 8 + ["d2:last2"] * 6 + ["d2:all"] * 3, strict=True):
        person.unavailable_slots = list(availability[key])

    # --- tables: 1–8 zone A, 9–16 zone B, 17–24 zone C; the exhibitors' stands are the last ones in C
    hosts = dict(zip(range(N_TABLES - len(exhibitors) + 1, N_TABLES + 1), exhibitors, strict=True))
    for number in range(1, N_TABLES + 1):
        host = hosts.get(number)
        # no stored name: documents call a hosted table "Stand/Stánek <organisation>" in their own language
        db_session.add(Table(event=event, event_id=event.id, number=number, zone="ABC"[(number - 1) // 8],
                             host=host))
    db_session.flush()

    _add_requests(db_session, rng, event, [p for p in people if p.status == ParticipantStatus.APPROVED])
    db_session.flush()
    _seed_directory(db_session, people)
    return event


# the same firms typed again by a hurried colleague: for the organisers' duplicate list (no random numbers used)
DUPLICATES = [("Strojírny Jizera s.r.o.", "Strojirny Jizera, spol. s r. o."),
              ("Präzisionsteile Erzgebirge GmbH", "Präzisionsteile Erzgebirge GmbH & Co. KG"),
              ("Textil Ještěd a.s.", "Textil Jested a. s.")]


def _seed_directory(db_session, people):
    """Every demo organisation agreed to be listed; its first person is its member; three typed-again copies."""
    from .directory.members import add_member

    for person in people:
        org = person.organisation
        org.listed = True
        org.languages = list(dict.fromkeys([*(org.languages or []), *person.languages]))
        if not org.members:
            add_member(org, person.email)
    by_name = {p.organisation.name: p.organisation for p in people}
    for original_name, name in DUPLICATES:
        original = by_name.get(original_name)
        if original is not None:
            db_session.add(Organisation(name=name, kind=original.kind, country=original.country, city=original.city,
                                        region=original.region, nace_sectors=list(original.nace_sectors),
                                        description_en=original.description_en))
    db_session.flush()


def seed_demo_series(db_session):
    """The demo as `coopex init --demo` and `demo seed` make it: the current exchange (seed_demo) and the
    finished earlier one of the same series, liberec-2026, with attendance, ratings and follow-ups.
    Tests that need one event only call seed_demo."""
    from .demo_outcomes import seed_finished_event

    event = seed_demo(db_session)
    finished = seed_finished_event(db_session, event)
    if finished is not None:  # the demo logins are granted to both events of the series
        for grant in list(db_session.scalars(select(EventStaff).where(EventStaff.event_id == event.id))):
            db_session.add(EventStaff(user_id=grant.user_id, event_id=finished.id, role=grant.role))
        db_session.flush()
    return event


def _add_opportunities(rng, person, country, sectors, when):
    groups = list(dict.fromkeys(D.SECTOR_GROUP.get(s, "network") for s in sectors))
    templates = [t for g in groups for t in D.OPPORTUNITIES[g]]
    langs = {"CZ": ["cs", "de" if "de" in person.languages else "en"], "DE": ["de", "en"]}.get(country, ["en", "de"])
    if country == "DE" and "cs" in person.languages:
        langs.append("cs")
    targets = {"CZ": ["DE"], "DE": ["CZ"], "PL": ["DE", "CZ"]}[country]
    for kind, *strings in rng.sample(templates, min(len(templates), rng.choice([1, 1, 2]))):
        values = dict(zip(["title_cs", "title_de", "title_en", "text_cs", "text_de", "text_en"], strings, strict=True))
        values = {k: v for k, v in values.items() if k[-2:] in langs}
        extra = ["PL"] if rng.random() < 0.2 and "PL" not in targets else []
        person.organisation.opportunities.append(Opportunity(
            kind=OpportunityKind(kind), sectors=list(sectors), author=person, target_countries=targets + extra,
            created_at=when, **values))


def _message(rng, requester, target):
    if rng.random() < 0.15:
        return ""
    mine, theirs = requester.languages, target.languages
    own = requester.locale if requester.locale in D.MESSAGES else "en"
    if own in theirs:
        lang = own
    elif "en" in mine and "en" in theirs:
        lang = "en"
    else:
        lang = next((lang for lang in ("de", "cs") if lang in mine and lang in theirs), own)
    country = target.organisation.country
    return rng.choice(D.MESSAGES[lang]).replace("{country}", D.COUNTRY_PHRASE[lang][country])


def _add_requests(db_session, rng, event, people):
    """About TARGET_REQUESTS wishes, biased to cross-border pairs, sector overlap and exhibitors."""
    def weight(a, b):
        if a is b or a.organisation is b.organisation:
            return 0
        w = 5.0 if a.organisation.country != b.organisation.country else 1.0
        if set(a.organisation.nace_sectors) & set(b.organisation.nace_sectors):
            w *= 2
        if b.role == ParticipantRole.EXHIBITOR:
            w *= 1.5
        return w

    pairs = set()
    order = people[:]
    rng.shuffle(order)
    while len(pairs) < TARGET_REQUESTS:
        for a in order:
            if len(pairs) >= TARGET_REQUESTS or rng.random() < 0.35:
                continue
            candidates = [b for b in people if (a.id, b.id) not in pairs and (b.id, a.id) not in pairs]
            weights = [weight(a, b) for b in candidates]
            if not any(weights):
                continue
            b = rng.choices(candidates, weights)[0]
            pairs.add((a.id, b.id))
            r = rng.random()
            status = (RequestStatus.ACCEPTED if r < 0.72
                      else RequestStatus.PENDING if r < 0.92 else RequestStatus.DECLINED)
            created = (local(date(2027, 2, 1), time(8, 0))
                       + timedelta(days=rng.randint(0, 30), minutes=rng.randint(0, 660)))
            p = rng.random()
            request = MeetingRequest(
                event_id=event.id, requester=a, target=b, requester_id=a.id, target_id=b.id,
                priority=Priority.MUST if p < 0.15 else Priority.HIGH if p < 0.45 else Priority.NORMAL,
                message=_message(rng, a, b), status=status, created_at=created)
            if status == RequestStatus.PENDING:
                request.expires_at = created + timedelta(hours=event.request_expiry_hours)
            else:
                request.responded_at = created + timedelta(hours=rng.randint(1, 60))
                if status == RequestStatus.DECLINED and rng.random() < 0.5:
                    db_session.add(NotInterested(participant_id=b.id, other_id=a.id, created_at=request.responded_at))
            db_session.add(request)
