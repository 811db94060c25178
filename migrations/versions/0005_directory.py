"""directory: organisation kinds, region code, languages, listing consent, search text, members, sector rows

Revision ID: 0005
Revises: 0003

Keeps every row: existing organisations get their NUTS 3 region from the region they typed, their spoken
languages from their people, their registration id in the one form used for comparison (unless that would
collide with another organisation: such pairs are left for the organisers' duplicate list), their people's
e-mail addresses as members, and stay unlisted (nobody has agreed to a public listing yet).
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = '0003'
branch_labels = None
depends_on = None

OLD_KINDS = ("company", "chamber", "cluster", "research", "public_body")
NEW_KINDS = ("company", "chamber", "cluster", "association", "research", "public_body", "lag", "other")


def _kind_check(kinds):
    return "kind IN (%s)" % ", ".join(f"'{k}'" for k in kinds)


def upgrade():
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("region_code", sa.String(length=5), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("languages", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("listed", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
        batch_op.drop_constraint(op.f("ck_organisations_organisationkind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_organisations_organisationkind"), _kind_check(NEW_KINDS))
        batch_op.create_index(batch_op.f("ix_organisations_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_organisations_listed"), ["listed"], unique=False)
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        for column in ("region_code", "languages", "listed", "search_text"):
            batch_op.alter_column(column, server_default=None)

    op.create_table(
        "organisation_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_organisation_members_organisation_id_organisations"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_members")),
        sa.UniqueConstraint("organisation_id", "email", name=op.f("uq_organisation_members_organisation_id_email")),
    )
    with op.batch_alter_table("organisation_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_members_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_organisation_members_organisation_id"), ["organisation_id"], unique=False)
    op.create_table(
        "organisation_sectors",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("division", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_organisation_sectors_organisation_id_organisations"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("organisation_id", "division", name=op.f("pk_organisation_sectors")),
    )
    with op.batch_alter_table("organisation_sectors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_sectors_division"), ["division"], unique=False)
    _contact_tables()
    _trigram_index()
    _migrate_rows(op.get_bind())


def _contact_tables():
    op.create_table(
        "contact_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requester_email", sa.String(length=254), nullable=False),
        sa.Column("requester_name", sa.String(length=200), nullable=False),
        sa.Column("requester_organisation_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.Enum("pending", "accepted", "declined", name="contactstatus", native_enum=False,
                                    create_constraint=True, length=24), nullable=False),
        sa.Column("answered_by", sa.String(length=254), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("responded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_contact_requests_organisation_id_organisations"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["requester_organisation_id"], ["organisations.id"],
                                name=op.f("fk_contact_requests_requester_organisation_id_organisations"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_requests")),
    )
    with op.batch_alter_table("contact_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_requests_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_requests_requester_email"), ["requester_email"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_requests_requester_organisation_id"),
                              ["requester_organisation_id"], unique=False)
    op.create_table(
        "contact_blocks",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_contact_blocks_organisation_id_organisations"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("organisation_id", "email", name=op.f("pk_contact_blocks")),
    )


def _trigram_index():
    """PostgreSQL: a trigram index lets `search_text LIKE '%word%'` use an index (pg_trgm is a trusted extension)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_organisations_search_trgm ON organisations USING gin (search_text gin_trgm_ops)")
    else:  # SQLite has no trigram index; the plain one keeps models and migrations alike
        op.create_index("ix_organisations_search_trgm", "organisations", ["search_text"])


def _migrate_rows(conn):
    import json
    from datetime import UTC, datetime

    from app.reference import nace, regions
    from app.directory.identity import registration_key

    now = datetime.now(UTC).replace(tzinfo=None)
    orgs = conn.execute(sa.text("SELECT id, name, registration_id, region, city, nace_sectors, description_cs, "
                                "description_de, description_en FROM organisations ORDER BY id")).mappings().all()
    people = conn.execute(sa.text("SELECT organisation_id, email, languages FROM participants "
                                  "WHERE organisation_id IS NOT NULL AND anonymised_at IS NULL ORDER BY id")).all()
    taken = {o["registration_id"] for o in orgs if o["registration_id"]}
    # a typed parameter: SQLAlchemy writes the timestamp itself (Python 3.12's sqlite3 deprecates its own adapter)
    add_member = sa.text("INSERT INTO organisation_members (organisation_id, email, created_at) "
                         "VALUES (:org, :email, :now)").bindparams(sa.bindparam("now", type_=sa.DateTime()))
    for org in orgs:
        mine = [p for p in people if p.organisation_id == org["id"]]
        langs = list(dict.fromkeys(lang for p in mine for lang in _json(p.languages)))
        sectors = _json(org["nace_sectors"])
        text = " ".join([org["name"] or "", org["city"] or "", org["region"] or "", org["description_cs"] or "",
                         org["description_de"] or "", org["description_en"] or ""])
        code = regions.code_for(org["region"]) or regions.code_for(org["city"])
        values = {"id": org["id"], "code": code, "langs": json.dumps(langs),
                  "text": " ".join([nace.fold(text), regions.all_names(code) and nace.fold(regions.all_names(code)),
                                    nace.search_words(sectors), *sorted(f"lang:{lang}" for lang in langs)]).strip(),
                  "reg": org["registration_id"]}
        key = registration_key(org["registration_id"])
        if key and key != org["registration_id"] and key not in taken:
            taken.discard(org["registration_id"])
            taken.add(key)
            values["reg"] = key
        conn.execute(sa.text("UPDATE organisations SET region_code = :code, languages = :langs, search_text = :text, "
                             "registration_id = :reg WHERE id = :id"), values)
        for email in dict.fromkeys(p.email.strip().lower() for p in mine):
            conn.execute(add_member, {"org": org["id"], "email": email, "now": now})
        for division in sorted({nace.division(c) for c in sectors} - {""}):
            if len(division) == 3:
                conn.execute(sa.text("INSERT INTO organisation_sectors (organisation_id, division) VALUES (:o, :d)"),
                             {"o": org["id"], "d": division})


def _json(value):
    import json

    if isinstance(value, str):
        return json.loads(value or "[]") or []
    return value or []


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_organisations_search_trgm")
    else:
        op.drop_index("ix_organisations_search_trgm", "organisations")
    op.execute("UPDATE organisations SET kind = 'cluster' WHERE kind = 'association'")
    op.execute("UPDATE organisations SET kind = 'company' WHERE kind IN ('lag', 'other')")
    op.drop_table("contact_blocks")
    op.drop_table("contact_requests")
    op.drop_table("organisation_sectors")
    op.drop_table("organisation_members")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_listed"))
        batch_op.drop_index(batch_op.f("ix_organisations_region_code"))
        batch_op.drop_constraint(op.f("ck_organisations_organisationkind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_organisations_organisationkind"), _kind_check(OLD_KINDS))
        for column in ("search_text", "listed", "languages", "region_code"):
            batch_op.drop_column(column)
