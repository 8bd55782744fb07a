"""Indicators of huy hiệu đảng."""
