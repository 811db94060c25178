"""Directory rows next to the organisation: its members and its sectors as one row per NACE division."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db_types import created_at
from ..extensions import db


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


_trigram_index()
