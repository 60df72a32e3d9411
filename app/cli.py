from contextlib import contextmanager

import click
from sqlalchemy import select

from app.extensions import db
from app.models import Organisation
from app.models.organisation import ROLES
from app.services import accounts, organisations
from app.services.passwords import password_problem
from app.startup import print_banner
from app.unit_of_work import unit


def register(app):
    @app.cli.command("create-organiser")
    @click.option("--email", prompt=True)
    @click.option("--name", prompt=True)
    @click.option("--organisation", help="Make the account a member of it.")
    @click.option("--role", type=click.Choice(ROLES), default="organiser")
    @click.password_option()
    def create_organiser(email, name, password, organisation, role):
        """Create an organiser account (for scripted set-ups)."""
        if problem := password_problem(password):
            raise click.UsageError(str(problem))
        with _said_plainly():
            target = _organisation(organisation) if organisation else None
            user = accounts.create_organiser(email, name, password)
            if target is not None:
                organisations.add_member(target, user, role, by=None)
        click.echo(f"Organiser {email} created.")

    @app.cli.command("create-organisation")
    @click.argument("name")
    @click.option("--admin", "admin_email", help="E-mail of an existing account.")
    def create_organisation(name, admin_email):
        """Create an organisation; --admin makes an existing account its admin."""
        with _said_plainly():
            admin = accounts.account_by_email(admin_email) if admin_email else None
            if admin_email and admin is None:
                raise click.ClickException(
                    f"No account with the address {admin_email}."
                )
            organisations.create_organisation(name, admin=admin)
        click.echo(f"Organisation {name} created.")

    @app.cli.command("banner")
    def banner():
        """Print where organisers and phones reach this server, with a QR code."""
        print_banner(app)


@contextmanager
def _said_plainly():
    """One unit of work: committed at the end; a DomainError or a database
    problem rolls it back and is said plainly on the terminal."""
    try:
        with unit():
            yield
    except click.ClickException:
        raise
    except Exception as error:
        raise click.ClickException(str(error)) from error


def _organisation(name):
    found = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if found is None:
        raise click.ClickException(f"No organisation named {name}.")
    return found
