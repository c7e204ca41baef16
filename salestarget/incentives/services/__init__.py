"""Writes of the incentives app: plans, calculation, workflow and close, disputes."""
