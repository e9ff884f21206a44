"""Pure rules of GECC assessment: editions, scoring, committees, the application pipeline.

Standard library only (checked by import-linter): everything here is tested without a database,
a network or a screen.
"""
