"""batch/fast."""
