"""Indicators of đánh giá, xếp loại chất lượng."""
