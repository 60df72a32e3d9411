"""What the server does once when it starts, inside its one process (gunicorn.conf.py):
bring the database up to date and say where organisers and phones reach it.

Done in the worker, after gevent has patched it and loaded the app: the app is
imported once per start instead of three times (`flask db upgrade`, `flask
banner`, the server)."""

from contextlib import contextmanager

import click
from alembic import command
from flask import url_for
from sqlalchemy import text

from app.extensions import db
from app.network import base_url
from app.services import accounts
from app.services.qr import qr_terminal


def prepare(app):
    with app.app_context():
        upgrade_database(app)
        print_banner(app)


# Any number, the same in every process of an installation.
MIGRATION_LOCK = 7_461_636_868


def upgrade_database(app):
    """`flask db upgrade`, leaving the server's logging as it is."""
    config = app.extensions["migrate"].migrate.get_config()
    config.attributes["configure_logger"] = False
    with migration_lock(db.engine):
        command.upgrade(config, "head")


@contextmanager
def migration_lock(engine):
    """On PostgreSQL one process migrates at a time: processes started together
    behind nginx would each create the same tables, and all but one would fail.
    The others wait and then find the database at head. SQLite is served by one
    process."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        connection.execute(
            text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK}
        )
        connection.commit()  # the lock is the session's: not idle in a transaction
        try:
            yield
        finally:
            connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK}
            )
            connection.commit()


def print_banner(app):
    """Where organisers and phones reach this server, with a QR code (needs an
    app context)."""
    with app.test_request_context(base_url=base_url()):
        lan = base_url()
        click.echo(
            f"\n  Organiser (this laptop): http://127.0.0.1:{app.config['PORT']}/"
        )
        click.echo(f"  Phones and other devices: {lan}/\n")
        click.echo(qr_terminal(lan + "/"))
        if not accounts.organiser_exists():
            token = accounts.setup_token()
            setup = lan + url_for("auth.setup", token=token)
            click.echo("  No organiser account yet. Create the first one here:")
            click.echo(f"  {setup}\n")
