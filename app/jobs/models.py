"""Background jobs: one row per piece of work (an e-mail batch, a survey, a recurring clean-up)."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..db_types import created_at, enum_column
from ..extensions import db


class JobStatus(StrEnum):
    QUEUED = "queued"    # waiting for its due time and a worker
    RUNNING = "running"  # claimed by a worker (claim_token names the claim)
    DONE = "done"
    FAILED = "failed"    # gave up after max_attempts


class Job(db.Model):
    __tablename__ = "jobs"
    __table_args__ = (sa.Index("ix_jobs_due", "status", "due_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(80), index=True)
    payload: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    status: Mapped[JobStatus] = enum_column(JobStatus, default=JobStatus.QUEUED)
    # Idempotent scheduling: a second enqueue with the same key returns the first job.
    unique_key: Mapped[str | None] = mapped_column(sa.String(160), unique=True)
    due_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=5)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    worker: Mapped[str] = mapped_column(sa.String(120), default="")
    claim_token: Mapped[str] = mapped_column(sa.String(32), default="")
    started_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    created_at = created_at()

    def __repr__(self):
        return f"<Job {self.id} {self.kind} {self.status.value}>"
