"""Event, its sessions, generated slots, tables and interpreters. All datetimes are naive UTC."""
from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db_types import LocalisedMixin, created_at, enum_column
from ..extensions import db


class EventStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    PLANNING = "planning"
    PUBLISHED = "published"
    CLOSED = "closed"


class RequestMode(StrEnum):
    APPROVAL = "approval"    # the target accepts or declines
    AUTOMATIC = "automatic"  # every request is accepted at once


class Event(LocalisedMixin, db.Model):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name_cs: Mapped[str] = mapped_column(sa.String(200), default="")
    name_de: Mapped[str] = mapped_column(sa.String(200), default="")
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")
    description_cs: Mapped[str] = mapped_column(sa.Text, default="")
    description_de: Mapped[str] = mapped_column(sa.Text, default="")
    description_en: Mapped[str] = mapped_column(sa.Text, default="")
    privacy_cs: Mapped[str] = mapped_column(sa.Text, default="")
    privacy_de: Mapped[str] = mapped_column(sa.Text, default="")
    privacy_en: Mapped[str] = mapped_column(sa.Text, default="")
    venue: Mapped[str] = mapped_column(sa.String(200), default="")
    venue_address: Mapped[str] = mapped_column(sa.String(300), default="")
    timezone: Mapped[str] = mapped_column(sa.String(64), default="Europe/Prague")
    languages: Mapped[list] = mapped_column(sa.JSON, default=lambda: ["cs", "de", "en"])
    default_locale: Mapped[str] = mapped_column(sa.String(5), default="en")
    status: Mapped[EventStatus] = enum_column(EventStatus, default=EventStatus.DRAFT)
    registration_deadline_at: Mapped[datetime | None]
    request_deadline_at: Mapped[datetime | None]
    request_mode: Mapped[RequestMode] = enum_column(RequestMode, default=RequestMode.APPROVAL)
    require_approval: Mapped[bool] = mapped_column(default=False)
    request_expiry_hours: Mapped[int] = mapped_column(default=72)
    max_meetings_default: Mapped[int] = mapped_column(default=12)
    max_open_requests: Mapped[int] = mapped_column(default=20)
    cross_border_weight: Mapped[int] = mapped_column(default=1)
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="")
    # EU publicity rules: the funding statement (translated) and emblem on every page, e-mail and document
    funding_statement: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    programme_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    series_id: Mapped[int | None] = mapped_column(sa.ForeignKey("series.id", ondelete="SET NULL"), index=True)
    follow_up_months: Mapped[list] = mapped_column(sa.JSON, default=lambda: [3, 6])  # surveys after the event
    # reminders and nudges (app/outcomes/reminders.py), each switchable; the *_days are lead times
    remind_confirm: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    remind_confirm_days: Mapped[int] = mapped_column(default=3, server_default="3")
    remind_agenda: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    remind_requests: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    remind_requests_days: Mapped[int] = mapped_column(default=2, server_default="2")
    remind_no_meetings: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at = created_at()

    series = relationship("Series", back_populates="events")

    sessions = relationship("EventSession", back_populates="event", order_by="EventSession.start_at",
                            cascade="all, delete-orphan")
    slots = relationship("Slot", back_populates="event", order_by="Slot.start_at", cascade="all, delete-orphan")
    tables = relationship("Table", back_populates="event", order_by="Table.number", cascade="all, delete-orphan",
                          foreign_keys="Table.event_id")
    interpreters = relationship("Interpreter", back_populates="event", cascade="all, delete-orphan")
    logos = relationship("EventLogo", back_populates="event", order_by="(EventLogo.kind, EventLogo.id)",
                         cascade="all, delete-orphan")

    @property
    def name(self):
        return self.localised("name")

    def __repr__(self):
        return f"<Event {self.slug}>"


class EventSession(LocalisedMixin, db.Model):
    """A block of consecutive meeting slots on one day (e.g. morning, afternoon)."""
    __tablename__ = "event_sessions"
    __table_args__ = (sa.UniqueConstraint("event_id", "code"), sa.CheckConstraint("end_at > start_at", name="order"),
                      sa.CheckConstraint("slot_minutes > 0", name="slot_minutes"))
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(sa.String(20))
    name_cs: Mapped[str] = mapped_column(sa.String(120), default="")
    name_de: Mapped[str] = mapped_column(sa.String(120), default="")
    name_en: Mapped[str] = mapped_column(sa.String(120), default="")
    day: Mapped[date]
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    slot_minutes: Mapped[int] = mapped_column(default=25)
    gap_minutes: Mapped[int] = mapped_column(default=5)  # change-over time between two slots
    breaks: Mapped[list] = mapped_column(sa.JSON, default=list)  # [{"start_at": iso UTC, "end_at": iso UTC}]

    event = relationship("Event", back_populates="sessions")
    slots = relationship("Slot", back_populates="session", order_by="Slot.start_at")

    @property
    def name(self):
        return self.localised("name") or self.code


class Slot(db.Model):
    __tablename__ = "slots"
    __table_args__ = (sa.UniqueConstraint("event_id", "start_at"),
                      sa.CheckConstraint("end_at > start_at", name="order"))
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True)
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]

    event = relationship("Event", back_populates="slots")
    session = relationship("EventSession", back_populates="slots")

    @property
    def code(self):
        """Stable id in solver problems, e.g. '2026-03-10T08:00'."""
        return self.start_at.strftime("%Y-%m-%dT%H:%M")

    def overlaps(self, other):
        return self.start_at < other.end_at and other.start_at < self.end_at


class Table(db.Model):
    __tablename__ = "tables"
    __table_args__ = (sa.UniqueConstraint("event_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(80), default="")
    zone: Mapped[str] = mapped_column(sa.String(40), default="")
    # One host per table, and a participant hosts at most one table.
    host_participant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="SET NULL"), unique=True)

    event = relationship("Event", back_populates="tables", foreign_keys=[event_id])
    host = relationship("Participant", foreign_keys=[host_participant_id])

    @property
    def label(self):
        return self.name or str(self.number)


interpreter_unavailable = sa.Table(
    "interpreter_unavailable", db.metadata,
    sa.Column("interpreter_id", sa.ForeignKey("interpreters.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("slot_id", sa.ForeignKey("slots.id", ondelete="CASCADE"), primary_key=True),
)


class Interpreter(db.Model):
    __tablename__ = "interpreters"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    languages: Mapped[list] = mapped_column(sa.JSON, default=list)

    event = relationship("Event", back_populates="interpreters")
    unavailable_slots = relationship("Slot", secondary=interpreter_unavailable)


class EventLogo(db.Model):
    """An uploaded logo of an organiser or partner; the image lives in instance/logos/<file_name>."""
    __tablename__ = "event_logos"
    __table_args__ = (sa.CheckConstraint("kind IN ('organiser', 'partner')", name="kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))  # "organiser" | "partner"
    label: Mapped[str] = mapped_column(sa.String(200))  # the organisation's name, used as alt text
    file_name: Mapped[str] = mapped_column(sa.String(80), unique=True)  # generated, never the upload's name
    content_type: Mapped[str] = mapped_column(sa.String(40))
    width: Mapped[int]
    height: Mapped[int]
    created_at = created_at()

    event = relationship("Event", back_populates="logos")
