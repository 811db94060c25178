"""Organisations, participants (people at one event) and their opportunities."""
import secrets
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db_types import LocalisedMixin, created_at, enum_column, updated_at
from ..extensions import db


class OrganisationKind(StrEnum):
    COMPANY = "company"
    CHAMBER = "chamber"
    CLUSTER = "cluster"
    ASSOCIATION = "association"
    RESEARCH = "research"        # incl. universities
    PUBLIC_BODY = "public_body"  # incl. municipal business development
    LAG = "lag"                  # local action group: MAS / LEADER
    OTHER = "other"


class SizeClass(StrEnum):
    MICRO = "micro"    # < 10 employees
    SMALL = "small"    # < 50
    MEDIUM = "medium"  # < 250
    LARGE = "large"


class ParticipantRole(StrEnum):
    PARTICIPANT = "participant"
    EXHIBITOR = "exhibitor"


class ParticipantStatus(StrEnum):
    PENDING = "pending"      # waiting for organiser approval, not visible
    APPROVED = "approved"    # visible in the marketplace
    REJECTED = "rejected"
    CANCELLED = "cancelled"  # withdrew or deleted (anonymised)


class OpportunityKind(StrEnum):
    BUSINESS_OFFER = "business_offer"
    BUSINESS_REQUEST = "business_request"
    TECHNOLOGY_OFFER = "technology_offer"
    TECHNOLOGY_REQUEST = "technology_request"
    RND_COOPERATION = "rnd_cooperation"
    OTHER = "other"


class Organisation(LocalisedMixin, db.Model):
    """Shared across events, reused by name or registration id (IČO / USt-IdNr.)."""
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), index=True)
    registration_id: Mapped[str | None] = mapped_column(sa.String(40), unique=True)
    kind: Mapped[OrganisationKind] = enum_column(OrganisationKind, default=OrganisationKind.COMPANY)
    country: Mapped[str] = mapped_column(sa.String(2))  # ISO 3166-1 alpha-2
    region: Mapped[str] = mapped_column(sa.String(80), default="")
    city: Mapped[str] = mapped_column(sa.String(120), default="")
    website: Mapped[str] = mapped_column(sa.String(300), default="")
    nace_sectors: Mapped[list] = mapped_column(sa.JSON, default=list)  # e.g. ["C25", "C28"]
    size_class: Mapped[SizeClass | None] = enum_column(SizeClass, nullable=True)
    description_cs: Mapped[str] = mapped_column(sa.Text, default="")
    description_de: Mapped[str] = mapped_column(sa.Text, default="")
    description_en: Mapped[str] = mapped_column(sa.Text, default="")
    # the directory (app.directory): NUTS 3 code of the programme area, "" = outside; public listing consent
    region_code: Mapped[str] = mapped_column(sa.String(5), default="", index=True)
    languages: Mapped[list] = mapped_column(sa.JSON, default=list)
    listed: Mapped[bool] = mapped_column(default=False, index=True)
    # folded words of name, place, sectors (cs/de/en), descriptions and offers, kept by app.directory.search
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    created_at = created_at()

    participants = relationship("Participant", back_populates="organisation")
    members = relationship("OrganisationMember", back_populates="organisation", cascade="all, delete-orphan")
    sector_rows = relationship("OrganisationSector", cascade="all, delete-orphan")
    # offers and requests belong to the organisation: shown in every event one of its people takes part in
    opportunities = relationship("Opportunity", back_populates="organisation", cascade="all, delete-orphan",
                                 order_by="Opportunity.id")

    @property
    def description(self):
        return self.localised("description")


participant_unavailable = sa.Table(
    "participant_unavailable", db.metadata,
    sa.Column("participant_id", sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("slot_id", sa.ForeignKey("slots.id", ondelete="CASCADE"), primary_key=True),
)


class Participant(db.Model):
    """A person taking part in one event for an organisation. Signs in by e-mailed link."""
    __tablename__ = "participants"
    __table_args__ = (sa.UniqueConstraint("event_id", "email"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    # the same e-mail address at every event (app.people); None once the participation is anonymised
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"), index=True)
    first_name: Mapped[str] = mapped_column(sa.String(100))
    last_name: Mapped[str] = mapped_column(sa.String(100))
    email: Mapped[str | None] = mapped_column(sa.String(254))  # None: a walk-in who gave no address
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    position: Mapped[str] = mapped_column(sa.String(120), default="")
    languages: Mapped[list] = mapped_column(sa.JSON, default=list)  # spoken: ["cs", "de", "en", "pl", …]
    locale: Mapped[str] = mapped_column(sa.String(5), default="en")  # preferred UI / document language
    role: Mapped[ParticipantRole] = enum_column(ParticipantRole, default=ParticipantRole.PARTICIPANT)
    status: Mapped[ParticipantStatus] = enum_column(ParticipantStatus, default=ParticipantStatus.PENDING)
    max_meetings: Mapped[int | None]
    gdpr_consent_at: Mapped[datetime | None]
    checked_in_at: Mapped[datetime | None]
    absent: Mapped[bool] = mapped_column(default=False)  # marked as no-show on the event day
    feed_token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=lambda: secrets.token_urlsafe(32))
    login_nonce: Mapped[int] = mapped_column(default=0)  # bumped on each sign-in: links are single-use
    # bumped by sign-out: every session cookie carrying an older value is refused
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # False for someone who registered into an organisation that already existed: their changes to the
    # organisation's record become OrganisationProposals for its confirmed people or the organisers
    organisation_confirmed: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    last_login_at: Mapped[datetime | None]
    anonymised_at: Mapped[datetime | None]
    opted_out_at: Mapped[datetime | None]  # no more surveys or reminders (one-click link in each)
    attendance_answer: Mapped[str | None] = mapped_column(sa.String(10))  # "coming" | "not_coming" (reminder link)
    attendance_answered_at: Mapped[datetime | None]
    created_at = created_at()

    event = relationship("Event", foreign_keys=[event_id])
    organisation = relationship("Organisation", back_populates="participants")
    person = relationship("Person", back_populates="participations")
    unavailable_slots = relationship("Slot", secondary=participant_unavailable)

    is_participant = True
    is_authenticated = True
    is_anonymous = False

    def get_id(self):
        return f"p:{self.id}"

    @property
    def is_active(self):
        return self.status in (ParticipantStatus.PENDING, ParticipantStatus.APPROVED)

    def has_role(self, *roles):
        return False

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def short_name(self):
        """Initial and surname ("T. Král"): tells apart the several Králs or Schmidts of one event in tight grids."""
        return f"{self.first_name[:1]}. {self.last_name}" if self.first_name else self.last_name

    @property
    def country(self):
        return self.organisation.country if self.organisation else None

    @property
    def opportunities(self):
        """The offers and requests of the person's organisation (a copy: add them to the organisation)."""
        return list(self.organisation.opportunities) if self.organisation else []


class Opportunity(LocalisedMixin, db.Model):
    """An offer or request of an organisation; it outlives the participation of whoever wrote it."""
    __tablename__ = "opportunities"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    # who wrote it, for their data export; the row stays with the organisation when that person is deleted
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("participants.id", ondelete="SET NULL"), index=True)
    kind: Mapped[OpportunityKind] = enum_column(OpportunityKind, default=OpportunityKind.BUSINESS_OFFER)
    title_cs: Mapped[str] = mapped_column(sa.String(200), default="")
    title_de: Mapped[str] = mapped_column(sa.String(200), default="")
    title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    text_cs: Mapped[str] = mapped_column(sa.Text, default="")
    text_de: Mapped[str] = mapped_column(sa.Text, default="")
    text_en: Mapped[str] = mapped_column(sa.Text, default="")
    sectors: Mapped[list] = mapped_column(sa.JSON, default=list)
    target_countries: Mapped[list] = mapped_column(sa.JSON, default=list)
    created_at = created_at()
    updated_at = updated_at()

    organisation = relationship("Organisation", back_populates="opportunities")
    author = relationship("Participant")

    @property
    def title(self):
        return self.localised("title")

    @property
    def text(self):
        return self.localised("text")


class ProposalStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class OrganisationProposal(db.Model):
    """Changes to an organisation's record proposed by someone who is not (yet) one of its confirmed people.
    `changes` maps field -> proposed value; nothing changes until a confirmed person or an organiser accepts."""
    __tablename__ = "organisation_proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("participants.id", ondelete="SET NULL"),
                                                       index=True)
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    status: Mapped[ProposalStatus] = enum_column(ProposalStatus, default=ProposalStatus.OPEN)
    decided_at: Mapped[datetime | None]
    created_at = created_at()

    organisation = relationship("Organisation")
    participant = relationship("Participant")
