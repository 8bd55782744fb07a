"""Indicators of kết nạp đảng viên."""
