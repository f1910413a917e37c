"""Fixtures of the engine tests: real PostgreSQL and Spark Connect servers (tests/engine_servers.py)."""

from __future__ import annotations

import pytest


def _server_or_skip(make):
    """Start a server; skip when this machine lacks it, but never under CI=true (it must run there)."""
    import os

    try:
        return make()
    except (FileNotFoundError, ImportError) as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"engine server not available here: {exc}")


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """A throwaway PostgreSQL 15 with schema `shop` (the engine_data table) and roles: `reader`
    (password, SELECT on shop), `nobody` (password, no grants), plus `shop.secret` no one may read."""
    from engine_data import load_postgres
    from engine_servers import READER_PASSWORD, PgServer

    server = _server_or_skip(PgServer)
    try:
        with server.admin() as admin:
            load_postgres(admin)
            admin.execute("CREATE TABLE shop.secret (k int, v text)")
            admin.execute("INSERT INTO shop.secret VALUES (1, 'hidden')")
            admin.execute(f"CREATE ROLE reader LOGIN PASSWORD '{READER_PASSWORD}'")
            admin.execute(f"CREATE ROLE nobody LOGIN PASSWORD '{READER_PASSWORD}'")
            admin.execute("GRANT USAGE ON SCHEMA shop TO reader, nobody")
            admin.execute("GRANT SELECT ON shop.sales TO reader")
            admin.execute("ALTER ROLE reader SET search_path = shop, public")
            admin.execute("ALTER ROLE nobody SET search_path = shop, public")
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_env(pg_server, monkeypatch):
    """The reader's password in PGPASSWORD (as a person would give it), no ~/.pgpass."""
    from engine_servers import READER_PASSWORD

    monkeypatch.setenv("PGPASSWORD", READER_PASSWORD)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/.pgpass")
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "5")
    return pg_server


@pytest.fixture(scope="session")
def spark_server(tmp_path_factory):
    """A local Spark Connect server with database `shop` holding the engine_data table."""
    pytest.importorskip("pyspark") if __import__("os").environ.get("CI") != "true" else None
    from engine_data import write_parquet
    from engine_servers import SparkServer

    server = _server_or_skip(SparkServer)
    try:
        from pyspark.sql import SparkSession

        folder = tmp_path_factory.mktemp("spark-data")
        path = write_parquet(folder / "sales.parquet")
        admin = SparkSession.builder.remote(server.url).create()
        admin.sql("CREATE DATABASE shop")
        admin.sql(f"CREATE TABLE shop.sales USING parquet LOCATION '{path}'")
        admin.client.close()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def duck_sales(tmp_path_factory):
    """The same table as a local Parquet file, for DuckDB's side of each comparison."""
    from engine_data import write_parquet

    return write_parquet(tmp_path_factory.mktemp("duck-data") / "sales.parquet")
