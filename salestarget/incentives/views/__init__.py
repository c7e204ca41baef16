"""Pages of the incentives app: statements, plans, payroll export."""
