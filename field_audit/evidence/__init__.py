"""Photo evidence and QR images: the only package that imports Pillow, pillow-heif and qrcode."""
