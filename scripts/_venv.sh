# Sourced by scripts/app and scripts/test: makes .venv and installs the project into it
# whenever pyproject.toml changed since the last install. Needs only Python 3.11+.
set -euo pipefail
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-$1"
if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[$1]"
    rm -f .venv/.installed-*-"$1"
    touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
