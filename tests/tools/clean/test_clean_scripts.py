"""The exported SQL and pandas scripts, run in a subprocess on the dirty example, rebuild the in-DuckDB result."""

from __future__ import annotations

import subprocess
import sys

import pytest
from clean_helpers import as_text, write_dirty

from dsagent.tools.base import ToolContext, get_tool


@pytest.fixture(scope="module")
def applied(tmp_path_factory):
    """One cleaned dirty example shared by the tests of this module (they only add tables to it)."""
    from dsagent.data.workspace import Workspace

    tmp = tmp_path_factory.mktemp("scripts")
    path, _, expected, _ = write_dirty(tmp)
    ws = Workspace.open([str(path)])
    out = tmp / "out"
    r = get_tool("clean_data").run(ws, {}, ToolContext(output_dir=out, apply=True))
    yield ws, r, expected, path, out
    ws.close()


def _read(path):
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.mark.slow
def test_python_script_reproduces_the_result(applied, tmp_path):
    ws, r, expected, source, out = applied
    script = out / "dirty_contacts_v2_clean.py"
    assert script.exists() and str(source) in script.read_text()
    target = tmp_path / "from_pandas.csv"
    run = subprocess.run([sys.executable, str(script), str(source), str(target)], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    got = _read(target)
    mine = as_text(ws.fetch_df(f"SELECT * FROM {r.table}"))
    assert list(got.columns) == list(mine.columns)
    assert got.equals(mine)
    assert got.equals(as_text(expected))
    before = source.read_bytes()  # and it never writes over its source
    run = subprocess.run([sys.executable, str(script), str(source), str(source)], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode != 0 and "refusing" in run.stderr and source.read_bytes() == before


@pytest.mark.slow
def test_sql_script_reproduces_the_result(applied, tmp_path):
    ws, r, _, source, out = applied
    script = (out / "dirty_contacts_v2_clean.sql").read_text()
    assert "CREATE OR REPLACE TABLE dirty_contacts_v2" in script and "read_csv(" in script
    code = ("import duckdb, sys; con = duckdb.connect(); con.execute(open(sys.argv[1]).read())")
    run = subprocess.run([sys.executable, "-c", code, str(out / "dirty_contacts_v2_clean.sql")], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    got = _read(tmp_path / "dirty_contacts_v2.csv")
    got["birth_date"] = got["birth_date"].str[:10]  # read as TIMESTAMP from the source: '... 00:00:00'
    mine = as_text(ws.fetch_df(f"SELECT * FROM {r.table}"))
    assert got.equals(mine)


@pytest.mark.slow
def test_sql_script_runs_as_its_header_says_with_the_installed_duckdb_package(applied, tmp_path):
    """The header named the DuckDB CLI (`duckdb < file.sql`), which an install of dsagent lacks."""
    import shlex

    ws, r, _, _, out = applied
    script = out / "dirty_contacts_v2_clean.sql"
    header = [line[2:].strip() for line in script.read_text().splitlines() if line.startswith("--")]
    command = next(line for line in header if line.startswith("python "))
    words = shlex.split(command)
    assert words[-1] == script.name
    run = subprocess.run([sys.executable, *words[1:-1], str(script)], cwd=tmp_path, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    got = _read(tmp_path / "dirty_contacts_v2.csv")
    assert len(got) == ws.row_count(r.table) and list(got.columns) == [c for c, _ in ws.columns(r.table)]


@pytest.mark.slow
def test_scripts_of_a_second_version_start_from_the_source(applied, tmp_path):
    ws, r, _, source, out = applied
    from dsagent.tools.clean.tool import CleanResult, CleanStep, apply_plan

    extra = CleanResult(plan=[CleanStep(step="normalise_case", column="country", reason="test", affected=1,
                                        params={"case": "upper"})], applied=False, table=r.table, source_table=r.table)
    v3 = apply_plan(ws, extra, ToolContext(output_dir=out))
    assert (v3.table, v3.version) == ("dirty_contacts", "dirty_contacts_v3")
    assert v3.scripts["python"].endswith("dirty_contacts_v3_clean.py")
    target = tmp_path / "v3.csv"
    run = subprocess.run([sys.executable, v3.scripts["python"], str(source), str(target)], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert _read(target).equals(as_text(ws.fetch_df("SELECT * FROM dirty_contacts")))
    assert set(_read(target)["country"]) <= {"USA", "SPAIN", "MEXICO", "GERMANY", "FRANCE", ""}  # missing stays


@pytest.mark.slow
def test_tsv_source_script(tmp_path, open_ws):
    rows = ["id\tcity\tamount"] + [f"{i}\t{[' Madrid', 'madrid', 'Madrid', 'Lima'][i % 4]}\t{i * 10}" for i in range(40)]
    source = tmp_path / "t.tsv"
    source.write_text("\n".join(rows) + "\n")
    ws = open_ws(source)
    out = tmp_path / "out"
    r = get_tool("clean_data").run(ws, {}, ToolContext(output_dir=out, apply=True))
    assert r.applied and r.scripts
    target = tmp_path / "t_clean.csv"
    run = subprocess.run([sys.executable, r.scripts["python"], str(source), str(target)], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert _read(target).equals(as_text(ws.fetch_df(f"SELECT * FROM {r.table}")))
    assert set(_read(target)["city"]) == {"Madrid", "Lima"}


def test_no_scripts_for_a_table_without_a_source_file(applied):
    ws, r, _, _, out = applied
    import pandas as pd

    from dsagent.tools.clean.tool import apply_plan

    ws.register_frame("made", pd.DataFrame({"a": [" x", "y", "y", "y"]}), None, "test")
    plan = get_tool("clean_data").run(ws, {"table": "made"}, ToolContext())
    done = apply_plan(ws, plan, ToolContext(output_dir=out))
    assert done.applied and done.scripts == {}


@pytest.mark.slow
def test_money_text_is_cast_in_duckdb_and_in_the_script(tmp_path, open_ws):
    amounts = ["$1,200.50", "€300", "45", "2,000", "n/a", "1,234", "$ 80", "12.5"] * 5
    phones = ["600 123 456", "+34 611 222 333"] * 20
    rows = ["id,amount,phone"] + [f'{i},"{a}",{p}' for i, (a, p) in enumerate(zip(amounts, phones))]
    source = tmp_path / "money.csv"
    source.write_text("\n".join(rows) + "\n")
    ws = open_ws(source)
    r = get_tool("clean_data").run(ws, {}, ToolContext(output_dir=tmp_path / "out", apply=True))
    cast = [s for s in r.plan if s.step == "cast"]
    assert [s.column for s in cast] == ["amount"] and cast[0].params["to"] == "DOUBLE"  # phones stay text
    values = [v for (v,) in ws.query(f"SELECT amount FROM {r.table} LIMIT 8").rows]
    assert values[:4] == [1200.5, 300.0, 45.0, 2000.0] and values[5] == 1234.0 and values[6] == 80.0
    target = tmp_path / "m.csv"
    run = subprocess.run([sys.executable, r.scripts["python"], str(source), str(target)], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    import pandas as pd

    got, mine = pd.read_csv(target), ws.fetch_df(f"SELECT * FROM {r.table}")
    assert got["amount"].fillna(-1).tolist() == mine["amount"].fillna(-1).tolist()  # 'n/a' stays missing
    assert got["phone"].tolist() == mine["phone"].tolist()


@pytest.mark.slow
def test_scripts_reproduce_sentinels_and_every_option(tmp_path, open_ws):
    """set_missing (a 999 code), and the options fill_missing and clip_outliers, in both scripts."""
    from clean_helpers import write_weather

    source = write_weather(tmp_path)
    ws = open_ws(source)
    out = tmp_path / "out"
    r = get_tool("clean_data").run(ws, {"include": ["fill_missing", "clip_outliers"]},
                                   ToolContext(output_dir=out, apply=True))
    assert {s.step for s in r.plan} >= {"set_missing", "fill_missing", "clip"}
    mine = as_text(ws.fetch_df("SELECT * FROM weather"))
    target = tmp_path / "py.csv"
    run = subprocess.run([sys.executable, r.scripts["python"], str(source), str(target)], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    import pandas as pd

    assert as_text(pd.read_csv(target)).equals(mine)
    code = "import duckdb, sys; duckdb.connect().execute(open(sys.argv[1]).read())"
    run = subprocess.run([sys.executable, "-c", code, r.scripts["sql"]], cwd=tmp_path, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert as_text(pd.read_csv(tmp_path / "weather_v2.csv")).equals(mine)
