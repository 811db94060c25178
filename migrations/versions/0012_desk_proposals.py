"""meeting requests proposed by the event-day desk (walk-ins): the partner sees a proposal they can decline

Revision ID: 0012
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    # Existing requests were all sent by participants themselves (desk wishes before this revision cannot be told
    # apart from accepted requests), so every kept row is `false`.
    with op.batch_alter_table("meeting_requests") as batch:
        batch.add_column(sa.Column("by_desk", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("meeting_requests") as batch:
        batch.drop_column("by_desk")
