"""Commission rules (提成规则): pure functions the incentives app pays with.

``rates`` (tiers, curves), ``gates`` (second-measure gates and modifiers), ``components``
(component and plan payouts, what-if), ``crediting`` (split and overlay credit),
``proration`` (quotas by days), ``clawback`` (returns, collections), ``deltas`` (closed
periods), ``bonuses`` (grade bonuses, competitions); every payout carries its ``steps``.
"""
