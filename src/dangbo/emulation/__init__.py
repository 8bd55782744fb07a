"""Commendations and proposals; Dân vận khéo models."""
