"""participants.email may be empty: the desk registers walk-ins who give no e-mail address

Revision ID: 0013
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.alter_column("email", existing_type=sa.String(length=254), nullable=True)


def downgrade():
    # a walk-in without an address gets one that can never receive mail (RFC 2606 reserves .invalid)
    op.execute("UPDATE participants SET email = 'walk-in-' || id || '@coopex.invalid' WHERE email IS NULL")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.alter_column("email", existing_type=sa.String(length=254), nullable=False)
