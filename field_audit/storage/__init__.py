"""The device database: the only package that knows tables (SQLModel on SQLite)."""
