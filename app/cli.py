import click
from flask import url_for

from app.network import base_url
from app.services import accounts
from app.services.qr import qr_terminal


def register(app):
    @app.cli.command("create-organiser")
    @click.option("--email", prompt=True)
    @click.option("--name", prompt=True)
    @click.password_option()
    def create_organiser(email, name, password):
        """Create an organiser account (for scripted set-ups)."""
        if len(password) < 10:
            raise click.UsageError("The password needs at least 10 characters.")
        try:
            accounts.create_organiser(email, name, password)
        except Exception as error:  # a DomainError or a database problem, said plainly
            raise click.ClickException(str(error)) from error
        click.echo(f"Organiser {email} created.")

    @app.cli.command("banner")
    def banner():
        """Print where organisers and phones reach this server, with a QR code."""
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
