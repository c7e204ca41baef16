"""Writes to targets, one module per job. Every service is keyword-only, takes the acting
user as ``by`` and checks the user's scope itself, so pages and the API share one rule."""
