"""Indicators of đảng phí."""
