"""a category's pictogram: the organiser's choice from app/pictograms.py, "" for its key's default

Revision ID: ba1300868e6c
Revises: 1e416021adb8
Create Date: 2026-12-04 01:37:36.352623

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "ba1300868e6c"
down_revision = "1e416021adb8"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "pictogram", sa.String(length=40), server_default="", nullable=False
            )
        )


def downgrade():
    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.drop_column("pictogram")
