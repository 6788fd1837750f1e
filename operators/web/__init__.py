"""Web ingestion operators: HTML main-text extraction and URL filtering."""
