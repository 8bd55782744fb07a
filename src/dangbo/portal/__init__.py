"""The committee's public portal and its editors' back office."""
