"""offers of organisations: opportunities belong to the organisation, the person who wrote one is its author

Revision ID: 0015
Revises: 0004

Keeps every row: each offer/request moves to the organisation of the participation it was written for, and that
participant becomes its author (kept for their data export; SET NULL when they are deleted). A participant
without an organisation gets one named after them, so no offer is lost. Offers of one organisation that are
truly identical (same kind, the six titles and texts, sectors and target countries — e.g. the same person
registered for two events of a series with the same offer) become one row: the oldest, which keeps its author.
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None

CONTENT = ("kind", "title_cs", "title_de", "title_en", "text_cs", "text_de", "text_en", "sectors", "target_countries")


def upgrade():
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("author_id", sa.Integer(), nullable=True))
    conn = op.get_bind()
    _give_everyone_an_organisation(conn)
    conn.execute(sa.text(
        "UPDATE opportunities SET author_id = participant_id, organisation_id = "
        "(SELECT p.organisation_id FROM participants p WHERE p.id = opportunities.participant_id)"))
    _merge_identical(conn)
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunities_participant_id"))
        batch_op.drop_constraint(batch_op.f("fk_opportunities_participant_id_participants"), type_="foreignkey")
        batch_op.drop_column("participant_id")
        batch_op.alter_column("organisation_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f("fk_opportunities_organisation_id_organisations"), "organisations",
                                    ["organisation_id"], ["id"], ondelete="CASCADE")
        batch_op.create_foreign_key(batch_op.f("fk_opportunities_author_id_participants"), "participants",
                                    ["author_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index(batch_op.f("ix_opportunities_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_opportunities_author_id"), ["author_id"], unique=False)


def _give_everyone_an_organisation(conn):
    """Participants with offers but no organisation (not made by the app, but possible in the schema)."""
    rows = conn.execute(sa.text(
        "SELECT DISTINCT p.id, p.first_name, p.last_name, p.created_at FROM participants p "
        "JOIN opportunities o ON o.participant_id = p.id WHERE p.organisation_id IS NULL ORDER BY p.id")
        .columns(sa.column("id", sa.Integer()), sa.column("first_name", sa.String()),
                 sa.column("last_name", sa.String()), sa.column("created_at", sa.DateTime()))).all()
    typed = {"id": sa.Integer(), "nace_sectors": sa.JSON(), "languages": sa.JSON(), "listed": sa.Boolean(),
             "created_at": sa.DateTime()}
    organisations = sa.table("organisations", *(sa.column(c, typed.get(c, sa.String())) for c in (
        "id", "name", "kind", "country", "region", "city", "website", "nace_sectors", "description_cs",
        "description_de", "description_en", "region_code", "languages", "listed", "search_text", "created_at")))
    for pid, first, last, created in rows:
        name = f"{first} {last}".strip() or f"#{pid}"
        new_id = conn.execute(organisations.insert().values(
            name=name[:200], kind="other", country="", region="", city="", website="", nace_sectors=[],
            description_cs="", description_de="", description_en="", region_code="", languages=[], listed=False,
            search_text="", created_at=created).returning(organisations.c.id)).scalar_one()
        conn.execute(sa.text("UPDATE participants SET organisation_id = :org WHERE id = :pid"),
                     {"org": new_id, "pid": pid})


def _merge_identical(conn):
    rows = conn.execute(sa.text(
        "SELECT id, organisation_id, " + ", ".join(CONTENT) + " FROM opportunities ORDER BY id")).mappings().all()
    kept, duplicates = {}, []
    for row in rows:
        key = (row["organisation_id"], *(_canonical(row[c]) for c in CONTENT))
        if key in kept:
            duplicates.append(row["id"])
        else:
            kept[key] = row["id"]
    for start in range(0, len(duplicates), 500):
        conn.execute(sa.text("DELETE FROM opportunities WHERE id IN :ids").bindparams(sa.bindparam("ids", expanding=True)),
                     {"ids": duplicates[start:start + 500]})


def _canonical(value):
    """JSON columns come back as text on SQLite and as lists on PostgreSQL: compare them as the same thing."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    return json.dumps(value, sort_keys=True) if isinstance(value, (list, dict)) else value


def downgrade():
    """Back to one participation per offer: its author, else the organisation's first participant; an offer of an
    organisation nobody of which takes part anywhere has no place in 0004's schema and is dropped."""
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("participant_id", sa.Integer(), nullable=True))
    conn = op.get_bind()
    conn.execute(sa.text(
        "UPDATE opportunities SET participant_id = COALESCE(author_id, (SELECT min(p.id) FROM participants p "
        "WHERE p.organisation_id = opportunities.organisation_id))"))
    conn.execute(sa.text("DELETE FROM opportunities WHERE participant_id IS NULL"))
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunities_author_id"))
        batch_op.drop_index(batch_op.f("ix_opportunities_organisation_id"))
        batch_op.drop_constraint(batch_op.f("fk_opportunities_author_id_participants"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_opportunities_organisation_id_organisations"), type_="foreignkey")
        batch_op.drop_column("author_id")
        batch_op.drop_column("organisation_id")
        batch_op.alter_column("participant_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f("fk_opportunities_participant_id_participants"), "participants",
                                    ["participant_id"], ["id"], ondelete="CASCADE")
        batch_op.create_index(batch_op.f("ix_opportunities_participant_id"), ["participant_id"], unique=False)
