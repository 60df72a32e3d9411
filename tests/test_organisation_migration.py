"""An existing installation keeps working after the organisations migration:
one organisation holds everything, every account administers it."""

import uuid
from datetime import datetime

import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from tests.test_migrations import fresh_database_url  # noqa: F401  (a fixture)

BEFORE = "7c5e0f3a91b2"


def test_existing_accounts_events_processes_and_mail_settings_join_one_organisation(
    fresh_database_url,  # noqa: F811
):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": fresh_database_url,
            "SECRET_KEY": "test",
            "SOCKETIO_ASYNC_MODE": "threading",
        }
    )
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            first = _insert(connection, "organiser", email="a@example.org")
            second = _insert(connection, "organiser", email="b@example.org")
            _insert(connection, "event", organiser_id=second)
            _insert(connection, "process", organiser_id=first)
            _insert(connection, "mail_settings", server="smtp.example.org")
        upgrade()
        with db.engine.connect() as connection:
            rows = _read(connection)
        db.engine.dispose()

    assert rows["organisations"] == ["Tischrunde"]
    assert rows["roles"] == [(first, "admin"), (second, "admin")]
    assert rows["site_admins"] == [first]
    assert rows["owned"] == {(rows["organisation_id"],)}


def _insert(connection, name, **values):
    """A row with every required column filled in plainly."""
    table = sa.Table(name, sa.MetaData(), autoload_with=connection)
    for column in table.columns:
        needed = not column.nullable and column.server_default is None
        if column.name in values or column.primary_key or not needed:
            continue
        values[column.name] = _plain(column.type)
    result = connection.execute(table.insert().values(**values))
    return result.inserted_primary_key[0]


def _plain(column_type):
    if isinstance(column_type, sa.Boolean):
        return False
    if isinstance(column_type, sa.DateTime):
        return datetime(2026, 11, 24, 18)
    if isinstance(column_type, sa.Date):
        return datetime(2026, 11, 24).date()
    if isinstance(column_type, sa.Integer):
        return 1
    return uuid.uuid4().hex[:8]


def _read(connection):
    def column(sql):
        return connection.execute(sa.text(sql)).all()

    organisation_id = column("SELECT id FROM organisation")[0][0]
    owned = set()
    for table in ("event", "process", "mail_settings"):
        owned |= set(column(f"SELECT organisation_id FROM {table}"))
    return {
        "organisation_id": organisation_id,
        "organisations": [r[0] for r in column("SELECT name FROM organisation")],
        "roles": [
            tuple(r)
            for r in column(
                "SELECT organiser_id, role FROM membership ORDER BY organiser_id"
            )
        ],
        "site_admins": [
            r[0] for r in column("SELECT id FROM organiser WHERE is_site_admin")
        ],
        "owned": owned,
    }
