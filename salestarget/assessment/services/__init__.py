"""Writes of the assessment app: ``<entity>_<action>``, keyword-only, typed."""
