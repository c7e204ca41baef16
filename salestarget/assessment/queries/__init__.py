"""Reads of the assessment app. Peer and customer answers leave these modules only as
aggregates of at least the anonymity threshold."""
