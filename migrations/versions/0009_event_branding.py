"""event branding: funding statement, programme name, organiser and partner logos (issue 20)

Revision ID: 0009
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    # existing events keep their data; the statement stays off until the organiser turns it on
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("funding_statement", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("programme_name", sa.String(length=200), server_default="", nullable=False))
    op.create_table(
        "event_logos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.String(length=80), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('organiser', 'partner')", name=op.f("ck_event_logos_kind")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_event_logos_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_logos")),
        sa.UniqueConstraint("file_name", name=op.f("uq_event_logos_file_name")),
    )
    with op.batch_alter_table("event_logos") as batch:
        batch.create_index(batch.f("ix_event_logos_event_id"), ["event_id"], unique=False)


def downgrade():
    with op.batch_alter_table("event_logos") as batch:
        batch.drop_index(batch.f("ix_event_logos_event_id"))
    op.drop_table("event_logos")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("programme_name")
        batch.drop_column("funding_statement")
