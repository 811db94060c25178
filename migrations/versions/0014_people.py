"""people: one person account per e-mail address across events; participations link to it (issue 21)

Revision ID: 0014
Revises: 0004

Every participation that is not anonymised gets the person of its normalised (trimmed, lower-case) address;
no participant row changes otherwise. The person's language is the one of their latest participation.
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("locale", sa.String(length=5), nullable=False),
        sa.Column("invitations_opted_out_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("email", name=op.f("uq_people_email")),
    )
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_participants_person_id"), ["person_id"], unique=False)
        batch.create_foreign_key(batch.f("fk_participants_person_id_people"), "people", ["person_id"], ["id"],
                                 ondelete="SET NULL")
    link_participants(op.get_bind())


def link_participants(conn):
    """One person per normalised address, in the language of the latest participation, linked to each."""
    participants = sa.table("participants", sa.column("id"), sa.column("email"), sa.column("locale"),
                            sa.column("anonymised_at"), sa.column("created_at"), sa.column("person_id"))
    people = sa.table("people", sa.column("id"), sa.column("email"), sa.column("locale"), sa.column("created_at"))
    rows = conn.execute(sa.select(participants.c.id, participants.c.email, participants.c.locale,
                                  participants.c.created_at)
                        .where(participants.c.anonymised_at.is_(None)).order_by(participants.c.id)).all()
    by_email = {}
    for row in rows:
        email = (row.email or "").strip().lower()
        if email and not email.endswith("@invalid"):
            by_email.setdefault(email, []).append(row)
    for email, group in sorted(by_email.items()):
        first, latest = group[0], group[-1]
        person_id = conn.execute(people.insert().values(email=email, locale=latest.locale or "en",
                                                        created_at=first.created_at)
                                 .returning(people.c.id)).scalar_one()
        conn.execute(participants.update().where(participants.c.id.in_([r.id for r in group]))
                     .values(person_id=person_id))


def downgrade():
    with op.batch_alter_table("participants") as batch:
        batch.drop_constraint(batch.f("fk_participants_person_id_people"), type_="foreignkey")
        batch.drop_index(batch.f("ix_participants_person_id"))
        batch.drop_column("person_id")
    op.drop_table("people")
