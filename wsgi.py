"""Entry point for gunicorn's gevent worker (which monkey-patches before importing this)."""

from app import create_app

app = create_app()
