"""accounts: session tokens, two-factor sign-in, password reset links

Revision ID: 59f6cce32ed6
Revises: 8b9a2d3cda07
Create Date: 2026-12-04 10:00:00.000000

Every organiser gets a random session token; sessions and remember-me cookies
made before carry the id instead and stop working: everyone logs in once more.
"""

import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "59f6cce32ed6"
down_revision = "8b9a2d3cda07"
branch_labels = None
depends_on = None


def _foreign_keys_off():
    """Should batch mode rebuild "organiser" on SQLite, rows pointing at it must
    not stop the old copy from being dropped."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA foreign_keys=OFF")


def _fill_session_tokens():
    organiser = sa.table(
        "organiser", sa.column("id", sa.Integer), sa.column("session_token", sa.String)
    )
    bind = op.get_bind()
    for (organiser_id,) in bind.execute(sa.select(organiser.c.id)).all():
        bind.execute(
            organiser.update()
            .where(organiser.c.id == organiser_id)
            .values(session_token=secrets.token_urlsafe(32))
        )


def upgrade():
    _foreign_keys_off()
    with op.batch_alter_table("organiser", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_token", sa.String(64), nullable=True))
        batch_op.add_column(sa.Column("totp_secret", sa.String(64), nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))
    _fill_session_tokens()
    with op.batch_alter_table("organiser", schema=None) as batch_op:
        batch_op.alter_column(
            "session_token", existing_type=sa.String(64), nullable=False
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_organiser_session_token"), ["session_token"]
        )
    op.create_table(
        "password_reset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organiser_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organiser_id"],
            ["organiser.id"],
            name=op.f("fk_password_reset_organiser_id_organiser"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_password_reset_token_hash")),
    )
    with op.batch_alter_table("password_reset", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_password_reset_organiser_id"), ["organiser_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("password_reset", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_password_reset_organiser_id"))
    op.drop_table("password_reset")
    _foreign_keys_off()
    with op.batch_alter_table("organiser", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_organiser_session_token"), type_="unique"
        )
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_secret")
        batch_op.drop_column("session_token")
