"""outcomes: event series, attendance marks per side, feedback outcome, follow-up answers, opt-out

Revision ID: 0004
Revises: 0009 (the job queue; 0001 in the brief, re-chained here once 0003 was on main)
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = '0009'
branch_labels = None
depends_on = None



def _mark(name):
    return sa.Enum("held", "no_show", name=name, native_enum=False, create_constraint=True, length=24)


OUTCOME = sa.Enum("no_follow_up", "further_contact", "offer_sent", "cooperation_agreed", "contract_signed",
                  name="outcome", native_enum=False, create_constraint=True, length=24)
KIND = sa.Enum("supply", "joint_project", "rnd", "other", name="cooperationkind", native_enum=False,
               create_constraint=True, length=24)
STAGE_TO_OUTCOME = {"none": "no_follow_up", "contact": "further_contact", "offer": "offer_sent",
                    "agreement": "cooperation_agreed"}


def upgrade():
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
        sa.UniqueConstraint("name", name=op.f("uq_series_name")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("follow_up_months", sa.JSON(), nullable=False, server_default="[3, 6]"))
        batch_op.create_index(batch_op.f("ix_events_series_id"), ["series_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_events_series_id_series"), "series", ["series_id"], ["id"],
                                    ondelete="SET NULL")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.alter_column("follow_up_months", server_default=None)
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        for side in ("a", "b", "desk"):
            batch_op.add_column(sa.Column(f"mark_{side}", _mark(f"mark_{side}"), nullable=True))
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opted_out_at", sa.DateTime(), nullable=True))
    _feedback_outcome()
    op.create_table(
        "follow_up_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("cooperating", sa.Boolean(), nullable=False),
        sa.Column("kind", KIND, nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"],
                                name=op.f("fk_follow_up_answers_participant_id_participants"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["partner_id"], ["participants.id"],
                                name=op.f("fk_follow_up_answers_partner_id_participants"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_answers")),
        sa.UniqueConstraint("participant_id", "partner_id", "months",
                            name=op.f("uq_follow_up_answers_participant_id_partner_id_months")),
    )
    with op.batch_alter_table("follow_up_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_up_answers_participant_id"), ["participant_id"], unique=False)


def _feedback_outcome():
    """follow_up_stage (4 values) becomes outcome (5 values, nullable); the rating may be left out."""
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", OUTCOME, nullable=True))
        batch_op.add_column(sa.Column("did_not_take_place", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    feedback = sa.table("feedback", sa.column("follow_up_stage", sa.String), sa.column("outcome", sa.String))
    for stage, outcome in STAGE_TO_OUTCOME.items():
        op.execute(feedback.update().where(feedback.c.follow_up_stage == stage).values(outcome=outcome))
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.alter_column("did_not_take_place", server_default=None)
        batch_op.alter_column("rating", existing_type=sa.Integer(), nullable=True)
        batch_op.drop_constraint(op.f("ck_feedback_followupstage"), type_="check")
        batch_op.drop_column("follow_up_stage")


def downgrade():
    with op.batch_alter_table("follow_up_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_answers_participant_id"))
    op.drop_table("follow_up_answers")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.add_column(sa.Column("follow_up_stage", sa.String(24), nullable=False, server_default="none"))
    feedback = sa.table("feedback", sa.column("follow_up_stage", sa.String), sa.column("outcome", sa.String))
    for stage, outcome in STAGE_TO_OUTCOME.items():
        op.execute(feedback.update().where(feedback.c.outcome == outcome).values(follow_up_stage=stage))
    op.execute(sa.text("DELETE FROM feedback WHERE rating IS NULL"))
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.alter_column("rating", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("did_not_take_place")
        batch_op.drop_constraint(op.f("ck_feedback_outcome"), type_="check")
        batch_op.drop_column("outcome")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("opted_out_at")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        for side in ("a", "b", "desk"):
            batch_op.drop_constraint(op.f(f"ck_meetings_mark_{side}"), type_="check")
            batch_op.drop_column(f"mark_{side}")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_events_series_id_series"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_events_series_id"))
        batch_op.drop_column("follow_up_months")
        batch_op.drop_column("series_id")
    op.drop_table("series")
