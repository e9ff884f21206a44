"""Word tables of single screens (Thai, English), merged into ``field_audit.ui.i18n.TEXTS``."""
