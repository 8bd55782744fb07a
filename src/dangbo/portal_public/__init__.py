"""The published portal: its own database of published content only, deployable alone."""
