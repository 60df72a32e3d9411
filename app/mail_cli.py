"""`flask outbox work`: the outbox worker as its own process (e.g. under systemd)."""

import click
from flask import current_app
from flask.cli import AppGroup

from app.services import outbox as outbox_service

outbox = AppGroup("outbox", help="Send the queued mails.")


def register(app):
    app.cli.add_command(outbox)


@outbox.command()
@click.option("--once", is_flag=True, help="Send what is due now, then stop.")
def work(once):
    """Send queued mails and delete expired addresses, until stopped."""
    app = current_app._get_current_object()
    if once:
        click.echo(f"{outbox_service.work_once()} mails handled.")
        outbox_service.delete_expired()
        return
    click.echo("Outbox worker running; Ctrl+C stops it.")
    outbox_service.run(app)
