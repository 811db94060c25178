"""Organiser accounts and the audit log."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..db_types import created_at, enum_column
from ..extensions import db


class Role(StrEnum):
    ADMIN = "admin"
    ORGANISER = "organiser"
    DESK = "desk"


class User(UserMixin, db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(300))
    role: Mapped[Role] = enum_column(Role, default=Role.ORGANISER)
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    # bumped by logout and password change: every session cookie carrying an older value is refused
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at = created_at()

    grants = relationship("EventStaff", back_populates="user", cascade="all, delete-orphan")

    is_participant = False

    def get_id(self):
        return f"u:{self.id}"

    @property
    def is_active(self):
        return self.active

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def has_role(self, *roles):
        return self.role == Role.ADMIN or self.role in roles

    def event_role(self, event):
        """The role this account holds at `event` (admin everywhere), None without a grant."""
        if self.role == Role.ADMIN:
            return Role.ADMIN
        return next((g.role for g in self.grants if g.event_id == getattr(event, "id", event)), None)

    def can_staff(self, event, *roles):
        role = self.event_role(event)
        return role == Role.ADMIN or (role is not None and role in roles)


class EventStaff(db.Model):
    """An organiser or desk account granted to one event. Admins need no grant: they see every event."""
    __tablename__ = "event_staff"
    __table_args__ = (sa.UniqueConstraint("user_id", "event_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = enum_column(Role, default=Role.ORGANISER)
    created_at = created_at()

    user = relationship("User", back_populates="grants")


class RateCounter(db.Model):
    """A fixed-window counter shared by every app process (Flask-Limiter's shared stores need redis,
    memcached or mongodb; coopex runs on its database alone). key e.g. 'login:ana@example.cz'."""
    __tablename__ = "rate_counters"
    key: Mapped[str] = mapped_column(sa.String(300), primary_key=True)
    window_start_at: Mapped[datetime]
    count: Mapped[int] = mapped_column(default=0)


class AuditLog(db.Model):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(sa.String(80))
    target_type: Mapped[str | None] = mapped_column(sa.String(40))
    target_id: Mapped[int | None]
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at = created_at()
