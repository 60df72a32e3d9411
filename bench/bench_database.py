"""The database of a benchmark's own server (--database-url): an SQLite URL is
used as it is; on a PostgreSQL server the bench creates a fresh database with a
random name and drops it at the end, so runs never mix."""

import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


class BenchDatabase:
    def __init__(self, url):
        self.given = make_url(url)
        self.created = None

    @property
    def throwaway(self):
        return self.given.get_backend_name() == "postgresql"

    def create(self):
        """The URL the server is to use: a new database on a PostgreSQL server."""
        if not self.throwaway:
            return self.given.render_as_string(hide_password=False)
        name = f"tischrunde_bench_{uuid.uuid4().hex[:12]}"
        self._administer(f'CREATE DATABASE "{name}"')
        self.created = name
        return self.given.set(database=name).render_as_string(hide_password=False)

    def drop(self):
        """Drop the database create() made (its server has stopped); once."""
        if self.created:
            name, self.created = self.created, None
            self._administer(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _administer(self, statement):
        """Run statement outside a transaction on the database the URL names (the
        maintenance database, e.g. postgres)."""
        engine = create_engine(self.given, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(text(statement))
        finally:
            engine.dispose()
