"""``python -m sync.server.cli_main``: the same as the ``gecc-central`` console script."""

from sync.server.cli import run

if __name__ == "__main__":
    run()
