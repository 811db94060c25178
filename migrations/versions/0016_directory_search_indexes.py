"""directory search indexes: SQLite FTS5 trigram index on the search text; a covering index for filters and facets

Revision ID: 0016
Revises: 0015

No rows change. SQLite gets `organisations_fts` (external content, kept by triggers; app.directory.fts) and its
'rebuild' indexes the organisations already there. Both databases get ix_organisations_directory, which answers
the directory's filters, facet counts and name order without reading the wide organisation rows.
"""
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

COLUMNS = ["listed", "region_code", "country", "kind", "size_class", "name"]


def upgrade():
    from app.directory import fts

    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index("ix_organisations_directory", COLUMNS, unique=False)
    if op.get_bind().dialect.name == "sqlite":
        fts.create(op.get_bind())


def downgrade():
    from app.directory import fts

    if op.get_bind().dialect.name == "sqlite":
        fts.drop(op.get_bind())
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index("ix_organisations_directory")
