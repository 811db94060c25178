"""Solver runs and publications of a plan."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db_types import created_at, enum_column
from ..extensions import db
from ..mail import EmailRecord  # noqa: F401  (lives with the mail that writes it; imported from here too)


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class ScheduleRun(db.Model):
    """One solver run: queued by an organiser, claimed by a worker, progress saved as it goes."""
    __tablename__ = "schedule_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    status: Mapped[RunStatus] = enum_column(RunStatus, default=RunStatus.QUEUED, index=True)
    solver_status: Mapped[str | None] = mapped_column(sa.String(16))  # optimal/feasible/infeasible/unknown
    parameters: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # time limit, workers, seed, variant …
    problem: Mapped[dict | None] = mapped_column(sa.JSON)  # exchange-format problem as solved
    plan: Mapped[dict | None] = mapped_column(sa.JSON)     # exchange-format plan
    objective: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    bound: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    progress: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # incumbent, bound, gap, elapsed_s
    error: Mapped[str] = mapped_column(sa.Text, default="")
    stop_requested: Mapped[bool] = mapped_column(default=False)
    worker: Mapped[str] = mapped_column(sa.String(120), default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at = created_at()
    started_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    applied_at: Mapped[datetime | None]

    event = relationship("Event")


class PublicationKind(StrEnum):
    PRELIMINARY = "preliminary"
    FINAL = "final"


class Publication(db.Model):
    """A published version of the plan; participants see the latest one."""
    __tablename__ = "publications"
    __table_args__ = (sa.UniqueConstraint("event_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    kind: Mapped[PublicationKind] = enum_column(PublicationKind, default=PublicationKind.PRELIMINARY)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at = created_at()
    snapshot: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # {meeting uid: [slot, table, partner]}

    deliveries = relationship("AgendaDelivery", back_populates="publication", cascade="all, delete-orphan")


class AgendaDelivery(db.Model):
    """Which agenda version a participant was sent (or shown), so only changed agendas are re-sent."""
    __tablename__ = "agenda_deliveries"
    __table_args__ = (sa.UniqueConstraint("publication_id", "participant_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(sa.ForeignKey("publications.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    agenda_hash: Mapped[str] = mapped_column(sa.String(64))
    changed: Mapped[bool] = mapped_column(default=True)
    sent_at: Mapped[datetime | None]

    publication = relationship("Publication", back_populates="deliveries")
    participant = relationship("Participant")
