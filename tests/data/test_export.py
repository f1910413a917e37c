"""export_table: formats, refusals, and an interrupted export leaves no file behind."""

from __future__ import annotations

import json

import pytest

from dsagent.errors import UserError
from dsagent.data.export import export_table
from conftest import FIXTURES


@pytest.fixture
def ws(make_csv, open_ws):
    rows = "\n".join(f"{i},item {i},{i * 1.5},2024-01-{i % 28 + 1:02d}" for i in range(1, 301))
    return open_ws(make_csv("items.csv", "id,name,price,day\n" + rows + "\n"))


def test_csv_parquet_json_round_trip(ws, tmp_path):
    import pandas as pd

    out = export_table(ws, "items", tmp_path / "e" / "items.csv")
    df = pd.read_csv(out)
    assert len(df) == 300 and list(df.columns) == ["id", "name", "price", "day"] and df["day"][0] == "2024-01-02"
    pq = export_table(ws, "items", tmp_path / "items.parquet")
    assert pd.read_parquet(pq)["price"].sum() == pytest.approx(sum(i * 1.5 for i in range(1, 301)))
    js = export_table(ws, "items", tmp_path / "items.json")
    data = json.loads(js.read_text())
    assert len(data) == 300 and data[0] == {"id": 1, "name": "item 1", "price": 1.5, "day": "2024-01-02"}
    nd = export_table(ws, "items", tmp_path / "items.data", fmt="jsonl")
    assert len(nd.read_text().splitlines()) == 300
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_refuses_existing_files_and_sources(ws, tmp_path):
    target = tmp_path / "x.csv"
    target.write_text("keep me")
    with pytest.raises(UserError, match="already exists"):
        export_table(ws, "items", target)
    assert target.read_text() == "keep me"
    export_table(ws, "items", target, overwrite=True)
    assert target.read_text().startswith('"id","name"')
    source = tmp_path / "items.csv"
    before = source.read_bytes()
    with pytest.raises(UserError, match="source file"):
        export_table(ws, "items", source, overwrite=True)
    assert source.read_bytes() == before
    with pytest.raises(UserError, match="unknown extension"):
        export_table(ws, "items", tmp_path / "x.xlsx")
    with pytest.raises(UserError, match="unknown table"):
        export_table(ws, "nope", tmp_path / "y.csv")


def test_source_overwritten_only_when_forced(ws, tmp_path):
    source = tmp_path / "items.csv"
    export_table(ws, "items", source, force=True)
    assert source.read_text().splitlines()[0] == '"id","name","price","day"'  # strings quoted (pyarrow)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_interrupted_export_leaves_no_file(ws, tmp_path, monkeypatch, fmt):
    import dsagent.data.export as export

    real = export.write_batches

    class Boom(Exception):
        pass

    def fail_midway(reader, tmp, kind):
        def batches():
            yield next(iter(reader))
            raise Boom("disk full")

        class Half:
            schema = reader.schema

            def __iter__(self):
                return batches()

        real(Half(), tmp, kind)

    monkeypatch.setattr(export, "BATCH_ROWS", 100)
    monkeypatch.setattr(export, "write_batches", fail_midway)
    target = tmp_path / f"out.{fmt}"
    with pytest.raises(Boom):
        export_table(ws, "items", target)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    # an existing file survives a failed overwrite untouched
    target.write_text("old")
    with pytest.raises(Boom):
        export_table(ws, "items", target, overwrite=True)
    assert target.read_text() == "old"


def test_export_query_writes_the_full_result(ws, tmp_path):
    import pandas as pd

    from dsagent.errors import SqlRejected
    from dsagent.data.export import export_query

    ws.max_rows = 10  # the display cap does not apply to exports
    out = export_query(ws, "SELECT id, price FROM items WHERE id > 100 ORDER BY id;", tmp_path / "q.parquet")
    df = pd.read_parquet(out)
    assert len(df) == 200 and df["id"].iloc[0] == 101  # all rows, not the display cap
    with pytest.raises(SqlRejected):
        export_query(ws, "COPY items TO 'x.csv'", tmp_path / "z.csv")
    assert not (tmp_path / "z.csv").exists()


def test_chat_export_knows_what_the_reviewer_withheld(open_ws):
    """/export refuses (without --raw) a table whose values the reviewer hid or masked on screen."""
    from dsagent.chat.commands import _withheld
    from dsagent.config import Settings
    from dsagent.session import Session

    people = FIXTURES / "agent" / "people.csv"
    session = Session(open_ws(people), Settings(provider="offline"))
    assert _withheld(session.ask("SELECT name, email FROM people").result) == ["E2"]  # masked
    by_region = "SELECT region, avg(sales) AS s FROM people GROUP BY region"
    assert _withheld(session.ask(by_region).result) == ["D1"]  # a tiny group's average hidden
    assert _withheld(session.ask("SELECT region, count(*) AS n FROM people GROUP BY region").result) == []
    shown = Session(open_ws(people), Settings(provider="offline", allow=["D1"]))
    assert _withheld(shown.ask(by_region).result) == []  # shown as the person asked



def test_chat_export_knows_the_values_a_chart_did_not_draw(open_ws, tmp_path):
    """A chart leaves out an average of under 5 rows; its data re-run would hold it (D1)."""
    from dsagent.chat.commands import _withheld
    from dsagent.config import Settings
    from dsagent.session import Session

    from conftest import EXAMPLES

    # the charts go to the test's folder, not to ./dsagent-output of whoever runs the tests
    session = Session(open_ws(EXAMPLES / "passengers.csv"), Settings(provider="offline", output_dir=str(tmp_path)))
    drawn = session.ask("bar chart of average fare by embarked").result  # 2 passengers have no port
    assert drawn.kind == "chart" and drawn.hidden_groups == ["(missing)"]
    assert _withheld(drawn) == ["D1"]
    assert _withheld(session.ask("bar chart of average fare by pclass").result) == []


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_after_a_query_longer_than_the_display_cap(ws, tmp_path, fmt):
    """A shown result past max_rows left DuckDB's result open; the export then failed with
    'ResourceInUseException: unfinished result from execute()'."""
    import pandas as pd

    from dsagent.data.export import export_query

    ws.max_rows = 50
    shown = ws.query("SELECT * FROM items")  # 300 rows, 50 shown: the rest is never read
    assert shown.truncated and shown.row_count == 300
    out = export_query(ws, "SELECT * FROM items", tmp_path / f"all.{fmt}")
    df = pd.read_csv(out) if fmt == "csv" else pd.read_parquet(out)
    assert len(df) == 300 and df["id"].tolist() == list(range(1, 301))
    ws.query("SELECT * FROM items", count_total=False)  # truncated, not counted: same open result
    assert len(pd.read_parquet(export_table(ws, "items", tmp_path / "t.parquet"))) == 300


def test_chat_export_of_an_answer_of_more_than_1000_rows(make_csv, open_ws, tmp_path):
    import pandas as pd

    from conftest import chat_app

    rows = "\n".join(f"{i},{i % 7}" for i in range(5000))
    app, screen = chat_app(open_ws(make_csv("big.csv", "i,k\n" + rows + "\n")))
    app.handle("SELECT * FROM big ORDER BY i")
    assert app.state.last_table_result.row_count == 5000
    app.handle(f"/export {tmp_path / 'all.csv'}")
    assert "unfinished result" not in screen.getvalue() and "saved" in screen.getvalue()
    df = pd.read_csv(tmp_path / "all.csv")
    assert len(df) == 5000 and df["i"].tolist() == list(range(5000))
    app.handle(f"/export {tmp_path / 'all.parquet'}")
    assert len(pd.read_parquet(tmp_path / "all.parquet")) == 5000
