"""accounts and sessions: session versions, per-event staff grants, shared rate counters,
organisation change proposals

Existing data: every user and participant starts at session version 0 (sessions signed in before the
upgrade carry no version and are asked to sign in again once). Every participant already linked to an
organisation stays its confirmed person (organisation_confirmed = true), so nobody loses the right to edit
what they entered. Existing non-admin organiser and desk accounts are granted to EVERY existing event with
their current role, so nobody loses access; admins need no grant. New events are granted explicitly
(the creator automatically, others by `flask users grant`).

Revision ID: 0002
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = '0005'
branch_labels = None
depends_on = None

ROLE = sa.Enum("admin", "organiser", "desk", name="role", native_enum=False, length=24, create_constraint=True)
PROPOSAL = sa.Enum("open", "accepted", "rejected", name="proposalstatus", native_enum=False, length=24,
                   create_constraint=True)


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("organisation_confirmed", sa.Boolean(), server_default=sa.true(),
                                   nullable=False))
    op.create_table(
        "event_staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("role", ROLE, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_event_staff_event_id_events"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_event_staff_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_staff")),
        sa.UniqueConstraint("user_id", "event_id", name=op.f("uq_event_staff_user_id_event_id")),
    )
    op.create_index(op.f("ix_event_staff_event_id"), "event_staff", ["event_id"])
    op.create_index(op.f("ix_event_staff_user_id"), "event_staff", ["user_id"])
    op.create_table(
        "rate_counters",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("window_start_at", sa.DateTime(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_counters")),
    )
    op.create_table(
        "organisation_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("status", PROPOSAL, nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_organisation_proposals_organisation_id_organisations"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"],
                                name=op.f("fk_organisation_proposals_participant_id_participants"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_proposals")),
    )
    op.create_index(op.f("ix_organisation_proposals_organisation_id"), "organisation_proposals",
                    ["organisation_id"])
    op.create_index(op.f("ix_organisation_proposals_participant_id"), "organisation_proposals",
                    ["participant_id"])
    # nobody loses access: existing organiser/desk accounts keep every existing event
    op.execute(
        "INSERT INTO event_staff (user_id, event_id, role, created_at) "
        "SELECT users.id, events.id, users.role, CURRENT_TIMESTAMP FROM users CROSS JOIN events "
        "WHERE users.role IN ('organiser', 'desk')"
    )


def downgrade():
    op.drop_table("organisation_proposals")
    op.drop_table("rate_counters")
    op.drop_table("event_staff")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("organisation_confirmed")
        batch.drop_column("session_version")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_version")
