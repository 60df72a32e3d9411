from app.live import handlers, writes  # noqa: F401  (registers the Socket.IO handlers)
