"""a resent vote is known by its uuid: the phone's name for a ballot's latest answer

Revision ID: 4fc1287a39f0
Revises: 59f6cce32ed6
Create Date: 2026-12-03 21:51:28.349361

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "4fc1287a39f0"
down_revision = "59f6cce32ed6"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ballot", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uuid", sa.String(length=36), nullable=True))
        batch_op.create_unique_constraint("uq_ballot_poll_id_uuid", ["poll_id", "uuid"])


def downgrade():
    with op.batch_alter_table("ballot", schema=None) as batch_op:
        batch_op.drop_constraint("uq_ballot_poll_id_uuid", type_="unique")
        batch_op.drop_column("uuid")
