"""What must never be in a corpus: benchmark contamination and unsafe content."""
