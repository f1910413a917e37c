"""The ethics reviewer: pure checks (A1-E4) over results, with thresholds and their sources."""
