"""Inspection and supervision plans, complaints and denunciations."""
