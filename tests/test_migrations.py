"""The committed migrations build exactly the schema the models describe."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app
from app.extensions import db


@pytest.fixture
def fresh_database_url(tmp_path):
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path}/migrated.sqlite"
        return
    name = f"tischrunde_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_match_the_models(fresh_database_url, tmp_path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": fresh_database_url,
            "SECRET_KEY": "test",
            "SOCKETIO_ASYNC_MODE": "threading",
        }
    )
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.engine.dispose()
    assert diff == []


def test_accounts_get_distinct_session_tokens_on_upgrade(fresh_database_url):
    """Existing organisers get a session token each: their old sessions (which
    carry the id) end, and they log in again."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": fresh_database_url,
            "SECRET_KEY": "test",
            "SOCKETIO_ASYNC_MODE": "threading",
        }
    )
    with app.app_context():
        upgrade(revision="7c5e0f3a91b2")
        with db.engine.begin() as connection:
            for number in (1, 2):
                connection.execute(
                    text(
                        "INSERT INTO organiser (email, name, password_hash, "
                        "created_at) VALUES (:email, 'O', 'x', CURRENT_TIMESTAMP)"
                    ),
                    {"email": f"o{number}@example.org"},
                )
        upgrade()
        with db.engine.connect() as connection:
            tokens = connection.execute(
                text("SELECT session_token, totp_secret FROM organiser")
            ).all()
        db.engine.dispose()
    assert len({token for token, _secret in tokens}) == 2
    assert all(len(token) >= 40 and secret is None for token, secret in tokens)
