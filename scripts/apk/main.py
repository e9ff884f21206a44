"""The entry ``flet build apk`` packages (``[tool.flet.app]`` in pyproject.toml), staged as the
build folder's ``main.py`` by ``scripts/apk/build``: the inspector app on an Android tablet. On a
laptop, run ``field-audit app`` instead."""

from field_audit.ui.mobile import main

main()
