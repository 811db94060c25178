"""Directory pages (filled in by the directory feature)."""
