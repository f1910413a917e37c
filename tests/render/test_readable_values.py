"""Numbers, dates, labels and withheld cells as people write them, read from what `dsagent ask` prints;
the JSON keeps the raw values."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from dsagent.cli import cli
from dsagent.narrative import narrate
from dsagent.render.answer import render_result
from dsagent.render.context import rendering
from dsagent.render.values import label, metric, number, temporal_format
from dsagent.tools.sql import TableResult


def draw(result: TableResult, width: int = 120, **context) -> str:
    console = Console(width=width, record=True, force_terminal=False, color_system=None)
    with rendering(**context):
        render_result(result, console)
    return console.export_text()


def ask(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli(["ask", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("value, text", [
    (103800.0, "103,800"), (1.038e5, "103,800"), (9.399999999999999, "9.4"), (0.1 + 0.2, "0.3"),
    (87331.5, "87,331.5"), (20.458333, "20.46"), (0.973, "0.973"), (0.0123456, "0.0123"), (1234, "1,234"),
    (0.0, "0"), (1e20, "1e+20"),
])
def test_numbers_in_prose(value, text):
    assert number(value) == text


@pytest.mark.parametrize("name, values, sql, shown", [
    ("month", ["2012-01-01T00:00:00", "2012-02-01T00:00:00"], None, ["2012-01", "2012-02"]),
    ("m", ["2012-01-01T00:00:00"], "SELECT date_trunc('month', day) AS m", ["2012-01"]),
    ("d", ["2012-01-01", "2012-02-01", "2012-03-01"], None, ["2012-01", "2012-02", "2012-03"]),
    ("d", ["2012-01-01T00:00:00", "2012-01-02T00:00:00"], None, ["2012-01-01", "2012-01-02"]),
    ("d", ["2012-01-01"], None, ["2012-01-01"]),  # one first-of-month date is a date
    ("year", ["2012-01-01", "2013-01-01"], None, ["2012", "2013"]),
    ("q", ["2012-01-01", "2012-04-01"], "SELECT date_trunc('quarter', d) AS q", ["2012 Q1", "2012 Q2"]),
    ("at", ["2012-01-01T13:45:00", "2012-01-01T00:00:00"], None, ["2012-01-01 13:45", "2012-01-01 00:00"]),
    ("at", ["2012-01-01T13:45:12"], None, ["2012-01-01 13:45:12"]),
])
def test_dates_at_their_grain(name, values, sql, shown):
    write = temporal_format(name, values, sql)
    assert [write(v) for v in values] == shown


@pytest.mark.parametrize("name, en, es", [
    ("count_star()", "count", "recuento"), ("count(*)", "count", "recuento"), ("avg(salary)", "average salary",
                                                                               "media de salary"),
    ("round(avg(salary), 2)", "average salary", "media de salary"),
    ('count(DISTINCT "rank")', "distinct rank", "rank distintos"), ("sum(x)", "total x", "total de x"),
    ("avg_salary", "avg_salary", "avg_salary"), ("(max(a) - min(a))", "(max(a) - min(a))", "(max(a) - min(a))"),
])
def test_expression_labels(name, en, es):
    assert label(name) == en
    with rendering(lang="es"):
        assert label(name) == es


def test_a_monthly_table_and_its_narrative(capsys, make_csv):
    rows = "\n".join(f"2012-{m:02d}-{d:02d},{m}" for m in range(1, 4) for d in range(3, 28, 4))  # 7 a month
    path = make_csv("w.csv", "day,temp\n" + rows + "\n")
    sql = "SELECT date_trunc('month', day::TIMESTAMP) AS month, avg(temp) FROM w GROUP BY 1 ORDER BY 1"
    code, out, _ = ask(capsys, str(path), sql)
    assert code == 0
    out = out.split("review:")[0]  # the table and the narrative (the reviewer's lines are its own)
    assert "T00:00:00" not in out and "00:00" not in out
    assert "2012-01 " in out and "2012-03" in out
    header = next(ln for ln in out.splitlines() if ln.startswith("month"))
    assert header.split() == ["month", "average", "temp"]
    assert "Highest average temp: 2012-03 (3); lowest: 2012-01 (1). 3 rows." in out
    code, out, _ = ask(capsys, str(path), sql, "--json")
    data = json.loads(out)
    assert data["result"]["columns"][1].startswith("avg(") and data["result"]["rows"][0][0] == "2012-01-01T00:00:00"


def test_float_noise_and_big_numbers(capsys, make_csv):
    path = make_csv("n.csv", "g,x,y\na,9.399999999999999,103800\nb,9.399999999999999,103800\n")
    code, out, _ = ask(capsys, str(path), "SELECT g, x, y * 1.0 AS y FROM n")
    assert "9.4 " in out and "9.399999999999999" not in out and "103,800" in out
    code, out, _ = ask(capsys, str(path), "SELECT count(*) FROM n")
    assert out.splitlines()[1].strip() == "count" and "count: 2." in out
    code, out, _ = ask(capsys, str(path), "SELECT max(y * 1.0) AS top FROM n")
    assert "top: 103,800." in out and "e+05" not in out


def test_withheld_cells_say_hidden_and_a_real_null_stays_null(capsys, make_csv):
    lines = [f"big,{i}" for i in range(8)] + ["big,"] * 0 + ["tiny,1", "tiny,2", "empty,", "empty,", "empty,",
                                                                  "empty,", "empty,", "empty,"]
    path = make_csv("g.csv", "grp,v\n" + "\n".join(lines) + "\n")
    sql = "SELECT grp, avg(v) AS mean_v FROM g GROUP BY 1 ORDER BY 1"
    code, out, _ = ask(capsys, str(path), sql)
    table = [ln.split() for ln in out.splitlines()]
    assert ["tiny", "hidden", "(<", "5", "rows)"] in table  # 2 rows behind it: withheld by the reviewer
    assert ["empty", "NULL"] in table  # 6 rows, all empty: the data's own NULL
    assert ["big", "3.5"] in table
    code, out, _ = ask(capsys, str(path), sql, "--json")
    rows = json.loads(out)["result"]["rows"]
    assert ["tiny", None] in rows  # JSON keeps the raw (blanked) value


def test_hidden_cells_in_spanish():
    from dsagent.ethics.finding import Finding

    result = TableResult(columns=["g", "m"], types=["VARCHAR", "DOUBLE"], rows=[["a", None], ["b", 2.5]],
                         row_count=2, truncated=False, group_sizes=[2, 9], query="SELECT g, avg(x) AS m ... GROUP BY 1")
    result.findings = [Finding(id="D1", severity="block", message="...", columns=["m"], threshold=5.0,
                               source="x")]
    assert "oculto (< 5 filas)" in draw(result, lang="es")
    assert "hidden (< 5 rows)" in draw(result)


def _listing(n: int, truncated: bool = False, fetched: int | None = None) -> TableResult:
    rows = [[i, f"name {i}"] for i in range(1, (fetched or n) + 1)]
    return TableResult(columns=["id", "name"], types=["BIGINT", "VARCHAR"], rows=rows, row_count=n,
                       truncated=truncated, query="SELECT * FROM t")


def test_a_long_listing_shows_one_page_with_the_count_and_how_to_export():
    text = draw(_listing(100))
    lines = text.splitlines()
    body = [ln for ln in lines if ln.strip()[:1].isdigit()]
    assert len(body) == 40 and body[0].split()[0] == "1" and body[-1].split()[0] == "100"
    assert any(ln.strip().startswith("·") for ln in lines)  # the rows in between
    assert "showing first 20 and last 20 of 100 rows; add -o FILE.csv" in text
    chat = draw(_listing(100), surface="chat")
    assert "/export FILE.csv" in chat and "-o FILE" not in chat
    es = draw(_listing(100), lang="es")
    assert "de 100 filas" in es and "ARCHIVO.csv" in es


def test_a_capped_listing_shows_its_first_rows():
    text = draw(_listing(5000, truncated=True, fetched=1000))
    body = [ln for ln in text.splitlines() if ln.strip()[:1].isdigit()]
    assert len(body) == 40 and body[-1].split()[0] == "40"
    assert "showing first 40 of 5,000 rows" in text


def test_a_short_result_is_drawn_whole():
    text = draw(_listing(40))
    assert text.rstrip().endswith("40 rows") and "·" not in text


def test_narrative_of_a_spanish_question_labels_in_spanish():
    result = TableResult(columns=["count_star()"], types=["BIGINT"], rows=[[399]], row_count=1, truncated=False)
    assert narrate(result, "¿cuántas filas hay?") == "recuento: 399."
    assert narrate(result, "how many rows") == "count: 399."


def test_a_year_or_class_in_the_narrative_is_a_label_not_a_quantity():
    result = TableResult(columns=["year", "avg_t"], types=["BIGINT", "DOUBLE"], rows=[[2012, 10.894], [2015, 10.902]],
                         row_count=2, truncated=False, query="SELECT year(day) AS year, avg(t) AS avg_t FROM w GROUP BY 1")
    assert narrate(result, "average t by year") == "Highest avg_t: 2015 (10.9); lowest: 2012 (10.89). 2 rows."


def test_a_quarter_or_month_of_the_year_is_named_not_a_bare_number():
    quarters = TableResult(columns=["quarter_of_year", "sum_revenue"], types=["BIGINT", "DOUBLE"],
                           rows=[[1, 596.5], [2, 820.5], [3, 700.0]], row_count=3, truncated=False,
                           query="SELECT quarter(\"date\") AS quarter_of_year, sum(revenue) AS sum_revenue FROM s "
                                 "WHERE year(\"date\") = 2024 GROUP BY 1 ORDER BY quarter_of_year")
    assert narrate(quarters, "revenue per quarter of 2024").startswith("Highest sum_revenue: Q2 (820.5); lowest: Q1")
    assert narrate(quarters, "ingresos por trimestre de 2024").startswith("Mayor ") and " T2 (820.5)" in \
        narrate(quarters, "ingresos por trimestre de 2024")
    months = TableResult(columns=["m", "n"], types=["BIGINT", "BIGINT"], rows=[[7, 40], [1, 3]], row_count=2,
                         truncated=False, query="SELECT month(d) AS m, count(*) AS n FROM s GROUP BY 1")
    assert narrate(months, "rows by month of year").startswith("Highest n: July (40); lowest: January (3)")
    assert "julio (40)" in narrate(months, "filas por mes del año")
    # a number that is not a month (a class, a count of rooms) stays a number
    rooms = TableResult(columns=["rooms", "n"], types=["BIGINT", "BIGINT"], rows=[[7, 40], [1, 3]], row_count=2,
                        truncated=False, query="SELECT rooms, count(*) AS n FROM s GROUP BY 1")
    assert narrate(rooms, "rows by rooms").startswith("Highest n: 7 (40); lowest: 1 (3)")


def test_a_chart_preview_names_months_as_months():
    from dsagent.render.chart import preview_lines

    labels = [f"2012-{m:02d}-01" for m in range(1, 13)]
    lines = preview_lines({"type": "series", "labels": labels, "values": list(range(12))}, 60)
    assert lines[-1].split() == ["2012-01", "2012-12"]
    bars = preview_lines({"type": "bars", "labels": ["2012-01-01T00:00:00", "2013-01-01T00:00:00",
                                                     "2014-01-01T00:00:00"], "values": [1, 2, 3]}, 60)
    assert [b.split()[0] for b in bars] == ["2012", "2013", "2014"]


def test_a_cleaning_diff_shows_values_without_float_noise():
    from dsagent.render.clean import _short

    assert _short(9.399999999999999) == "9.4" and _short(9.5) == "9.5" and _short(12.345) == "12.345"
    assert _short(103800.0) == "103800" and _short("Rain ") == "'Rain '" and _short(None) == "∅"


def test_sql_run_points_to_ask_for_the_file(capsys, make_csv):
    path = make_csv("many.csv", "n\n" + "\n".join(str(i) for i in range(100)) + "\n")
    assert cli(["sql", str(path), "SELECT n FROM many", "--run"]) == 0
    out = capsys.readouterr().out
    assert "showing first 20 and last 20 of 100 rows; dsagent ask ... -o FILE.csv writes them all" in " ".join(out.split())


@pytest.mark.parametrize("value, like, text", [
    (13566.2, None, "13,566"), (820.438, 13566.2, "820"), (0.07346, None, "0.073"), (0.0144, -0.01167, "0.014"),
    (357209158.0, None, "357,209,158"), (float("nan"), None, "–"), (None, None, "–"),
])
def test_model_metrics_and_their_spread(value, like, text):
    # The model card wrote 1.357e+04 ± 820.4; the screen 13,566 ± 820.438.
    assert metric(value, like) == text


def test_the_model_card_writes_metrics_as_the_screen_does():
    from dsagent.tools.model.card import group_table, metric_table

    lines = metric_table({"dummy": {"mae": 13566.2, "mae_sd": 820.4, "r2": -0.01167, "r2_sd": 0.0144}}, "dummy")
    assert "| 13,566 ± 820 | -0.012 ± 0.014 |" in lines[-1]
    table = "\n".join(group_table({"female": {"n": 53.0, "mae": 10550.3, "mean_residual": 3631.2}}))
    assert "e+0" not in table and "10,550" in table
