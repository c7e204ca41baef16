"""Target pages, one module per area; the URLs are in ``targets.urls``."""
