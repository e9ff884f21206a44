"""The public web pages of the central store: ``/verify``, where anyone checks a certificate.

Plain server-rendered HTML with no JavaScript, Thai by default (``?lang=en`` for English),
every value escaped (``html``). The page shows what the certificate itself states and the
verdict of ``sync.server.store.verification``; ``pictures`` reads the QR code in an upload.
"""
