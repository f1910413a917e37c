"""`dsagent eval`: scoring rules, both suite formats, skipping golds that do not run read-only."""

from __future__ import annotations

import json

import pytest

from dsagent.cli import cli
from dsagent.evaluate import has_order_by, load_suite, results_match, summarize
from conftest import FIXTURES

PEOPLE = FIXTURES / "agent" / "people.csv"


# ---------------------------------------------------------------- scoring rules (shared/bench/README.md)
def test_column_order_does_not_matter():
    assert results_match([(1, "a"), (2, "b")], [("a", 1), ("b", 2)], ordered=False)


def test_row_order_matters_only_when_gold_orders():
    gold, pred = [(1,), (2,)], [(2,), (1,)]
    assert results_match(gold, pred, ordered=False)
    assert not results_match(gold, pred, ordered=True)


def test_floats_compare_at_two_decimals():
    assert results_match([(3.14159,)], [(3.1449,)], ordered=False)
    assert not results_match([(3.14,)], [(3.16,)], ordered=False)
    assert results_match([(2,)], [(2.0,)], ordered=False)


def test_extra_prediction_columns_are_accepted_missing_ones_are_not():
    assert results_match([(1,), (2,)], [(1, "x"), (2, "y")], ordered=False)
    assert not results_match([(1, "x"), (2, "y")], [(1,), (2,)], ordered=False)
    assert not results_match([(1,), (2,)], [(1,), (2,), (3,)], ordered=False)


def test_columns_must_match_as_rows_not_only_as_columns():
    gold = [(1, "a"), (2, "b")]
    assert not results_match(gold, [(1, "b"), (2, "a")], ordered=False)


def test_empty_results_match():
    assert results_match([], [], ordered=False)


def test_outer_order_by_only():
    assert has_order_by("SELECT a FROM t ORDER BY a")
    assert not has_order_by("SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 3)")
    assert not has_order_by("SELECT row_number() OVER (ORDER BY a) FROM t")
    assert not has_order_by("SELECT 'order by' FROM t")


def test_summary_per_category_and_medians():
    recs = [{"correct": True, "category": "easy", "seconds": 1.0, "prompt_tokens": 10, "completion_tokens": 2,
             "llm_calls": 1},
            {"correct": False, "category": "easy", "seconds": 3.0, "prompt_tokens": 20, "completion_tokens": 4,
             "llm_calls": 2, "pred_sql": None, "error": None},
            {"correct": True, "category": "hard", "seconds": 5.0, "prompt_tokens": 30, "completion_tokens": 6,
             "llm_calls": 1}]
    s = summarize(recs, skipped=2)
    assert s["correct"] == 2 and s["accuracy"] == round(2 / 3, 3) and s["skipped"] == 2
    assert s["per_category"]["easy"] == {"n": 2, "correct": 1, "accuracy": 0.5}
    assert s["seconds_median"] == 3.0 and s["tokens_per_question"] == 24.0
    assert s["failures"] == {"no SQL (responded or gave up)": 1}


# ---------------------------------------------------------------- suites end to end with the fake provider
@pytest.fixture
def suite(tmp_path, monkeypatch):
    (tmp_path / "people.csv").write_bytes(PEOPLE.read_bytes())
    items = [
        {"id": "a", "data": "people.csv", "question": "how many people", "gold_sql": "SELECT count(*) FROM people"},
        {"id": "b", "data": "people.csv", "question": "people per region",
         "gold_sql": "SELECT region, count(*) FROM people GROUP BY 1 ORDER BY 1"},
        {"id": "c", "data": "people.csv", "question": "top sale", "gold_sql": "SELECT max(sales) FROM people"},
        {"id": "d", "data": "people.csv", "question": "drop it", "gold_sql": "DROP TABLE people"},
    ]
    path = tmp_path / "suite.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")
    script = {
        "how many people": [{"tool": "run_sql", "args": {"sql": "SELECT count(*) AS n FROM people"}}],
        # right rows, wrong order: gold orders by region
        "people per region": [{"tool": "run_sql", "args": {"sql": "SELECT count(*) AS n, region FROM people GROUP BY 2 ORDER BY 2 DESC"}}],
        "top sale": [{"tool": "run_sql", "args": {"sql": "SELECT max(sales) AS m, 'x' AS extra FROM people"}}],
    }
    (tmp_path / "script.json").write_text(json.dumps(script), encoding="utf-8")
    monkeypatch.setenv("DSAGENT_FAKE_SCRIPT", str(tmp_path / "script.json"))
    return path


def test_jsonl_suite_scores_and_reports(suite, tmp_path, capsys):
    report = tmp_path / "report.jsonl"
    assert cli(["eval", str(suite), "--provider", "fake", "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "accuracy 2/3 = 66.7 %" in out and "skipped 1" in out
    lines = [json.loads(x) for x in report.read_text().splitlines()]
    by_id = {r["id"]: r for r in lines if "id" in r}
    assert by_id["a"]["correct"] and by_id["c"]["correct"] and not by_id["b"]["correct"]
    assert by_id["b"]["pred_sql"] and by_id["a"]["llm_calls"] == 1
    summary = lines[-1]["summary"]
    assert summary["items"] == 3 and summary["skipped_items"][0]["id"] == "d"


def test_limit(suite, capsys):
    assert cli(["eval", str(suite), "--provider", "fake", "--limit", "1"]) == 0
    assert "accuracy 1/1" in capsys.readouterr().out


def test_nsql_dev_json_format(tmp_path):
    import duckdb

    db_dir = tmp_path / "databases" / "shop"
    db_dir.mkdir(parents=True)
    con = duckdb.connect(str(db_dir / "shop.duckdb"))
    con.execute("CREATE TABLE items AS SELECT range AS id, range * 2 AS price FROM range(5)")
    con.close()
    dev = tmp_path / "dev.json"
    dev.write_text(json.dumps([
        {"db_id": "shop", "question": "max price", "query": "SELECT max(price) FROM items", "category": "easy",
         "setup_sql": ";", "validation_sql": ""},
        {"db_id": "shop", "question": "add one", "query": "INSERT INTO items VALUES (9, 9)", "category": "ddl",
         "setup_sql": ";", "validation_sql": ""}]), encoding="utf-8")
    items = load_suite(str(dev))
    assert [i.question for i in items] == ["max price", "add one"]
    assert items[0].gold_db.endswith("databases/shop/shop.duckdb") and items[0].category == "easy"
    from dsagent.evaluate import gold_result

    assert gold_result(items[0])[1] == [(8,)]
    with pytest.raises(duckdb.Error):  # read-only: the DML gold is skipped by eval
        gold_result(items[1])


def test_nsql_validation_query_scores_random_samples_and_settings(tmp_path):
    """A validation_sql other than SELECT * reads the result (a count for a random sample) or the
    settings afterwards (for SET), as NSQL's harness does."""
    import duckdb

    from dsagent.evaluate import execute, gold_result

    db_dir = tmp_path / "databases" / "shop"
    db_dir.mkdir(parents=True)
    duckdb.connect(str(db_dir / "shop.duckdb")).execute("CREATE TABLE items AS SELECT range AS id FROM range(50)").close()
    dev = tmp_path / "dev.json"
    dev.write_text(json.dumps([
        {"db_id": "shop", "question": "10% sample", "query": "SELECT * FROM items USING SAMPLE 10% (reservoir)",
         "validation_sql": "SELECT count(*) FROM ddb_benchmark_result;"},
        {"db_id": "shop", "question": "sort descending by default", "query": "SET default_order = 'DESC'",
         "validation_sql": "SELECT lower(current_setting('default_order'));"},
        {"db_id": "shop", "question": "all", "query": "SELECT * FROM items",
         "validation_sql": "SELECT *  FROM ddb_benchmark_result;"}]), encoding="utf-8")
    sample, setting, plain = load_suite(str(dev))
    assert plain.check_sql == "" and sample.check_sql.startswith("SELECT count(*)")
    assert gold_result(sample)[1] == [(5,)]
    assert execute(sample, "SELECT * FROM items USING SAMPLE 5 ROWS")[1] == [(5,)]  # other rows, same count
    assert execute(sample, "SELECT * FROM items LIMIT 4")[1] == [(4,)]
    assert gold_result(setting)[1] == [("desc",)]
    assert execute(setting, "SELECT 1")[1] == [("ascending",)]  # a read-only answer leaves the setting alone
    assert len(gold_result(plain)[1]) == 50


def test_bad_suite_is_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    assert cli(["eval", str(bad)]) == 2
    assert "expected {id, data, question, gold_sql}" in capsys.readouterr().err


def test_suite_data_paths_resolve_from_a_folder_above_the_suite(tmp_path, monkeypatch):
    """examples/questions/aggregates.jsonl names examples/data/...: relative to the repository, not to itself."""
    data = tmp_path / "examples" / "data"
    data.mkdir(parents=True)
    (data / "t.csv").write_text("a\n1\n", encoding="utf-8")
    questions = tmp_path / "examples" / "questions"
    questions.mkdir()
    suite = questions / "s.jsonl"
    suite.write_text('{"id": 1, "data": "examples/data/t.csv", "question": "q", "gold_sql": "SELECT 1"}\n'
                     '{"id": 2, "data": "../data/t.csv", "question": "q", "gold_sql": "SELECT 1"}\n', encoding="utf-8")
    monkeypatch.chdir(questions)  # not the repository root
    items = load_suite(str(suite))
    assert [i.data for i in items] == [[str((data / "t.csv").resolve())]] * 2
