"""Bad input: one clear line on stderr naming the file and the problem, exit 2, no traceback,
nothing written anywhere. And the inputs that look bad but must work (latin-1, duplicate column
names, 5,000 columns) do work."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dsagent.cli import cli


def _snapshot(*roots: Path) -> dict[str, tuple[int, float]]:
    out = {}
    for root in roots:
        if root.exists():
            for dirpath, dirnames, filenames in os.walk(root):
                for name in dirnames + filenames:
                    p = Path(dirpath) / name
                    st = p.stat()
                    out[str(p)] = (st.st_size if p.is_file() else -1, st.st_mtime)
    return out


@pytest.fixture
def run_bad(tmp_path, monkeypatch, capsys):
    """Run the CLI in a clean folder; return (code, stdout, stderr) after checking nothing changed."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    home = Path(os.environ["DSAGENT_HOME"])

    def run(*argv: str):
        before = _snapshot(tmp_path, home)
        code = cli(list(argv))
        out, err = capsys.readouterr()
        assert _snapshot(tmp_path, home) == before, "something was written"
        return code, out, err

    return run


def _assert_one_line_error(code, out, err, path: Path, problem: str):
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert str(path) in lines[0] or path.name in lines[0]
    assert problem in lines[0], lines[0]


@pytest.mark.parametrize("command", ["schema", "profile"])
def test_missing_path(tmp_path, run_bad, command):
    path = tmp_path / "nope.csv"
    _assert_one_line_error(*run_bad(command, str(path)), path, "no such file or folder")


def test_folder_with_no_supported_files(tmp_path, run_bad):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.md").write_text("hello")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n")
    _assert_one_line_error(*run_bad("schema", str(folder)), folder, "no supported data files")


def test_unsupported_extension(tmp_path, run_bad):
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    _assert_one_line_error(*run_bad("schema", str(path)), path, "unsupported file type '.xlsx'")


def test_empty_file(tmp_path, run_bad):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    _assert_one_line_error(*run_bad("profile", str(path)), path, "file is empty")


def test_whitespace_only_file(tmp_path, run_bad):
    path = tmp_path / "blank.csv"
    path.write_text("\n\n   \n")
    _assert_one_line_error(*run_bad("schema", str(path)), path, "empty")


def test_header_only_csv(tmp_path, run_bad):
    path = tmp_path / "header.csv"
    path.write_text("id,name,amount\n")
    _assert_one_line_error(*run_bad("schema", str(path)), path, "has a header but no data rows")


def test_ragged_rows(tmp_path, run_bad):
    path = tmp_path / "ragged.csv"
    path.write_text("a,b\n1,2\n3,4,5\n6,7\n")
    _assert_one_line_error(*run_bad("schema", str(path)), path,
                           "rows have different numbers of fields: line 3 has 3, the header has 2")


def test_ragged_row_deep_in_the_file(tmp_path, run_bad):
    path = tmp_path / "late.csv"
    lines = ["a,b,c"] + [f"{i},x{i},{i}" for i in range(5000)]
    lines[4000] = "1,2,3,4"
    path.write_text("\n".join(lines) + "\n")
    _assert_one_line_error(*run_bad("schema", str(path)), path, "line 4001 has 4")


def test_broken_quoting(tmp_path, run_bad):
    path = tmp_path / "quotes.csv"
    path.write_text('a,b\n1,"never closed\n3,4\n')
    _assert_one_line_error(*run_bad("schema", str(path)), path,
                           "broken quoting: the quoted field starting on line 2 is never closed")


def test_broken_quoting_deep_in_the_file(tmp_path, run_bad):
    path = tmp_path / "quotes2.csv"
    lines = ["a,b,c"] + [f'{i},"x{i}",{i}' for i in range(3000)]
    lines[2000] = '7,"bad,9'
    path.write_text("\n".join(lines) + "\n")
    _assert_one_line_error(*run_bad("schema", str(path)), path, "broken quoting on line 2001")


def test_binary_bytes_named_csv(tmp_path, run_bad):
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 20)
    _assert_one_line_error(*run_bad("schema", str(path)), path, "binary file")


def test_binary_without_nul_bytes(tmp_path, run_bad):
    path = tmp_path / "noise.csv"
    path.write_bytes(bytes(b for b in range(1, 32) if b not in (9, 10, 13)) * 200 + b"\xff\xfe\xfd" * 100)
    _assert_one_line_error(*run_bad("schema", str(path)), path, "binary file")


def test_garbage_parquet(tmp_path, run_bad):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 this is not parquet")
    _assert_one_line_error(*run_bad("schema", str(path)), path, "not a valid Parquet file")


def test_malformed_json(tmp_path, run_bad):
    path = tmp_path / "broken.json"
    path.write_text('[{"a": 1}, {"a": ')
    _assert_one_line_error(*run_bad("schema", str(path)), path, "malformed JSON")


def test_not_a_sqlite_database(tmp_path, run_bad):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00garbage" * 10)
    _assert_one_line_error(*run_bad("schema", str(path)), path, "SQLite")


def test_one_bad_file_among_good_ones_fails_whole_and_clean(tmp_path, run_bad):
    good = tmp_path / "good.csv"
    good.write_text("a\n1\n")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    _assert_one_line_error(*run_bad("schema", str(good), str(bad)), bad, "file is empty")


# ---------------------------------------------------------------- looks bad, must work
def test_latin1_text_works_and_reads_correctly(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "ventas.csv"
    path.write_bytes("ciudad,importe\nMálaga,10\nCádiz,20\nA Coruña,5\n".encode("latin-1"))
    assert cli(["schema", str(path), "--json"]) == 0
    card = json.loads(capsys.readouterr().out)["tables"][0]
    city = card["columns"][0]
    assert card["row_count"] == 3
    assert {v for v, _ in city["top_values"]} == {"Málaga", "Cádiz", "A Coruña"}


def test_duplicate_column_names_work_renamed_and_said(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "dups.csv"
    path.write_text("id,value,value,value\n1,2,3,4\n")
    assert cli(["schema", str(path)]) == 0
    out = capsys.readouterr().out
    assert "duplicate column names renamed: value_1, value_2" in out
    assert cli(["schema", str(path), "--json"]) == 0
    card = json.loads(capsys.readouterr().out)["tables"][0]
    assert [c["name"] for c in card["columns"]] == ["id", "value", "value_1", "value_2"]
    assert "value_1" in card["note"]


@pytest.mark.slow
def test_five_thousand_columns_work_within_prompt_budget(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "wide.csv"
    header = ",".join(f"feature_{i}" for i in range(5000)) + ",target\n"
    rows = "".join(",".join(str((r * 7 + i) % 13) for i in range(5000)) + f",{r % 2}\n" for r in range(20))
    path.write_text(header + rows)
    assert cli(["schema", str(path), "--prompt", "average feature_4321 by target"]) == 0
    text = capsys.readouterr().out
    assert len(text) / 4 <= 1500
    assert "feature_4321" in text and "target" in text
    assert "more columns" in text
