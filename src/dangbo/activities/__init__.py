"""Cell and committee meetings with attendance; yearly commitments."""
