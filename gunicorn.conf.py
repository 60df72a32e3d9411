"""Read by gunicorn from the working directory (bin/serve and the tests' server)."""


def post_worker_init(worker):
    """Each worker process runs the outbox worker beside the web app; claims in the
    database keep several of them from sending a mail twice."""
    from app.services.outbox import start_worker

    start_worker(worker.wsgi)
