"""pre-moderation of cards: an event setting (card states need no column)

Revision ID: b7c1d2e3f4a5
Revises: 0329e77e7933
Create Date: 2026-11-26 10:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b7c1d2e3f4a5"
down_revision = "0329e77e7933"
branch_labels = None
depends_on = None


def _foreign_keys_off():
    """Should batch mode rebuild "event" on SQLite, rows pointing at it must not
    stop the old copy from being dropped."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA foreign_keys=OFF")


def upgrade():
    _foreign_keys_off()
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "premoderation", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )


def downgrade():
    _foreign_keys_off()
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("premoderation")
