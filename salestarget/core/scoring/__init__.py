"""Scoring rules for assessment (绩效考核): pure functions, Decimal, no Django.

* ``items``: an item's score from its achievement by a rule (linear with floor and cap, or
  tiers), mirrored for lower-is-better metrics.
* ``weighting``: weights that must add up to 100%, reviewer-group weights reweighted over
  the groups that answered, the anonymity threshold, the total score.
* ``grades``: grades by score bands or by rank under a distribution guideline.
* ``eligibility``: "too new to rate".
"""
