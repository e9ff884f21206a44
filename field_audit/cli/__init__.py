"""The ``field-audit`` command line. Commands import their heavy parts lazily, so that
``field-audit --help`` and ``field-audit score`` start fast and never load Flet or a server.
"""
