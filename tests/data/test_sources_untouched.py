"""Source files are never modified: every example file is checksummed before and after a session of
schema, profile, queries (including attempts to write) and, when the agent is present, questions."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from dsagent.cli import cli
from dsagent.errors import DsagentError

pytestmark = pytest.mark.filterwarnings("ignore")


def _checksums(root: Path) -> dict[str, tuple[str, int, float]]:
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            st = path.stat()
            out[str(path.relative_to(root))] = (hashlib.sha256(path.read_bytes()).hexdigest(), st.st_size, st.st_mtime)
    return out


@pytest.fixture
def data(examples, tmp_path):
    """A copy of the examples plus a Parquet, a DuckDB and a SQLite file, so every format is covered."""
    import sqlite3

    import duckdb

    root = tmp_path / "data"
    shutil.copytree(examples, root)
    con = duckdb.connect(str(root / "store.duckdb"))
    con.execute(f"CREATE TABLE sales AS SELECT * FROM read_csv('{examples / 'daily_sales.csv'}')")
    con.execute(f"COPY sales TO '{root / 'sales.parquet'}'")
    con.close()
    lite = sqlite3.connect(root / "legacy.sqlite")
    lite.execute("CREATE TABLE t (a INTEGER, b TEXT)")
    lite.execute("INSERT INTO t VALUES (1, 'x')")
    lite.commit()
    lite.close()
    return root


@pytest.mark.slow
def test_examples_untouched_by_a_session(examples, data, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    real_before = _checksums(examples)
    before = _checksums(data)
    assert len(before) >= 9
    paths = [str(data)]  # sub-folders (shop/) are included

    assert cli(["schema", *paths, "--json"]) == 0
    assert cli(["schema", *paths, "--prompt", "approval rate by sex"]) == 0
    assert cli(["profile", *paths, "--json"]) == 0
    capsys.readouterr()

    from dsagent.data.workspace import Workspace

    ws = Workspace.open(paths, materialise_max_bytes=50_000)  # some files scanned in place, some copied
    try:
        storages = {info.format: info.storage for info in ws.tables.values()}
        assert {"csv", "parquet", "duckdb", "sqlite"} <= set(storages)
        assert {info.storage for info in ws.tables.values()} == {"table", "view"}
        assert ws.query("SELECT count(*) FROM loans").rows == [[2000]]
        ws.create_derived("loans_clean", "SELECT * FROM loans WHERE employment_years IS NOT NULL", "loans", "test")
        for table, info in list(ws.tables.items()):
            if info.storage == "derived":
                continue
            target = info.source.split(":")[0]
            for sql in (f"COPY (SELECT 1) TO '{target}'", f"COPY {table} TO '{target}' (USE_TMP_FILE false)",
                        f"DELETE FROM {table}", f"UPDATE {table} SET rowid = 0", f"DROP TABLE {table}",
                        f"ATTACH '{target}' AS w"):
                with pytest.raises(DsagentError):
                    ws.query(sql)
        try:
            from dsagent.config import Settings
            from dsagent.session import Session
        except ImportError:
            Session = None
        if Session is not None:
            session = Session(ws, Settings(provider="offline"))
            for question in ("how many rows are in loans", "approval rate by sex in loans",
                             "profile the data", "clean loans"):
                try:
                    session.ask(question)
                except DsagentError:
                    pass
    finally:
        ws.close()

    assert _checksums(data) == before
    assert _checksums(examples) == real_before
