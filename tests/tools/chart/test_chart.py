"""make_chart: spec -> SQL -> data -> image for each kind, checked on the saved CSV/JSON and the drawn axes."""

from __future__ import annotations

import csv
import json
import random
import statistics
from datetime import date, timedelta

import pytest

from dsagent.errors import ModelError
from dsagent.tools.base import ToolContext
from dsagent.tools.chart.tool import ChartSpec, chart_tool_schema, make_chart

REGIONS = ["North", "South", "East", "West"]


def _sales_csv(make_csv, rows: int = 730, tiny_region: int = 8, products: int = 30):
    """Two years of daily sales; region 'Tiny' has only `tiny_region` rows (for D1)."""
    rng = random.Random(7)
    lines = ["date,region,product,revenue,units,price,age"]
    start = date(2023, 1, 1)
    for i in range(rows):
        region = "Tiny" if i < tiny_region else REGIONS[i % 4]
        product = f"product_{rng.randrange(products):02d}"
        lines.append(f"{start + timedelta(days=i % 730)},{region},{product},{1000 + rng.random() * 500:.2f},"
                     f"{rng.randrange(1, 40)},{rng.random() * 100:.2f},{rng.randrange(18, 80)}")
    return make_csv("sales.csv", "\n".join(lines) + "\n")


@pytest.fixture
def ws(make_csv, open_ws):
    return open_ws(_sales_csv(make_csv))


@pytest.fixture
def ctx(tmp_path):
    return ToolContext(output_dir=tmp_path / "out")


def chart(ws, ctx, **spec):
    return make_chart(ws, ChartSpec(**spec), ctx)


def saved_csv(result):
    with open(result.data_path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


KINDS = [
    dict(kind="bar", x="region", y="revenue", aggregate="mean"),
    dict(kind="grouped_bar", x="region", y="units", color="product", aggregate="sum"),
    dict(kind="stacked_bar", x="region", y="units", color="product", aggregate="sum"),
    dict(kind="line", x="date", y="revenue", aggregate="sum"),
    dict(kind="area", x="date", y="units", aggregate="sum", color="region"),
    dict(kind="scatter", x="price", y="revenue", color="region"),
    dict(kind="histogram", x="age"),
    dict(kind="box", x="region", y="price"),
    dict(kind="heatmap", x="region", y="product", color="units", aggregate="sum"),
    dict(kind="pie", x="region"),
]


@pytest.mark.parametrize("spec", KINDS, ids=[s["kind"] for s in KINDS])
def test_each_kind_saves_image_spec_and_data(ws, ctx, spec):
    result = chart(ws, ctx, **spec)
    assert result.spec["kind"] == spec["kind"]
    with open(result.path, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
    rows = saved_csv(result)
    assert rows[0] == result.columns and len(rows) - 1 == len(result.rows) > 0
    record = json.loads(open(result.spec_path, encoding="utf-8").read())
    assert record["spec"]["kind"] == spec["kind"] and record["sql"] == result.sql
    assert record["files"]["image"] == result.path
    assert result.draw["kind"] == spec["kind"]
    assert result.to_json()["data"]["rows"] == result.rows


def test_bar_mean_matches_duckdb_and_axis_starts_at_zero(ws, ctx):
    result = chart(ws, ctx, kind="bar", x="region", y="revenue", aggregate="mean")
    assert "avg(revenue)" in result.sql and "GROUP BY" in result.sql
    got = {r[0]: r[1] for r in result.rows}
    for region in REGIONS:
        want = ws.scalar("SELECT avg(revenue) FROM sales WHERE region = ?", [region])
        assert got[region] == pytest.approx(want)
    # values are all 1,000-1,500: a bar axis that did not start at zero would exaggerate differences (D3)
    assert result.draw["value_axis"][0] == 0
    assert result.draw["y_lim"][0] == 0
    assert result.title == "Average revenue by region"
    assert "2023-01-01 to 2024-12-30" in result.draw["subtitle"]


def test_tiny_averages_that_are_most_of_the_chart_are_drawn_and_said(make_csv, open_ws, tmp_path):
    # one reading a day per station: every daily average rests on one row; hiding them (D1) drew an empty chart
    text = "day,station,pm25\n" + "".join(f"2024-01-{d:02d},{s},{10 + d + i}\n" for d in range(1, 29)
                                           for i, s in enumerate(["north", "south"]))
    ws = open_ws(make_csv("readings.csv", text))
    result = make_chart(ws, ChartSpec(kind="line", x="day", y="pm25", color="station", aggregate="mean",
                                      time_grain="day"), ToolContext(output_dir=tmp_path))
    assert all(r[2] is not None for r in result.rows) and result.hidden_groups == []
    assert any("56 of the 56 values come from fewer than 5 rows" in n for n in result.notes)
    assert len(result.small_groups) == 56  # still marked as small groups


def test_small_groups_are_hatched_and_tiny_averages_hidden(make_csv, open_ws, tmp_path):
    ws = open_ws(_sales_csv(make_csv, tiny_region=3))
    result = make_chart(ws, ChartSpec(kind="bar", x="region", y="revenue", aggregate="mean"),
                        ToolContext(output_dir=tmp_path))
    tiny = next(r for r in result.rows if r[0] == "Tiny")
    assert tiny[1] is None  # an average of 3 rows is not shown (D1)
    assert "Tiny" in result.small_groups and "Tiny" in result.draw["hatched"]
    assert any("fewer than 20 rows" in n for n in result.notes)
    assert result.count_column == "rows"
    control = chart(ws, ToolContext(output_dir=tmp_path), kind="bar", x="region")  # counts are exact: not marked
    assert control.small_groups == []


def test_top_n_and_other_keeps_the_total(ws, ctx):
    result = chart(ws, ctx, kind="bar", x="product", y="units", aggregate="sum")
    labels = [r[0] for r in result.rows]
    assert len(labels) == 20 and labels[-1] == "Other (11 more)"
    assert sum(r[1] for r in result.rows) == ws.scalar("SELECT sum(units) FROM sales")
    assert any("top 19" in n for n in result.notes)
    explicit = chart(ws, ctx, kind="bar", x="product", y="units", aggregate="sum", top_n=5)
    assert len(explicit.rows) == 6 and explicit.rows[-1][0].startswith("Other")


def test_an_asked_top_n_of_an_average_keeps_the_largest_averages(ws, ctx):
    # by row count (what lumping many groups uses) these would be other products than the top 3 averages
    result = chart(ws, ctx, kind="bar", x="product", y="units", aggregate="mean", top_n=3)
    want = [r[0] for r in ws.query("SELECT product FROM sales GROUP BY 1 ORDER BY avg(units) DESC, 1 LIMIT 3").rows]
    assert [r[0] for r in result.rows[:3]] == want and result.rows[-1][0].startswith("Other")
    lumped = chart(ws, ctx, kind="bar", x="product", y="units", aggregate="mean")  # 30 products: lumped by rows
    by_rows = [r[0] for r in ws.query("SELECT product FROM sales GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 19").rows]
    assert {r[0] for r in lumped.rows[:-1]} == set(by_rows)


def test_bars_by_their_labels_from_z_to_a(ws, ctx):
    result = chart(ws, ctx, kind="bar", x="region", y="revenue", aggregate="mean", sort="x_desc")
    labels = [r[0] for r in result.rows]
    assert labels == sorted(labels, reverse=True) and result.spec["sort"] == "x_desc"
    grouped = chart(ws, ctx, kind="grouped_bar", x="region", color="product", aggregate="count", sort="x_desc",
                    where="product IN ('product_01', 'product_02')")
    xs = list(dict.fromkeys(r[0] for r in grouped.rows))
    assert xs == sorted(xs, reverse=True)
    assert grouped.draw["categories"] == xs  # drawn in that order, not re-sorted by the bars' totals


def test_line_over_time_is_sorted_with_an_automatic_grain(ws, ctx):
    result = chart(ws, ctx, kind="line", x="date", y="revenue", sort="y_desc")
    assert result.spec["time_grain"] == "month" and result.spec["aggregate"] == "sum"
    dates = [r[0] for r in result.rows]
    assert dates == sorted(dates) and len(dates) == 24
    assert result.draw["x_sorted"] is True
    assert any("time order" in n for n in result.notes)
    assert result.title == "Total revenue per month"
    # the data end on 2024-12-30: December's total is short of a day, and the notes say so
    assert any("the last month (data up to 2024-12-30)" in n for n in result.notes)
    means = chart(ws, ctx, kind="line", x="date", y="revenue", aggregate="mean")
    assert not any("Partial" in n for n in means.notes)  # an average is not lowered by a short period


def test_histogram_bins_count_every_row(ws, ctx):
    result = chart(ws, ctx, kind="histogram", x="price", bins=10)
    assert sum(r[-1] for r in result.rows) == 730
    edges = [(r[0], r[1]) for r in result.rows]
    assert all(a[1] == pytest.approx(b[0]) for a, b in zip(edges, edges[1:]))  # no gaps: every bin is a row
    assert result.draw["bin_width"] == 10  # a round width near 100 / 10
    assert result.draw["value_axis"][0] == 0


def test_box_quartiles_are_computed_in_duckdb(ws, ctx):
    result = chart(ws, ctx, kind="box", x="region", y="price")
    assert "quantile_cont" in result.sql
    row = dict(zip(result.columns, next(r for r in result.rows if r[0] == "North")))
    prices = [r[0] for r in ws.query("SELECT price FROM sales WHERE region = 'North'", max_rows=10_000).rows]
    q1, med, q3 = statistics.quantiles(prices, n=4, method="inclusive")
    assert (row["q1"], row["median"], row["q3"]) == pytest.approx((q1, med, q3))
    assert row["rows"] == len(prices)
    assert "fliers" not in result.columns


def test_scatter_samples_large_tables_and_says_so(make_csv, open_ws, tmp_path):
    rng = random.Random(3)
    lines = ["a,b"] + [f"{rng.random():.5f},{rng.random():.5f}" for _ in range(12_000)]
    ws = open_ws(make_csv("big.csv", "\n".join(lines) + "\n"))
    result = make_chart(ws, ChartSpec(kind="scatter", x="a", y="b"), ToolContext(output_dir=tmp_path))
    assert len(result.rows) == 5000 and result.sample_of == 12_000
    assert "USING SAMPLE" in result.sql
    assert any("sample of 5,000 of 12,000" in n for n in result.notes)


def test_a_scatter_says_the_correlation_of_every_pair_not_of_the_sample(make_csv, open_ws, tmp_path):
    rng = random.Random(5)
    xs = [rng.random() for _ in range(12_000)]
    lines = ["a,b,c"] + [f"{x:.5f},{2 * x + rng.random() * 0.01:.5f}," + ("" if i % 4 == 0 else f"{rng.random():.4f}")
                         for i, x in enumerate(xs)]
    ws = open_ws(make_csv("pairs.csv", "\n".join(lines) + "\n"))
    result = make_chart(ws, ChartSpec(kind="scatter", x="a", y="b"), ToolContext(output_dir=tmp_path / "ab"))
    assert "Pearson correlation of b and a: r = 1.00 over 12,000 pairs." in result.notes
    result = make_chart(ws, ChartSpec(kind="scatter", x="a", y="c"), ToolContext(output_dir=tmp_path / "ac"))
    assert any(n.startswith("Pearson correlation of c and a: r = ") and "over 9,000 pairs" in n for n in result.notes)


def test_heatmap_counts_add_up(ws, ctx):
    result = chart(ws, ctx, kind="heatmap", x="region", y="product")
    assert sum(r[2] for r in result.rows) == 730
    assert result.draw["cells"][1] == 5


def test_pie_of_many_parts_becomes_a_bar(ws, ctx):
    small = chart(ws, ctx, kind="pie", x="region")
    assert small.spec["kind"] == "pie" and small.draw["parts"] == 5
    many = chart(ws, ctx, kind="pie", x="product")
    assert many.spec["kind"] == "bar" and any("pie with 30 parts" in n for n in many.notes)


def test_log_scale_is_dropped_on_bars_and_kept_on_lines(ws, ctx):
    bars = chart(ws, ctx, kind="bar", x="region", y="units", log_y=True)
    assert bars.spec["log_y"] is False and bars.draw["y_scale"] == "linear"
    assert any("Log scale switched off" in n for n in bars.notes)
    line = chart(ws, ctx, kind="line", x="date", y="units", log_y=True)
    assert line.draw["y_scale"] == "log" and not any("Log scale" in n for n in line.notes)


def test_unknown_column_says_did_you_mean(ws, ctx):
    with pytest.raises(ModelError, match="Did you mean 'revenue'"):
        chart(ws, ctx, kind="bar", x="region", y="revenu")
    # case, spacing and plural differences are the same column
    assert chart(ws, ctx, kind="bar", x="Regions", y="REVENUE").spec["x"] == "region"


def test_where_filter_is_checked(ws, ctx):
    result = chart(ws, ctx, kind="bar", x="region", where="units > 20")
    assert sum(r[1] for r in result.rows) == ws.scalar("SELECT count(*) FROM sales WHERE units > 20")
    with pytest.raises(ModelError):
        chart(ws, ctx, kind="bar", x="region", where="units > (SELECT 1)")
    with pytest.raises(ModelError, match="unit"):
        chart(ws, ctx, kind="bar", x="region", where="unitz > 3")


def test_files_are_never_overwritten(ws, ctx):
    ctx.output_dir.mkdir(parents=True)
    squatter = ctx.output_dir / "number-of-sales-by-region.png"
    squatter.write_bytes(b"mine")
    first = chart(ws, ctx, kind="bar", x="region")
    second = chart(ws, ctx, kind="bar", x="region")
    assert squatter.read_bytes() == b"mine"
    assert first.path.endswith("number-of-sales-by-region-2.png")
    assert second.path.endswith("number-of-sales-by-region-3.png")
    assert len({first.data_path, second.data_path, first.spec_path, second.spec_path}) == 4


def test_svg_on_request(ws, ctx):
    result = chart(ws, ctx, kind="bar", x="region", format="svg")
    assert result.path.endswith(".svg") and b"<svg" in open(result.path, "rb").read(400)


def test_small_model_slips_are_repaired(ws, ctx):
    counted = chart(ws, ctx, kind="bar", x="region", y="count")
    assert counted.spec["y"] is None and counted.spec["aggregate"] == "count"
    scatter_of_category = chart(ws, ctx, kind="scatter", x="region", y="price")
    assert scatter_of_category.spec["kind"] == "box" and scatter_of_category.notes


def test_compact_tool_schema_has_every_field():
    props = chart_tool_schema()["function"]["parameters"]["properties"]
    assert list(props) == list(ChartSpec.model_fields)
    assert props["kind"]["enum"][0] == "bar"


def test_many_periods_of_split_bars_become_lines(ws, ctx):
    result = chart(ws, ctx, kind="stacked_bar", x="date", y="units", color="region", aggregate="sum")
    assert result.spec["kind"] == "line" and result.spec["time_grain"] == "month"
    assert any("periods of bars" in n for n in result.notes)


def test_a_line_over_categories_runs_over_the_time_column(ws, ctx):
    result = chart(ws, ctx, kind="line", x="region", y="revenue", aggregate="sum")
    assert (result.spec["x"], result.spec["color"]) == ("date", "region")


def test_terminal_preview_adds_up_totals_but_not_averages_across_series(ws, ctx):
    summed = chart(ws, ctx, kind="grouped_bar", x="region", y="units", color="product", aggregate="sum")
    assert summed.preview["what"] == "total over series"
    by_region = dict(ws.query("SELECT region, sum(units) FROM sales GROUP BY 1").rows)
    assert dict(zip(summed.preview["labels"], summed.preview["values"])) == pytest.approx(by_region)
    # an average per product does not add up across products: the preview shows one product alone
    averaged = chart(ws, ctx, kind="grouped_bar", x="region", y="units", color="product", aggregate="mean")
    first = averaged.preview["what"].split(" = ", 1)[1]
    assert averaged.preview["what"] == f"product = {first}"
    want = {row[0]: row[2] for row in averaged.rows if row[1] == first and row[2] is not None}
    assert want and dict(zip(averaged.preview["labels"], averaged.preview["values"])) == pytest.approx(want)


def test_the_text_preview_shows_the_lumped_rest_last_as_the_image_does(make_csv, open_ws, ctx):
    # bars of a mean split by region: the preview shows the first region, and "Other" sorts before "p..."
    rows = [f"p{i % 30},{i % 7 + 1},{'north' if i % 2 else 'south'}" for i in range(300)]
    ws = open_ws(make_csv("lines.csv", "product,units,region\n" + "\n".join(rows) + "\n"))
    result = chart(ws, ctx, kind="bar", x="product", y="units", color="region", aggregate="mean")
    labels = result.preview["labels"]
    assert labels[-1].startswith("Other (") and not any(x.startswith("Other") for x in labels[:-1])


def test_a_long_subtitle_is_broken_between_its_parts_and_stays_inside_the_figure():
    # A filter's SQL in the subtitle ran off the right edge of an 7-inch figure.
    from dsagent.tools.chart.draw import _wrapped

    subtitle = ("date 2023-01-01 to 2023-03-31 · 360 rows of daily_sales · where \"date\" >= DATE '2023-01-01' "
                "AND \"date\" < DATE '2023-03-31' + INTERVAL 1 DAY")
    lines = _wrapped(subtitle, 84).split("\n")
    assert lines == ["date 2023-01-01 to 2023-03-31 · 360 rows of daily_sales",
                     "where \"date\" >= DATE '2023-01-01' AND \"date\" < DATE '2023-03-31' + INTERVAL 1 DAY"]
    assert _wrapped("900 rows of passengers", 84) == "900 rows of passengers"
    assert all(len(line) <= 40 for line in _wrapped(subtitle, 40).split("\n"))


@pytest.mark.parametrize("sort,expect", [
    (None, ["low", "medium", "high", "urgent"]),  # a scale's order, not the largest bar first
    ("x", ["low", "medium", "high", "urgent"]),
    ("y_desc", ["medium", "low", "urgent", "high"]),  # sorted by value when the request asked so
])
def test_bars_of_an_ordered_scale_come_in_its_order(make_csv, open_ws, ctx, sort, expect):
    counts = {"low": 30, "medium": 40, "high": 10, "urgent": 20}
    path = make_csv("tickets.csv", "id,priority\n" + "".join(
        f"{i},{p}\n" for i, p in enumerate(p for p, n in counts.items() for _ in range(n))))
    result = chart(open_ws(path), ctx, kind="bar", x="priority", aggregate="count", sort=sort)
    assert [row[0] for row in saved_csv(result)[1:]] == expect


def test_stacks_of_an_ordered_scale_keep_its_order_in_the_bars_and_the_stack(make_csv, open_ws, ctx):
    answers = ["agree"] * 30 + ["strongly disagree"] * 5 + ["neutral"] * 40 + ["disagree"] * 10
    path = make_csv("survey.csv", "id,team,answer\n" + "".join(
        f"{i},{('ops', 'it')[i % 2]},{a}\n" for i, a in enumerate(answers)))
    ws = open_ws(path)
    by_team = chart(ws, ctx, kind="stacked_bar", x="team", color="answer", aggregate="count")
    assert by_team.draw["series"] == ["strongly disagree", "disagree", "neutral", "agree"]  # not largest first
    by_answer = chart(ws, ctx, kind="stacked_bar", x="answer", color="team", aggregate="count")
    assert by_answer.draw["categories"] == ["strongly disagree", "disagree", "neutral", "agree"]
