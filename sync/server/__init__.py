"""The central store: where inspectors' sealed results and photos arrive, and the office works.

``sync.server.app.create_app(settings)`` builds the FastAPI app; ``gecc-central`` (``cli``)
serves it and runs the office's commands. The HTTP API: ``README-api.md``; deploying it for
the whole country: ``DEPLOYMENT.md``. Layers: ``api`` (HTTP) -> ``store`` (services over a
session) -> ``models``/``blobs``; errors in ``errors``, settings in ``settings``.
"""
