"""card translations and interpreters

Revision ID: 6512fef1beaf
Revises: 9d11a99801d6
Create Date: 2026-11-21 13:43:30.448273

"""
import secrets

from alembic import op
import sqlalchemy as sa

# As app.models.base.TOKEN_ALPHABET; copied so the migration never changes with the app.
TOKEN_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


# revision identifiers, used by Alembic.
revision = '6512fef1beaf'
down_revision = '9d11a99801d6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('interpreter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('languages', sa.String(length=100), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_interpreter_event_id_event')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interpreter')),
    sa.UniqueConstraint('token', name=op.f('uq_interpreter_token'))
    )
    with op.batch_alter_table('interpreter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interpreter_event_id'), ['event_id'], unique=False)

    op.create_table('card_translation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('interpreter_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['card.id'], name=op.f('fk_card_translation_card_id_card')),
    sa.ForeignKeyConstraint(['interpreter_id'], ['interpreter.id'], name=op.f('fk_card_translation_interpreter_id_interpreter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_translation')),
    sa.UniqueConstraint('card_id', 'language', name=op.f('uq_card_translation_card_id'))
    )
    with op.batch_alter_table('card_translation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_translation_card_id'), ['card_id'], unique=False)

    # Existing events get their interpreter token before the column turns NOT NULL.
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interpreter_token', sa.String(length=32), nullable=True))
    _give_events_interpreter_tokens()
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.alter_column('interpreter_token', existing_type=sa.String(length=32), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_event_interpreter_token'), ['interpreter_token'])


def _give_events_interpreter_tokens():
    connection = op.get_bind()
    event = sa.table('event', sa.column('id', sa.Integer), sa.column('interpreter_token', sa.String))
    for (event_id,) in connection.execute(sa.select(event.c.id)).all():
        token = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(10))
        connection.execute(event.update().where(event.c.id == event_id).values(interpreter_token=token))


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_event_interpreter_token'), type_='unique')
        batch_op.drop_column('interpreter_token')

    with op.batch_alter_table('card_translation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_translation_card_id'))

    op.drop_table('card_translation')
    with op.batch_alter_table('interpreter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interpreter_event_id'))

    op.drop_table('interpreter')
