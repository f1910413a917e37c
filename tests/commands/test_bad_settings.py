"""Settings that would remove a limit, or that have the wrong type, are one line and exit 2.

Before, `--timeout 0`, `nan` and `inf` silently removed the time limit; `--timeout -1`, `--max-rows -1`
and `--dialect ""` were accepted; a config value of the wrong type (`timeout = "soon"`, `max_rows =
"many"`, `memory_limit = 3`, `thresholds = 5`), a config path that is a folder, `--memory-limit lots`
and `--threads -3` ended in a Python traceback; an empty question exited 1.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dsagent.cli import cli


@pytest.fixture
def people(tmp_path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text("id,city\n1,Lima\n2,Quito\n", encoding="utf-8")
    return path


def _one_line(capsys, code: int, *said: str) -> str:
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and err.startswith("dsagent: error: "), err
    for text in said:
        assert text in err, err
    return err


@pytest.mark.parametrize("flags,said", [
    (["--timeout", "0"], "--timeout"), (["--timeout", "nan"], "--timeout"), (["--timeout", "inf"], "--timeout"),
    (["--timeout", "-1"], "--timeout"), (["--timeout", "1e9"], "--timeout"),
    (["--max-rows", "-1"], "--max-rows"), (["--max-rows", "0"], "--max-rows"),
    (["--threads", "-3"], "--threads"), (["--threads", "0"], "--threads"),
    (["--memory-limit", "lots"], "--memory-limit"), (["--memory-limit", "3"], "--memory-limit"),
    (["--memory-limit", "-1"], "--memory-limit"),
])
@pytest.mark.parametrize("command", ["ask", "sql", "schema"])
def test_a_flag_that_removes_a_limit_is_refused(command, flags, said, people, capsys):
    args = [command, str(people)] + (["how many rows"] if command in ("ask", "sql") else []) + flags
    _one_line(capsys, cli(args), said)


@pytest.mark.parametrize("line,said", [
    ('timeout = "soon"', "timeout"), ("timeout = 0", "timeout"), ("timeout = true", "timeout"),
    ('max_rows = "many"', "max_rows"), ("max_rows = 2.5", "max_rows"),
    ("memory_limit = 3", "memory_limit"), ('memory_limit = "lots"', "memory_limit"),
    ("threads = -3", "threads"), ("thresholds = 5", "thresholds"), ('[thresholds]\nA1_warn = "high"', "A1_warn"),
    ("privacy = 3", "privacy"), ("provider = 5", "provider"), ("allow = \"A1\"", "allow"),
])
def test_a_config_value_of_the_wrong_type_is_one_line(line, said, people, capsys, _isolated_home):
    config = Path(os.environ["DSAGENT_CONFIG"])
    config.write_text(line + "\n", encoding="utf-8")
    err = _one_line(capsys, cli(["ask", str(people), "how many rows"]), said)
    if line.split()[0] in ("timeout", "max_rows", "memory_limit", "threads", "privacy", "provider"):
        assert str(config) in err  # says where the value came from


def test_a_config_path_that_is_a_folder(people, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DSAGENT_CONFIG", str(tmp_path))
    _one_line(capsys, cli(["ask", str(people), "how many rows"]), "folder")


def test_an_unreadable_config_file(people, capsys, monkeypatch, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    config = tmp_path / "config.toml"
    config.write_text('privacy = "masked"\n', encoding="utf-8")
    config.chmod(0)
    monkeypatch.setenv("DSAGENT_CONFIG", str(config))
    _one_line(capsys, cli(["ask", str(people), "how many rows"]), "cannot read")


def test_a_config_file_that_is_not_utf8_or_toml(people, capsys, _isolated_home):
    config = Path(os.environ["DSAGENT_CONFIG"])
    config.write_bytes(b"privacy = \"m\xe1sked\"\n")
    _one_line(capsys, cli(["ask", str(people), "how many rows"]), "not valid TOML")


def test_good_settings_still_work(people, capsys, _isolated_home):
    Path(os.environ["DSAGENT_CONFIG"]).write_text('timeout = 30\nmax_rows = 50\nmemory_limit = "1GB"\n'
                                                  'threads = 1\n[thresholds]\nA1_warn = 0.7\n', encoding="utf-8")
    assert cli(["ask", str(people), "SELECT count(*) AS n FROM people", "--timeout", "2.5"]) == 0


@pytest.mark.parametrize("question", ["", "   ", "\n"])
@pytest.mark.parametrize("command", ["ask", "sql"])
def test_an_empty_question_is_exit_2(command, question, people, capsys):
    _one_line(capsys, cli([command, str(people), question]), "empty")


def test_an_empty_question_with_json_still_prints_the_object(people, capsys):
    import json

    code = cli(["ask", str(people), "", "--json"])
    out, err = capsys.readouterr()
    assert code == 2 and json.loads(out)["error"]["type"] == "user_error" and "empty" in err


@pytest.mark.parametrize("dialect", ["", "  "])
def test_an_empty_dialect_is_exit_2(dialect, people, capsys):
    _one_line(capsys, cli(["sql", str(people), "SELECT 1", "--dialect", dialect]), "--dialect")


def test_a_file_mixing_utf8_and_latin1_is_one_line(tmp_path, capsys):
    """Before: read as latin-1, 'José' (UTF-8) became 'JosÃ©' without a word."""
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"id,name\n1,Jos\xc3\xa9\n2,Ram\xf3n\n")
    _one_line(capsys, cli(["ask", str(path), "SELECT * FROM mixed"]), "mixes UTF-8 and latin-1", "line 3")


def test_a_latin1_file_still_reads(tmp_path, capsys):
    path = tmp_path / "lat.csv"
    path.write_bytes(b"id,city\n1,M\xe1laga\n2,C\xf3rdoba\n")
    assert cli(["ask", str(path), "SELECT city FROM lat ORDER BY id", "--privacy", "full"]) == 0
    out, _ = capsys.readouterr()
    assert "Málaga" in out and "Córdoba" in out
