"""What every page of every area shares, below the apps: forms, page helpers, paging, figure
filters, and the registries through which apps add their menu entries and home panels.

It imports ``core`` and Django only, so any app may use it (``web`` reads the registries).
"""
