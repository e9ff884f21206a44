"""Keeping the central store safe over years: backups, restores, and re-verifying what it holds.

``backup`` writes a consistent dump of every table (one snapshot) and a copy of every photo
with its hash; ``restore`` loads one into an empty database and an empty photo store; ``sweep``
re-verifies every stored result's signature, every photo's bytes and every certificate. The
commands are ``gecc-central backup``, ``restore`` and ``verify-all`` (``sync.server.cli_upkeep``).
"""
