"""Imports of every kind (files, API batches, the entry form): reading files, suggesting and
remembering column mappings, normalising values, errors and their report, references, the
kind registry, the import flow and its batches, and the batch API. See docs/importing.md.

This package sits right above ``core``: it knows no app above it. Apps declare their kinds
(``actuals.import_kinds``, ``org.importing``, ``catalog.importing``) and register them when
ready; what one kind does differently is a hook on its declaration.
"""
