"""Calls for reports and statistics forms from below, and the frozen, versioned submissions."""
