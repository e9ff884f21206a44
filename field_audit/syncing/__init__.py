"""Sync with the central store: push the outbox (photos first, then results), pull what the
inspector's assignments need. Runs on request; the UI and ``field-audit sync`` call it.
"""
