"""Each DuckDB 2.0 setting the Workspace relies on, proven on the RAW connection after open.

`ws.query` also refuses every statement but one SELECT (tested in test_workspace.py); these tests go
around it on purpose (`ws.con.execute`) to show that the connection itself is locked, so a bug in
the SQL guard or in a tool cannot open a door.
"""

from __future__ import annotations

import duckdb
import pytest

from dsagent.errors import SqlRejected

SETTINGS = {
    "enable_external_access": "false",  # no files or URLs beyond allowed_paths/allowed_directories
    "lock_configuration": "true",  # nothing below can be SET or RESET again
    "autoinstall_known_extensions": "false",  # no download when a query mentions an extension
    "autoload_known_extensions": "false",
    "allow_community_extensions": "false",
    "allow_persistent_secrets": "false",  # no secrets read from or written to ~/.duckdb
    "allow_unsigned_extensions": "false",
}


@pytest.fixture
def hardened(tmp_path, open_ws):
    """A workspace over one small CSV, plus a secret file next to it that must stay unreadable."""
    (tmp_path / "data.csv").write_text("a,b\n1,x\n2,y\n")
    (tmp_path / "secret.csv").write_text("password\nhunter2\n")
    con = duckdb.connect()
    con.execute(f"COPY (SELECT 1 AS s) TO '{tmp_path / 'other.parquet'}'")
    con.close()
    ws = open_ws(tmp_path / "data.csv")
    return ws, tmp_path


def test_settings_are_in_force(hardened):
    ws, _ = hardened
    rows = dict(ws.con.execute("SELECT name, value FROM duckdb_settings()").fetchall())
    for name, value in SETTINGS.items():
        assert rows[name] == value, name


@pytest.mark.parametrize("template", [
    "SELECT * FROM read_csv('{d}/secret.csv')",
    "SELECT * FROM read_csv_auto('{d}/secret.csv')",
    "SELECT * FROM '{d}/secret.csv'",
    "SELECT * FROM read_text('{d}/secret.csv')",
    "SELECT * FROM read_blob('/etc/passwd')",
    "SELECT * FROM read_parquet('{d}/other.parquet')",
    "SELECT * FROM read_json('{d}/secret.csv')",
    "SELECT * FROM sniff_csv('{d}/secret.csv')",
    "SELECT * FROM glob('{d}/*')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM parquet_metadata('{d}/other.parquet')",
])
def test_other_files_cannot_be_read(hardened, template):
    ws, d = hardened
    with pytest.raises(duckdb.PermissionException):
        ws.con.execute(template.format(d=d)).fetchall()


@pytest.mark.parametrize("url", ["https://example.com/data.csv", "http://127.0.0.1:9/x.csv", "s3://bucket/x.parquet"])
def test_urls_cannot_be_read(hardened, url):
    ws, _ = hardened
    with pytest.raises(duckdb.Error):
        ws.con.execute(f"SELECT * FROM read_csv('{url}')").fetchall()


@pytest.mark.parametrize("template", [
    "COPY (SELECT 1) TO '{d}/out.csv'",
    "COPY data TO '{d}/data.csv'",  # overwrite the source itself
    "EXPORT DATABASE '{d}/export'",
    "ATTACH '{d}/new.duckdb' AS x",
])
def test_nothing_can_be_written_or_attached(hardened, template):
    ws, d = hardened
    before = sorted(p.name for p in d.iterdir())
    with pytest.raises(duckdb.PermissionException):
        ws.con.execute(template.format(d=d))
    assert sorted(p.name for p in d.iterdir()) == before
    assert (d / "data.csv").read_text() == "a,b\n1,x\n2,y\n"


@pytest.mark.parametrize("sql", ["INSTALL httpfs", "LOAD httpfs", "LOAD '/tmp/evil.duckdb_extension'",
                                 "INSTALL spatial FROM community", "FORCE INSTALL json"])
def test_extensions_cannot_be_installed_or_loaded(hardened, sql):
    ws, _ = hardened
    with pytest.raises(duckdb.Error):
        ws.con.execute(sql)


@pytest.mark.parametrize("sql", [
    "SET enable_external_access = true", "RESET enable_external_access",
    "SET GLOBAL enable_external_access = true", "SET lock_configuration = false", "RESET lock_configuration",
    "SET allowed_paths = ['/etc/passwd']", "SET allowed_directories = ['/']",
    "SET autoinstall_known_extensions = true", "SET autoload_known_extensions = true",
    "SET allow_community_extensions = true", "SET allow_unsigned_extensions = true",
    "SET allow_persistent_secrets = true", "SET secret_directory = '/tmp'",
    "SET extension_directory = '/tmp'", "SET temp_directory = '/tmp'", "SET home_directory = '/tmp'",
    "SET memory_limit = '64GB'", "SET threads = 64", "PRAGMA enable_profiling", "PRAGMA memory_limit = '64GB'",
    "SET disabled_filesystems = ''",
])
def test_settings_cannot_be_changed(hardened, sql):
    ws, _ = hardened
    with pytest.raises(duckdb.Error, match="locked"):
        ws.con.execute(sql)
    assert ws.scalar("SELECT current_setting('enable_external_access')") is False


def test_persistent_secrets_are_refused(hardened):
    ws, _ = hardened
    with pytest.raises(duckdb.Error, match="(?i)persistent secrets are disabled"):
        ws.con.execute("CREATE PERSISTENT SECRET leak (TYPE http)")


def test_registered_sources_stay_readable(hardened):
    ws, _ = hardened
    assert ws.query("SELECT sum(a) FROM data").rows == [[3]]


def test_scanned_source_is_readable_but_never_writable(tmp_path, open_ws):
    """A view over a big file keeps its path in allowed_paths, which DuckDB also lets COPY write to;
    the Workspace's own statement check is what stops that (the reason it exists)."""
    path = tmp_path / "big.csv"
    path.write_text("a\n1\n2\n")
    ws = open_ws(path, materialise_max_bytes=0)
    assert ws.tables["big"].storage == "view"
    assert ws.query("SELECT sum(a) FROM big").rows == [[3]]
    with pytest.raises(SqlRejected):
        ws.query(f"COPY (SELECT 9 AS a) TO '{path}' (USE_TMP_FILE false)")
    assert path.read_text() == "a\n1\n2\n"


def test_materialised_source_is_not_readable_again(tmp_path, open_ws):
    path = tmp_path / "small.csv"
    path.write_text("a\n1\n")
    ws = open_ws(path)
    assert ws.tables["small"].storage == "table"
    with pytest.raises(duckdb.PermissionException):
        ws.con.execute(f"SELECT * FROM read_csv('{path}')").fetchall()
