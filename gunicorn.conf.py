"""gunicorn's settings, read from the working directory: bin/serve (`make run`), the
tests' server and bench/ start the server the same way. The command line may add
to them (the tests bind another port)."""

import os
from pathlib import Path

_instance = Path(os.environ.get("INSTANCE_PATH", Path(__file__).parent / "instance"))

# One gevent process holds every phone (see README, "How it is built"); the
# worker class is gevent's with a quick stop (gevent_worker.py).
worker_class = "gevent_worker.QuickStopWorker"
workers = 1
worker_connections = 5000
bind = f"0.0.0.0:{os.environ.get('PORT', '5000')}"
timeout = 60
# The longest a request in flight may keep a stopping server; live sockets and idle
# connections do not wait for it.
graceful_timeout = 10
control_socket = str(_instance / "gunicorn.ctl")
accesslog = "-"


def post_worker_init(worker):
    """Migrate and print the banner in the worker, which has the app loaded (so it
    is imported once per start); then the outbox worker starts beside the web app
    (claims in the database keep several processes from sending a mail twice)."""
    from app.services.outbox import start_worker
    from app.startup import prepare

    prepare(worker.wsgi)
    start_worker(worker.wsgi)
