"""The nextround console script."""
