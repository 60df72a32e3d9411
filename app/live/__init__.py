from app.live import handlers  # noqa: F401  (registers the Socket.IO handlers)
