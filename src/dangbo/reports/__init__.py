"""Periodic reports from the indicators, frozen with their figures, in Party document format."""
