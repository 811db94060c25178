"""reminders and nudges: per-event switches and lead times, a participant's attendance answer (issue 19)

Revision ID: 0011
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    # Existing events get the reminders switched on with the defaults of a new event; the jobs only send for
    # times still ahead, so a finished event (or one about to start) gets nothing retroactively.
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("remind_confirm", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch.add_column(sa.Column("remind_confirm_days", sa.Integer(), server_default="3", nullable=False))
        batch.add_column(sa.Column("remind_agenda", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch.add_column(sa.Column("remind_requests", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch.add_column(sa.Column("remind_requests_days", sa.Integer(), server_default="2", nullable=False))
        batch.add_column(sa.Column("remind_no_meetings", sa.Boolean(), server_default=sa.true(), nullable=False))
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("attendance_answer", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("attendance_answered_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("attendance_answered_at")
        batch.drop_column("attendance_answer")
    with op.batch_alter_table("events") as batch:
        for column in ("remind_no_meetings", "remind_requests_days", "remind_requests", "remind_agenda",
                       "remind_confirm_days", "remind_confirm"):
            batch.drop_column(column)
