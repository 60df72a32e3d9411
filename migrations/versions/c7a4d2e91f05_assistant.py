"""the assistant: a switch per event, duplicate suggestions, themes

Revision ID: c7a4d2e91f05
Revises: ba1300868e6c
Create Date: 2026-12-04 09:55:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "c7a4d2e91f05"
down_revision = "ba1300868e6c"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "assistant", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
    op.create_table(
        "duplicate_suggestion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["card_id"], ["card.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["other_id"], ["card.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("card_id", "other_id"),
    )
    for column in ("event_id", "card_id", "other_id"):
        op.create_index(
            f"ix_duplicate_suggestion_{column}", "duplicate_suggestion", [column]
        )
    op.create_table(
        "theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("action_field_id", sa.Integer(), nullable=True),
        sa.Column("table_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["action_field_id"], ["action_field.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["table_id"], ["table.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_theme_event_id", "theme", ["event_id"])
    op.create_table(
        "theme_card",
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["card_id"], ["card.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["theme_id"], ["theme.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("theme_id", "card_id"),
    )


def downgrade():
    op.drop_table("theme_card")
    op.drop_index("ix_theme_event_id", table_name="theme")
    op.drop_table("theme")
    for column in ("event_id", "card_id", "other_id"):
        op.drop_index(
            f"ix_duplicate_suggestion_{column}", table_name="duplicate_suggestion"
        )
    op.drop_table("duplicate_suggestion")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("assistant")
