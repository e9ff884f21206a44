"""The central store (server) and what it and the app agree on byte for byte (protocol)."""
