"""Shared fixtures. Tests never touch the network or a real model, and never the person's home."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

# Keep compiled test and source modules between runs even where PYTHONDONTWRITEBYTECODE is set (this
# machine image sets it): without the cache every run compiles and assertion-rewrites some 380 modules
# again, about 4 s of each worker's start. The files go to __pycache__/, which git ignores.
sys.dont_write_bytecode = False

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def jsonl_cases(folder: Path) -> list[dict]:
    """One case per line of each folder/<name>.jsonl, with `rule` (the file's name) and `id` (name:line)."""
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                cases.append({**json.loads(line), "rule": path.stem, "id": f"{path.stem}:{n}"})
    return cases


ISOLATED_ENV = ("OPENAI_API_KEY", "DSAGENT_API_KEY", "OPENAI_BASE_URL", "DSAGENT_BASE_URL", "DSAGENT_PROVIDER",
                "DSAGENT_MODEL", "DSAGENT_PRIVACY", "DSAGENT_RAISE")


def isolate(monkeypatch, home: Path) -> None:
    """Point history, the audit log and the config under `home`; no keys, no endpoints. Also used by
    module-scoped fixtures (with `pytest.MonkeyPatch.context()`), which run before the autouse one."""
    monkeypatch.setenv("DSAGENT_HOME", str(home / "state"))
    monkeypatch.setenv("DSAGENT_CONFIG", str(home / "config.toml"))
    for name in ISOLATED_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Each test its own home folder (so tests can run in parallel workers without sharing state)."""
    home = tmp_path_factory.mktemp("dsagent-home")
    isolate(monkeypatch, home)
    return home


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def make_csv(tmp_path):
    """Write a CSV (text or bytes) into a temp folder and return its path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def open_ws():
    """Open a Workspace over paths and close it after the test."""
    from dsagent.data.workspace import Workspace

    opened = []

    def make(*paths, **options):
        ws = Workspace.open([str(p) for p in paths], **options)
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()


# ------------------------------------------------------------------ real engine servers (tests/engines, slow)

# The tests that start PostgreSQL and Spark Connect run on one pytest-xdist worker, so that each server
# starts once (a Spark server is about a minute of CPU). xdist's own `--dist loadgroup` cannot do it with
# pytest 9.2 (it renames `item._nodeid`, which no longer changes the node id), so the scheduler is ours:
# xdist's per-scope scheduling, with one scope for these files and one per test elsewhere.
ENGINE_SERVER_TESTS = ("tests/engines/test_engine_postgres.py", "tests/engines/test_engine_spark.py",
                       "tests/engines/test_engine_shapes.py")


def _files_with_module_fixtures() -> frozenset[str]:
    """Test files (as node ids name them) with a module-scoped fixture: their tests run on one worker,
    so that the fixture (a recorded session, a trained model: up to seconds) is made once, not once a worker."""
    tests = Path(__file__).resolve().parent
    return frozenset(str(p.relative_to(tests.parent)) for p in tests.rglob("test_*.py")
                     if 'scope="module"' in p.read_text(encoding="utf-8"))


SHARED_FIXTURE_FILES = _files_with_module_fixtures()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class EngineServersTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(ENGINE_SERVER_TESTS):
                return "engine servers"
            path = nodeid.split("::")[0]
            return path if path in SHARED_FIXTURE_FILES else nodeid

    return EngineServersTogether(config, log)

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


def chat_app(ws, settings=None, session=None):
    """An in-process chat (piped, not interactive) whose screen is a string."""
    import io

    from rich.console import Console

    from dsagent.chat.app import ChatApp
    from dsagent.config import Settings
    from dsagent.session import Session

    settings = settings or Settings(provider="offline")
    screen = io.StringIO()
    app = ChatApp(session or Session(ws, settings), ws, settings, Console(file=screen, width=200), interactive=False)
    return app, screen


def spy_queries(ws, monkeypatch) -> list[str]:
    """The SQL texts sent through `ws.query` from now on, in order (the query still runs)."""
    seen: list[str] = []
    real = ws.query

    def spy(sql, *a, **kw):
        seen.append(sql)
        return real(sql, *a, **kw)

    monkeypatch.setattr(ws, "query", spy)
    return seen
