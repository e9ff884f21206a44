"""Syncing with the central store: signed requests, pulling assignments, pushing the outbox.

The network client takes an injected ``httpx.Client`` (its transport decides whether requests
go over a socket or straight into an in-process app), so the same code runs in tests against
the real server app and in the field against the real server.
"""
