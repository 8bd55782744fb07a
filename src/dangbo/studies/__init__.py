"""Study sessions with bridge points, training classes, contests."""
