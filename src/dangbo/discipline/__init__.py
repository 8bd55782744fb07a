"""Discipline of members and Party organizations."""
