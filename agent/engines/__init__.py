"""Engines beyond the workspace's own DuckDB: PostgreSQL (psycopg 3) and Spark Connect.

`base` defines the Engine boundary; `url` reads connection URLs; `select` picks the tables a
workspace sees; `rewrite` and `translate` turn guarded DuckDB SQL into the engine's SQL and check
it again; `attach` is the Workspace's side of it. See docs/engines.md.
"""
