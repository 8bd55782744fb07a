"""Kết nạp đảng viên."""
