"""The HTTP API of the central store (FastAPI): thin routes over ``sync.server.store``."""
