"""Reads of the incentives app: plan spans, measure totals, quotas, statements."""
