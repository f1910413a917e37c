"""Source discovery: formats by content and name, encodings, and the ragged/quoting diagnosis."""

from __future__ import annotations

import duckdb
import pytest

from dsagent.errors import DataError, UserError
from dsagent.data.sources import check_file, diagnose_csv, discover


def test_no_paths_is_a_user_error():
    with pytest.raises(UserError, match="no data given"):
        discover([])


@pytest.mark.parametrize("name, content, encoding", [
    ("plain.csv", "a,b\n1,2\n".encode(), "utf-8"),
    ("bom.csv", "\ufeffa,b\n1,2\n".encode("utf-8"), "utf-8"),
    ("latin.csv", "ciudad\nMálaga\n".encode("latin-1"), "latin-1"),
    ("cp1252.csv", "nombre\nJosé €\n".encode("cp1252"), "latin-1"),
    ("utf16.csv", "a,b\n1,2\n".encode("utf-16"), "utf-16"),
])
def test_text_encoding(tmp_path, name, content, encoding):
    path = tmp_path / name
    path.write_bytes(content)
    assert check_file(path).encoding == encoding


def test_multibyte_character_cut_at_sniff_boundary_is_still_utf8(tmp_path):
    from dsagent.data.sources import SNIFF_BYTES

    text = "x\n" + "a" * (SNIFF_BYTES - 3) + "é\n"  # 'é' straddles the boundary
    path = tmp_path / "long.csv"
    path.write_bytes(text.encode("utf-8"))
    assert check_file(path).encoding == "utf-8"


def test_binary_formats_are_told_by_their_bytes_not_their_name(tmp_path):
    con = duckdb.connect()
    con.execute(f"COPY (SELECT 1 AS a) TO '{tmp_path / 'actually_parquet.csv'}' (FORMAT parquet)")
    assert check_file(tmp_path / "actually_parquet.csv").format == "parquet"
    db = duckdb.connect(str(tmp_path / "store.db"))  # .db is SQLite by name, DuckDB by bytes
    db.execute("CREATE TABLE t AS SELECT 1 AS a")
    db.close()
    assert check_file(tmp_path / "store.db").format == "duckdb"


def test_compressed_csv_is_accepted(tmp_path, open_ws):
    import gzip

    path = tmp_path / "data.csv.gz"
    path.write_bytes(gzip.compress(b"a,b\n1,2\n3,4\n"))
    source = check_file(path)
    assert (source.format, source.stem) == ("csv", "data")
    ws = open_ws(path)
    assert ws.query("SELECT sum(a) FROM data").rows == [[4]]


def test_hive_folder_is_one_source(tmp_path):
    con = duckdb.connect()
    con.execute(f"COPY (SELECT range AS id, range % 2 AS k FROM range(4)) TO '{tmp_path / 'h'}' "
                "(FORMAT parquet, PARTITION_BY (k))")
    (source,) = discover([str(tmp_path / "h")])
    assert source.hive and source.format == "parquet" and source.stem == "h"


def test_identity_changes_when_the_file_changes(tmp_path):
    import os

    path = tmp_path / "a.csv"
    path.write_text("a\n1\n")
    first = check_file(path).identity
    path.write_text("a\n1\n2\n")
    os.utime(path, (first[2] + 5, first[2] + 5))
    second = check_file(path).identity
    assert first[0] == second[0] and first != second


def test_permission_denied(tmp_path):
    import os

    path = tmp_path / "locked.csv"
    path.write_text("a\n1\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # running as root: permissions do not apply
            pytest.skip("root can read anything")
        with pytest.raises(DataError, match="permission denied"):
            check_file(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("content, expected", [
    ("a,b\n1,2\n3,4\n", None),
    ('a,b\n1,"x, y"\n2,"multi\nline"\n', None),
    ("a,b\n1,2\n3,4,5\n", "line 3 has 3, the header has 2"),
    ("a;b;c\n1;2;3\n4;5\n", "line 3 has 2, the header has 3"),
    ('a,b\n1,"open\n2,3\n', "quoted field starting on line 2 is never closed"),
    ('a,b\n1,"x"y\n', "broken quoting on line 2"),
    ("just one column\nvalue\n", None),
])
def test_diagnose_csv(tmp_path, content, expected):
    path = tmp_path / "f.csv"
    path.write_text(content)
    problem = diagnose_csv(str(path), "utf-8")
    if expected is None:
        assert problem is None
    else:
        assert expected in problem


def test_diagnose_ignores_a_row_cut_by_the_read_limit(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("a,b\n" + "1,2\n" * 1000)
    assert diagnose_csv(str(path), "utf-8", max_bytes=1001) is None
