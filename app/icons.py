"""The site's icon at the addresses browsers and phones ask for: public (the login
and join pages show it before anyone is known) and cached for a week."""

from pathlib import Path

from flask import current_app, send_from_directory

from app.authorise import public_route

ICONS = ("favicon.ico", "favicon.svg", "apple-touch-icon.png")
WEEK = 7 * 24 * 60 * 60


def register(app):
    for name in ICONS:
        app.add_url_rule(f"/{name}", "icon", icon, defaults={"name": name})


@public_route("public")
def icon(name):
    folder = Path(current_app.static_folder) / "icons"
    return send_from_directory(folder, name, max_age=WEEK)
