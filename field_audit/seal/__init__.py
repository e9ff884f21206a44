"""Sealing: turning a complete audit into a signed result, corrections as new revisions,
bundles for offline exchange, and the committee's result sealed by the chair.
"""
