"""Writes for the privacy domain: keyword-only, taking the acting user, one transaction each."""
