"""Incentives (激励与奖惩): commission plans, bonuses, competitions and statements.

The rules are pure functions in ``salestarget.core.commission``; this app stores plans,
reads measure totals from the actuals rollups (one GROUP BY per component and period), pays
them through core and keeps statements, disputes and delta lines.
"""
