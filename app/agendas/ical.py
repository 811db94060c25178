"""iCalendar files and feeds of a participant's meetings (RFC 5545, icalendar).

Deterministic: UID = meeting.uid (never changes), SEQUENCE = meeting.sequence (grows when it moves),
DTSTAMP = the meeting's last change, STATUS:CANCELLED for dropped meetings (kept, so calendars remove
them), TENTATIVE while the plan is preliminary, DTSTART/DTEND with TZID and a VTIMEZONE.
Text is in the recipient's language.
"""
from datetime import UTC

from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from ..i18n import in_locale
from ..labels import label
from .viewmodels import MeetingView, PlanData

PRODID = "-//coopex//agendas//EN"


def agenda_calendar(plan: PlanData, pid: int, lang: str | None = None, hide_unpublished=False) -> bytes:
    """The .ics of participant `pid`: one VEVENT per placed meeting, cancelled ones included."""
    person = plan.people[pid]
    lang = lang or person.locale
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    with in_locale(lang):
        cal.add("x-wr-calname", f"{plan.event.name(lang)} – {person.name}")
        cal.add("x-wr-timezone", plan.event.timezone)
        if not (hide_unpublished and plan.mark.kind == "draft"):
            for meeting in plan.meetings_of(pid, with_cancelled=True):
                cal.add_component(_vevent(plan, meeting, pid))
    cal.add_missing_timezones()
    return cal.to_ical()


def _vevent(plan: PlanData, m: MeetingView, pid: int) -> VEvent:
    partner = m.partner_of(pid)
    ev = VEvent()
    ev.add("uid", m.uid)
    ev.add("sequence", m.sequence)
    ev.add("dtstamp", m.stamp.replace(tzinfo=UTC))
    ev.add("dtstart", m.slot.start)
    ev.add("dtend", m.slot.end)
    ev.add("status", _status(plan, m))
    ev.add("transp", "OPAQUE")
    summary = _("Meeting with %(organisation)s", organisation=partner.organisation or partner.name)
    ev.add("summary", (_("Cancelled: %(summary)s", summary=summary) if m.cancelled else summary))
    ev.add("location", _location(plan, m))
    ev.add("description", _description(m, partner))
    return ev


def _status(plan: PlanData, m: MeetingView) -> str:
    """A preliminary plan may still change: calendars show its meetings as tentative until the final one."""
    if m.cancelled:
        return "CANCELLED"
    return "CONFIRMED" if plan.mark.kind == "final" else "TENTATIVE"


def _location(plan: PlanData, m: MeetingView) -> str:
    parts = [plan.event.venue] if plan.event.venue else []
    if m.table is not None:
        parts.append(_("Table %(table)s", table=m.table.label))
        if m.table.zone:
            parts.append(_("zone %(zone)s", zone=m.table.zone))
    return ", ".join(parts)


def _description(m: MeetingView, partner) -> str:
    lines = [_("Partner: %(name)s, %(organisation)s", name=partner.name, organisation=partner.organisation)]
    if partner.position:
        lines.append(partner.position)
    if partner.country:
        lines.append(_("Country: %(country)s", country=str(label(partner.country))))
    if partner.languages:
        names = ", ".join(str(label(code)) for code in partner.languages)
        lines.append(_("Speaks: %(languages)s", languages=names))
    if m.interpreter:
        lines.append(_("Interpreter: %(name)s", name=m.interpreter))
    if m.cancelled:
        lines.append(_("This meeting has been cancelled."))
    return "\n".join(lines)
