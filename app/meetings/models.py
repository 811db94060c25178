"""Meeting wishes, meetings (one-to-one talks at a table in a slot) and feedback."""
import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db_types import created_at, enum_column, updated_at
from ..extensions import db


class Priority(StrEnum):
    MUST = "must"
    HIGH = "high"
    NORMAL = "normal"


PRIORITY_WEIGHT = {Priority.MUST: 5, Priority.HIGH: 3, Priority.NORMAL: 1}


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


class AttendanceMark(StrEnum):
    """One side's word on a meeting: it took place, or the other side did not come."""
    HELD = "held"
    NO_SHOW = "no_show"


class Outcome(StrEnum):
    """What a meeting led to, as the participant reports it right after the event."""
    NO_FOLLOW_UP = "no_follow_up"
    FURTHER_CONTACT = "further_contact"
    OFFER_SENT = "offer_sent"              # offer or quote sent
    COOPERATION_AGREED = "cooperation_agreed"
    CONTRACT_SIGNED = "contract_signed"


def _mark_column(name):
    """Three columns share the AttendanceMark values: each check constraint needs its own name."""
    return mapped_column(sa.Enum(AttendanceMark, native_enum=False, length=24, name=name, create_constraint=True,
                                 values_callable=lambda e: [m.value for m in e], validate_strings=True),
                         nullable=True)


class MeetingRequest(db.Model):
    __tablename__ = "meeting_requests"
    __table_args__ = (sa.UniqueConstraint("requester_id", "target_id"),
                      sa.CheckConstraint("requester_id <> target_id", name="not_self"))
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    priority: Mapped[Priority] = enum_column(Priority, default=Priority.NORMAL)
    message: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[RequestStatus] = enum_column(RequestStatus, default=RequestStatus.PENDING)
    # added by the event-day desk for a walk-in: the partner never asked, so they see a proposal to decline
    by_desk: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at = created_at()
    responded_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]

    requester = relationship("Participant", foreign_keys=[requester_id])
    target = relationship("Participant", foreign_keys=[target_id])


class NotInterested(db.Model):
    """`participant` does not want to meet `other`: the solver never pairs them."""
    __tablename__ = "not_interested"
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    other_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    created_at = created_at()


class Meeting(db.Model):
    __tablename__ = "meetings"
    __table_args__ = (sa.UniqueConstraint("slot_id", "table_id"),
                      sa.CheckConstraint("participant_a_id <> participant_b_id", name="two_people"))
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(sa.String(64), unique=True, default=lambda: f"{uuid.uuid4()}@coopex")
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meeting_requests.id", ondelete="SET NULL"))
    participant_a_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    participant_b_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    slot_id: Mapped[int | None] = mapped_column(sa.ForeignKey("slots.id", ondelete="SET NULL"), index=True)
    table_id: Mapped[int | None] = mapped_column(sa.ForeignKey("tables.id", ondelete="SET NULL"))
    interpreter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("interpreters.id", ondelete="SET NULL"))
    status: Mapped[MeetingStatus] = enum_column(MeetingStatus, default=MeetingStatus.SCHEDULED)
    locked: Mapped[bool] = mapped_column(default=False)
    sequence: Mapped[int] = mapped_column(default=0)  # iCal SEQUENCE: grows on every move
    weight: Mapped[int] = mapped_column(default=1)
    # Marks are kept per side so that disagreement is shown to the organiser, never overwritten.
    mark_a: Mapped[AttendanceMark | None] = _mark_column("mark_a")
    mark_b: Mapped[AttendanceMark | None] = _mark_column("mark_b")
    mark_desk: Mapped[AttendanceMark | None] = _mark_column("mark_desk")
    created_at = created_at()
    updated_at = updated_at()

    request = relationship("MeetingRequest")
    participant_a = relationship("Participant", foreign_keys=[participant_a_id])
    participant_b = relationship("Participant", foreign_keys=[participant_b_id])
    slot = relationship("Slot")
    table = relationship("Table")
    interpreter = relationship("Interpreter")

    def partner_of(self, participant):
        return self.participant_b if participant.id == self.participant_a_id else self.participant_a

    def involves(self, participant_id):
        return participant_id in (self.participant_a_id, self.participant_b_id)

    @property
    def marks_conflict(self):
        """The two participants (or a participant and the desk) say different things."""
        return len({m for m in (self.mark_a, self.mark_b, self.mark_desk) if m is not None}) > 1


class Feedback(db.Model):
    __tablename__ = "feedback"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "participant_id"),
                      sa.CheckConstraint("rating BETWEEN 1 AND 5", name="rating"))
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"))
    rating: Mapped[int | None]  # None: answered partly (e.g. only the outcome)
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    outcome: Mapped[Outcome | None] = enum_column(Outcome, nullable=True)
    did_not_take_place: Mapped[bool] = mapped_column(default=False)
    created_at = created_at()
    updated_at = updated_at()
