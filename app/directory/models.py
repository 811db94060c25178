"""Directory rows next to the organisation: its members and its sectors as one row per NACE division."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db_types import created_at, enum_column
from ..extensions import db
from . import fts


class OrganisationMember(db.Model):
    """A person (by e-mail, the same for every event) who may edit the organisation's directory entry."""
    __tablename__ = "organisation_members"
    __table_args__ = (sa.UniqueConstraint("organisation_id", "email"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    created_at = created_at()

    organisation = relationship("Organisation", back_populates="members")


class OrganisationSector(db.Model):
    """One NACE division (e.g. "C25") an organisation works in, kept from its codes for the sector facet."""
    __tablename__ = "organisation_sectors"
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"),
                                                 primary_key=True)
    division: Mapped[str] = mapped_column(sa.String(3), primary_key=True, index=True)


def _trigram_index():
    """PostgreSQL: a pg_trgm GIN index serves the directory's `search_text LIKE '%word%'` filters."""
    from ..participants.models import Organisation

    table = Organisation.__table__
    sa.event.listen(table, "before_create",
                    sa.DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"))
    sa.Index("ix_organisations_search_trgm", table.c.search_text, postgresql_using="gin",
             postgresql_ops={"search_text": "gin_trgm_ops"})  # SQLite: a plain index (used for counting scans)
    fts.listen(table)  # SQLite: the FTS5 trigram index (app.directory.fts)
    # the directory's filters, facet counts and name order read only these: answered from the index, without
    # reading the organisations' wide rows (descriptions, search text)
    sa.Index("ix_organisations_directory", table.c.listed, table.c.region_code, table.c.country, table.c.kind,
             table.c.size_class, table.c.name)



class ContactStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ContactRequest(db.Model):
    """A signed-in person asks an organisation's people for contact, outside any event.

    E-mail addresses are shown to the other side only once a member of the organisation accepts."""
    __tablename__ = "contact_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    requester_email: Mapped[str] = mapped_column(sa.String(254), index=True)
    requester_name: Mapped[str] = mapped_column(sa.String(200))
    requester_organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[ContactStatus] = enum_column(ContactStatus, default=ContactStatus.PENDING)
    answered_by: Mapped[str | None] = mapped_column(sa.String(254))
    created_at = created_at()
    responded_at: Mapped[datetime | None]

    organisation = relationship("Organisation", foreign_keys=[organisation_id])
    requester_organisation = relationship("Organisation", foreign_keys=[requester_organisation_id])


class ContactBlock(db.Model):
    """This person (e-mail) and this organisation do not ask each other for contact; set by either side."""
    __tablename__ = "contact_blocks"
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"),
                                                 primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), primary_key=True)
    created_at = created_at()


_trigram_index()
