"""Capacity simulation for a 24/7 crisis service: pure Python, no Django (importable and testable on its own)."""
