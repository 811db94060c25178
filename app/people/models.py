"""A person: one e-mail address across every event. Participations (Participant rows) link to it."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db_types import created_at
from ..extensions import db


class Person(db.Model):
    """Everyone who registered for an event, once per normalised e-mail address.

    Signing in at one event signs the person in for all their events (app.people.access); series
    invitations and directory notices go to the person, in the language of their latest participation."""
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)  # stripped and lower case
    locale: Mapped[str] = mapped_column(sa.String(5), default="en")
    invitations_opted_out_at: Mapped[datetime | None]  # no more invitations to later events of a series
    created_at = created_at()

    participations = relationship("Participant", back_populates="person", order_by="Participant.id")
