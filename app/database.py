from sqlalchemy import event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert


def enable_sqlite_wal(app):
    """WAL lets phones read while a card is written; busy_timeout waits for a writer."""
    from app.extensions import db

    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def upsert(model, values, keys, update):
    """Insert a row, or update `update` of the row that has the same `keys`, in one
    statement (SQLite and PostgreSQL); returns the row's id.

    The statement is built once per model and dialect: building it costs seven
    times what running it does (measured on the vote path)."""
    from app.extensions import db
    from app.unit_of_work import statement_changed

    connection = db.session.connection()
    cache_key = (model, connection.dialect.name, tuple(keys), tuple(update))
    statement = _upserts.get(cache_key)
    if statement is None:
        statement = _upsert_statement(
            model.__table__, connection.dialect.name, keys, update
        )
        _upserts[cache_key] = statement
    statement_changed()
    return connection.execute(statement, values).scalar_one()


_upserts = {}


def _upsert_statement(table, dialect, keys, update):
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    statement = insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=keys, set_={name: statement.excluded[name] for name in update}
    )
    return statement.returning(table.c.id)


def insert_missing(model, rows, keys):
    """Insert the rows whose `keys` (a unique constraint) are not stored yet, in one
    statement; a row another request stored at the same moment is skipped instead
    of failing the whole unit of work. Returns the ids of the rows inserted."""
    from app.extensions import db
    from app.unit_of_work import statement_changed

    if not rows:
        return []
    connection = db.session.connection()
    insert = sqlite_insert if connection.dialect.name == "sqlite" else postgresql_insert
    table = model.__table__
    statement = insert(table).on_conflict_do_nothing(index_elements=keys)
    statement_changed()
    inserted = connection.execute(statement.returning(table.c.id), rows)
    return list(inserted.scalars())
