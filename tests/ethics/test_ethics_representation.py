"""Representation checks D1-D4, on plain rows and through review_result on typed results over DuckDB."""

from __future__ import annotations

import numpy as np
import pytest

from dsagent.ethics.groupsize import group_counts
from dsagent.ethics.representation import (check_axis, check_group_sizes, check_imbalance, check_join_sql,
                                           find_count_column)


def ids(findings, id_):
    return [f for f in findings if f.id == id_]


def _grouped_csv(make_csv, sizes, name="people.csv"):
    rng = np.random.default_rng(5)
    lines = ["grp,score,income"]
    for g, n in sizes.items():
        for _ in range(n):
            lines.append(f"{g},{rng.normal(50, 10):.3f},{rng.normal(30000, 5000):.2f}")
    return make_csv(name, "\n".join(lines) + "\n")


# ------------------------------------------------------------------ D1
def test_d1_planted_tiny_group_in_count_column():
    rows = [["a", 500, 0.51], ["b", 480, 0.49], ["c", 7, 0.86]]
    found = check_group_sizes(["grp", "n", "rate"], rows, count_column="n", key_columns=[0])
    assert [(f.id, f.severity) for f in found] == [("D1", "warn")] and "c (7 rows)" in found[0].message
    assert rows[2][2] == 0.86  # a warn does not hide


def test_d1_clean_group_sizes():
    rows = [["a", 500, 0.51], ["b", 480, 0.49], ["c", 300, 0.4]]
    assert check_group_sizes(["grp", "n", "rate"], rows, count_column=1, key_columns=[0]) == []


def test_d1_hides_values_of_groups_under_five_rows():
    rows = [["a", 500, 0.51], ["c", 3, 1.0]]
    found = check_group_sizes(["grp", "n", "rate"], rows, count_column=1, key_columns=[0])
    assert [(f.id, f.severity) for f in found] == [("D1", "block")] and "hidden" in found[0].message
    assert rows == [["a", 500, 0.51], ["c", 3, None]]


def test_d1_recounts_a_grouped_average_with_duckdb(make_csv, open_ws):
    ws = open_ws(_grouped_csv(make_csv, {"a": 500, "b": 480, "c": 7}))
    sql = "SELECT grp, avg(score) AS mean_score FROM people GROUP BY grp ORDER BY grp"
    res = ws.query(sql)
    counts, keys, _ = group_counts(ws, sql, res.columns, res.rows)
    assert counts == [500, 480, 7] and keys == [0]


@pytest.mark.parametrize("sql", [
    "SELECT grp AS g, round(avg(score), 2) FROM people WHERE income > 0 GROUP BY g HAVING count(*) > 1",
    "SELECT avg(score), grp FROM people GROUP BY 2 ORDER BY 1 DESC LIMIT 10",
    "SELECT grp, avg(score) FROM people GROUP BY ALL",
    "WITH p AS (SELECT * FROM people) SELECT grp, avg(score) FROM p GROUP BY grp",
])
def test_d1_recount_handles_aliases_positions_group_all_and_ctes(make_csv, open_ws, sql):
    ws = open_ws(_grouped_csv(make_csv, {"a": 500, "b": 480, "c": 7}))
    res = ws.query(sql)
    counts, keys, _ = group_counts(ws, sql, res.columns, res.rows)
    labels = [r[keys[0]] for r in res.rows]
    assert dict(zip(labels, counts)) == {"a": 500, "b": 480, "c": 7}


def _interleaved_csv(make_csv, sizes, name):
    rng = np.random.default_rng(9)
    labels = rng.permutation(np.concatenate([[g] * n for g, n in sizes.items()]))
    scores = rng.normal(50, 10, len(labels))
    body = "\n".join(f"{g},{s:.2f}" for g, s in zip(labels, scores))
    return make_csv(name, "grp,score\n" + body + "\n")


def test_d1_big_table_counts_on_a_sample_when_every_group_is_large(make_csv, open_ws, monkeypatch):
    import dsagent.ethics.groupsize as rep

    monkeypatch.setattr(rep, "SAMPLE_ABOVE", 1000)
    monkeypatch.setattr(rep, "SAMPLE_ROWS", 10_000)
    ws = open_ws(_interleaved_csv(make_csv, {"a": 50_000, "b": 50_000}, "big.csv"),
                 _interleaved_csv(make_csv, {"a": 50_000, "b": 50_000, "c": 7}, "other.csv"))
    sql = "SELECT grp, avg(score) FROM big GROUP BY grp ORDER BY grp"
    res = ws.query(sql)
    counts, _, note = group_counts(ws, sql, res.columns, res.rows)
    assert note == "sampled" and all(1000 <= c < 50_000 for c in counts), counts
    res = ws.query(sql.replace("big", "other"))
    counts, _, note = group_counts(ws, sql.replace("big", "other"), res.columns, res.rows)
    assert note == "" and counts[2] == 7 and min(counts[:2]) >= 1000, "an uncertain group is counted exactly"


def test_find_count_column_from_sql_and_name():
    assert find_count_column(["grp", "n"], [["a", 3]], "SELECT grp, count(*) AS n FROM t GROUP BY grp") == 1
    assert find_count_column(["grp", "total"], [["a", 3]], "SELECT grp, sum(x) AS total FROM t GROUP BY grp") is None
    assert find_count_column(["grp", "count"], [["a", 3]]) == 1


# ------------------------------------------------------------------ D2
def test_d2_planted_dominant_class():
    found = check_imbalance([970, 20, 10], ["ok", "late", "lost"], "status")
    assert [f.id for f in found] == ["D2"] and found[0].value > 0.8 and "'ok' makes up 97%" in found[0].message


def test_d2_clean_spread_classes():
    assert check_imbalance([400, 350, 250], ["a", "b", "c"], "status") == []


# ------------------------------------------------------------------ D3
def test_d3_planted_bar_axis_not_from_zero():
    found = check_axis("bar", ylim=(97, 102), values=[98, 99, 101])
    assert [f.id for f in found] == ["D3"] and "starts at 97" in found[0].message


def test_d3_clean_autoscaled_bar_and_lines():
    assert check_axis("bar", ylim=(0, 105), values=[98, 99, 101]) == []
    assert check_axis("bar", ylim=None, values=[98, 99, 101]) == []
    assert check_axis("line", ylim=(97, 102), values=[98, 99, 101]) == []
    assert [f.id for f in check_axis("bar", log_y=True)] == ["D3"]


# ------------------------------------------------------------------ D4
def _join_ws(make_csv, open_ws, keys):
    products = make_csv("products.csv", "product_id,category\n" + "".join(f"{k},c{k % 5}\n" for k in keys))
    orders = make_csv("orders.csv", "order_id,product_id\n" + "".join(f"{i},{i % 200}\n" for i in range(400)))
    return open_ws(products, orders)


_JOIN = "SELECT p.category, count(*) AS n FROM orders o JOIN products p ON o.product_id = p.product_id GROUP BY 1"


def test_d4_planted_duplicated_dimension_keys(make_csv, open_ws):
    ws = _join_ws(make_csv, open_ws, list(range(200)) + list(range(30)))
    found = check_join_sql(ws, _JOIN)
    assert [f.id for f in found] == ["D4"] and found[0].value > 0.05 and found[0].columns == ["product_id"]


def test_d4_clean_unique_keys(make_csv, open_ws):
    assert check_join_sql(_join_ws(make_csv, open_ws, list(range(200))), _JOIN) == []


def test_d1_reads_group_sizes_from_a_cached_schema_card(make_csv, open_ws):
    from dsagent.tools.schema.card import get_schema_card

    ws = open_ws(_grouped_csv(make_csv, {"a": 500, "b": 480, "c": 7}))
    sql = "SELECT grp, avg(score) FROM people GROUP BY grp ORDER BY grp"
    res = ws.query(sql)
    assert group_counts(ws, sql, res.columns, res.rows)[2] == "", "no card yet: counted with DuckDB"
    get_schema_card(ws, "people")
    counts, _, note = group_counts(ws, sql, res.columns, res.rows)
    assert note == "schema card" and counts == [500, 480, 7]
    filtered = "SELECT grp, avg(score) FROM people WHERE income > 30000 GROUP BY grp ORDER BY grp"
    res = ws.query(filtered)
    assert group_counts(ws, filtered, res.columns, res.rows)[2] == "", "a filter needs a real count"


def test_d1_card_with_many_groups_falls_back_for_values_outside_the_top(make_csv, open_ws):
    from dsagent.tools.schema.card import get_schema_card

    sizes = {f"g{i:02d}": 100 for i in range(12)} | {"tiny": 3}
    ws = open_ws(_grouped_csv(make_csv, sizes))
    get_schema_card(ws, "people")
    sql = "SELECT grp, avg(score) FROM people GROUP BY grp"
    res = ws.query(sql)
    counts, keys, _ = group_counts(ws, sql, res.columns, res.rows)
    assert dict(zip([r[0] for r in res.rows], counts))["tiny"] == 3


@pytest.mark.parametrize("sql,expected", [
    ("SELECT region, AVG(income) AS mean_income FROM sales GROUP BY region ORDER BY region", ("sales", "region", 0)),
    ('SELECT AVG(income), "region" FROM "sales" GROUP BY "region" LIMIT 10', ("sales", "region", 1)),
    ("SELECT region, AVG(income) FROM sales WHERE income > 0 GROUP BY region", None),
    ("SELECT region, AVG(income) FROM sales s JOIN t ON s.a = t.a GROUP BY region", None),
    ("SELECT region, (SELECT 1) FROM sales GROUP BY region", None),
    ("SELECT r AS region, AVG(income) FROM sales GROUP BY r", None),
    ("SELECT region, AVG(income) AS avg_income FROM sales GROUP BY 1 ORDER BY region", ("sales", "region", 0)),
    ("SELECT upper(x) AS region, AVG(income) FROM sales GROUP BY 1", None),
    ("SELECT region, round(AVG(income), 2) FROM sales GROUP BY 2", None),
])
def test_simple_group_fast_path_is_only_taken_for_plain_queries(sql, expected):
    from dsagent.ethics.groupsize import _simple_group

    columns = ["region", "mean_income"] if expected is None or expected[2] == 0 else ["avg(income)", "region"]
    assert _simple_group(sql, columns) == expected


@pytest.mark.parametrize("sql", [
    "SELECT grp, avg(score) AS m FROM people WHERE income > 0 GROUP BY grp HAVING count(*) > 1 ORDER BY 2 DESC",
    "SELECT grp, avg(score) FROM people GROUP BY ALL ORDER BY grp",
    "SELECT avg(score), grp FROM people GROUP BY 2 ORDER BY 2",
])
def test_with_group_count_adds_the_counts_in_the_same_query(make_csv, open_ws, sql):
    from dsagent.ethics.groupsize import with_group_count

    ws = open_ws(_grouped_csv(make_csv, {"a": 500, "b": 480, "c": 7}))
    plain, counted = ws.query(sql), ws.query(with_group_count(sql))
    assert counted.columns[:-1] == plain.columns and counted.columns[-1] == "__dsagent_rows"
    assert [r[:-1] for r in counted.rows] == plain.rows
    assert sorted(r[-1] for r in counted.rows) == [7, 480, 500]
    assert with_group_count("SELECT grp, score FROM people") is None
    assert with_group_count("SELECT DISTINCT grp FROM people GROUP BY grp") is None


def test_review_reads_group_sizes_a_tool_counted(make_csv, open_ws):
    from pydantic import create_model

    from dsagent.ethics.review import review_result
    from dsagent.tools.base import ToolContext
    from dsagent.tools.sql import TableResult

    Counted = create_model("Counted", __base__=TableResult, group_sizes=(list[int] | None, None))
    result = Counted(columns=["grp", "m"], rows=[["a", 1.0], ["c", 2.0]], row_count=2, truncated=False,
                     query="SELECT grp, avg(x) AS m FROM nowhere GROUP BY grp", group_sizes=[500, 3])
    found = review_result(result, None, ToolContext())
    assert [(f.id, f.severity) for f in found] == [("D1", "block")] and result.rows[1][1] is None


def test_d1_does_not_flag_exact_counts_only_values_computed_over_groups():
    """A histogram's bins or a count per group are exact however small; an average over 7 rows is not."""
    from dsagent.ethics.representation import check_group_sizes

    counts_only = check_group_sizes(["bin", "count"], [[1, 500], [2, 480], [3, 7]], count_column="count")
    averaged = check_group_sizes(["region", "avg_income", "count"], [["a", 1.0, 500], ["b", 2.0, 480], ["c", 3.0, 7]],
                                 count_column="count", key_columns=[0])
    assert not [f for f in counts_only if f.id == "D1"]
    assert [f for f in averaged if f.id == "D1" and f.severity == "warn"]
