"""Event series and follow-up survey answers (months after the event)."""
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db_types import created_at, enum_column, updated_at
from ..extensions import db


class Series(db.Model):
    """Several events of one project (e.g. the four Glokalizace exchanges), reported together."""
    __tablename__ = "series"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)

    events = relationship("Event", back_populates="series", order_by="Event.id")


class CooperationKind(StrEnum):
    SUPPLY = "supply"
    JOINT_PROJECT = "joint_project"
    RND = "rnd"
    OTHER = "other"


class FollowUpAnswer(db.Model):
    """A participant's answer, `months` after the event, about one partner met there."""
    __tablename__ = "follow_up_answers"
    __table_args__ = (sa.UniqueConstraint("participant_id", "partner_id", "months"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"))
    months: Mapped[int]
    cooperating: Mapped[bool] = mapped_column(default=False)
    kind: Mapped[CooperationKind | None] = enum_column(CooperationKind, nullable=True)
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    created_at = created_at()
    updated_at = updated_at()

    participant = relationship("Participant", foreign_keys=[participant_id])
    partner = relationship("Participant", foreign_keys=[partner_id])
