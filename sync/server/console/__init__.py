"""The office console at ``/office``: the web app where a round is run, committee results are
reviewed and certificates are decided.

Another door to the store's services (``sync.server.store``), like the ``gecc-central``
commands: server-rendered pages (Jinja2) and plain forms that work with JavaScript off, Thai
first with an English switch, the bundled Sarabun font, Buddhist-era dates, nothing from a CDN.
Officers sign in with an office account (``store.accounts``); every route checks the officer's
role on the server (``permissions``), every form carries a CSRF token (``auth``), and every
action lands in the audit log under the officer's username. ``site.install_console`` adds it
to the app.
"""
