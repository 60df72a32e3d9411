import click

from app.services import accounts
from app.services.passwords import password_problem
from app.startup import print_banner


def register(app):
    @app.cli.command("create-organiser")
    @click.option("--email", prompt=True)
    @click.option("--name", prompt=True)
    @click.password_option()
    def create_organiser(email, name, password):
        """Create an organiser account (for scripted set-ups)."""
        if problem := password_problem(password):
            raise click.UsageError(str(problem))
        try:
            accounts.create_organiser(email, name, password)
        except Exception as error:  # a DomainError or a database problem, said plainly
            raise click.ClickException(str(error)) from error
        click.echo(f"Organiser {email} created.")

    @app.cli.command("banner")
    def banner():
        """Print where organisers and phones reach this server, with a QR code."""
        print_banner(app)
