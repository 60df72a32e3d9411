"""Televoting: polls (polls.py), ballots (ballots.py), tallies (results.py),
voting codes (codes.py) and exports (export.py)."""
