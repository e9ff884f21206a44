"""What the app and the central store agree on byte for byte; framework-free."""
