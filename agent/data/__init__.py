"""Data in and out: the DuckDB workspace, source registration, SQLite, export, value and name helpers."""
