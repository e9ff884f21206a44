"""The central store's services: framework-free functions over a SQLModel session.

The HTTP API (``sync.server.api``) and the office commands (``sync.server.cli``) both call
these; they raise ``sync.server.errors`` and never know about HTTP.
"""
