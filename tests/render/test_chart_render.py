"""Chart lint switches and the terminal view (text preview, notes, file links)."""

from __future__ import annotations

import pytest
from rich.console import Console

from dsagent.render.answer import render_result
from dsagent.render.chart import bar_lines, column_lines
from dsagent.tools.base import ToolContext
from dsagent.tools.chart.tool import ChartSpec, make_chart


@pytest.fixture
def ws(make_csv, open_ws):
    lines = ["city,kind,price,area,sold"]
    for i in range(200):
        lines.append(f"{['Lima', 'Quito', 'Cali'][i % 3]},{['flat', 'house'][i % 2]},{100 + i * 3},{30 + i % 57},"
                     f"{['yes', 'no'][i % 5 == 0]}")
    return open_ws(make_csv("homes.csv", "\n".join(lines) + "\n"))


def draw(ws, tmp_path, **spec):
    return make_chart(ws, ChartSpec(**spec), ToolContext(output_dir=tmp_path))


def test_pie_of_averages_becomes_a_bar(ws, tmp_path):
    result = draw(ws, tmp_path, kind="pie", x="city", y="price", aggregate="mean")
    assert result.spec["kind"] == "bar" and "not one" in result.notes[0]


def test_histogram_of_text_becomes_counts(ws, tmp_path):
    result = draw(ws, tmp_path, kind="histogram", x="city")
    assert result.spec["kind"] == "bar" and sum(r[1] for r in result.rows) == 200


def test_counts_per_many_numbers_become_a_histogram(ws, tmp_path):
    result = draw(ws, tmp_path, kind="bar", x="area")  # 57 distinct values
    assert result.spec["kind"] == "histogram" and any("histogram" in n for n in result.notes)
    few = draw(ws, tmp_path, kind="bar", x="city")
    assert few.spec["kind"] == "bar"


def test_scatter_colour_by_category_lists_series(ws, tmp_path):
    result = draw(ws, tmp_path, kind="scatter", x="area", y="price", color="kind")
    assert sorted(result.draw["series"]) == ["flat", "house"]
    assert result.title == "Price vs area by kind"


def test_terminal_view_shows_title_subtitle_preview_notes_and_links(ws, tmp_path):
    result = draw(ws, tmp_path, kind="bar", x="city", y="price", log_y=True, where="kind = 'flat'")
    # wide enough that the temp paths stay on one line (they are longer under pytest-xdist's workers)
    console = Console(record=True, width=200, color_system=None)
    render_result(result, console)
    text = console.export_text(clear=False)
    assert result.title in text
    assert "100 rows of homes · where kind = 'flat'" in text  # which rows, as under the image's title
    assert "Lima" in text and "█" in text
    assert "note: Log scale switched off" in text
    assert f"chart: {result.path}" in text and f"data: {result.data_path}" in text
    html = console.export_html()
    assert "file://" in html  # the path is a hyperlink in terminals that support it


def test_text_bars_scale_to_the_largest_value():
    lines = bar_lines(["a", "bbb"], [10.0, 5.0], width=20)
    assert lines[0].count("█") == 20 and lines[1].count("█") == 10
    assert lines[1].rstrip().endswith("5")


def test_text_columns_have_the_requested_height():
    rows = column_lines([0, 4, 8], height=4, width=3)
    assert len(rows) == 4 and rows[0][2] == "█" and rows[-1][0] == " "


def test_pie_of_negative_parts_and_log_of_zero_are_refused(make_csv, open_ws, tmp_path):
    ws = open_ws(make_csv("pl.csv", "unit,profit\na,5\nb,-3\nc,0\n"))
    pie = draw(ws, tmp_path, kind="pie", x="unit", y="profit", aggregate="sum")
    assert pie.spec["kind"] == "bar" and any("negative" in n for n in pie.notes)
    line = draw(ws, tmp_path, kind="line", x="unit", y="profit", aggregate="sum", log_y=True)
    assert line.draw["y_scale"] == "linear" and any("zero or negative" in n for n in line.notes)


def test_bare_multiword_columns_in_a_filter_are_quoted(make_csv, open_ws, tmp_path):
    ws = open_ws(make_csv("films.csv", "Release Year,Major Genre,Gross\n1990,Drama,5\n2000,Drama,7\n2005,Action,9\n"))
    result = draw(ws, tmp_path, kind="bar", x="Major Genre", y="Gross", aggregate="sum",
                  where="Release Year BETWEEN 1995 AND 2009 AND Major Genre <> 'Release Year'")
    assert result.spec["where"].startswith('"Release Year" BETWEEN')
    assert sorted(tuple(r[:2]) for r in result.rows) == [("Action", 9), ("Drama", 7)]


def test_sums_over_many_numbers_are_binned_with_range_labels(ws, tmp_path):
    result = draw(ws, tmp_path, kind="bar", x="price", y="sold", aggregate="count")  # 200 prices: a histogram
    assert result.spec["kind"] == "histogram"
    sums = draw(ws, tmp_path, kind="bar", x="price", y="area", aggregate="sum")
    assert len(sums.rows) <= 20 and any("binned into intervals" in n for n in sums.notes)
    assert sum(r[1] for r in sums.rows) == sum(30 + i % 57 for i in range(200))
    assert sums.draw["categories"][0] == "100–150"


def test_the_persons_words_fill_an_omitted_aggregate(ws, tmp_path):
    ctx = ToolContext(output_dir=tmp_path, question="total price per city")
    result = make_chart(ws, ChartSpec(kind="bar", x="city", y="price"), ctx)
    assert result.spec["aggregate"] == "sum"
    ctx.question = "price per city"  # no word: the default for a price is the mean
    assert make_chart(ws, ChartSpec(kind="bar", x="city", y="price"), ctx).spec["aggregate"] == "mean"


def test_two_measures_and_a_category_make_a_coloured_scatter(ws, tmp_path):
    result = draw(ws, tmp_path, kind="scatter", x="city", y="price", color="area")
    assert (result.spec["x"], result.spec["y"], result.spec["color"]) == ("area", "price", "city")
    bars = draw(ws, tmp_path, kind="bar", x="price", y="area")  # 200 distinct prices, no aggregate asked
    assert bars.spec["kind"] == "scatter" and any("as a point" in n for n in bars.notes)


def test_a_continuous_colour_does_not_split_bars(ws, tmp_path):
    result = draw(ws, tmp_path, kind="bar", x="city", color="price")
    assert result.spec["color"] is None and result.spec["kind"] == "bar"
    assert any("cannot split" in n for n in result.notes)
    few = draw(ws, tmp_path, kind="bar", x="city", color="kind")
    assert few.spec["kind"] == "grouped_bar"


def test_box_per_identifier_becomes_one_box(make_csv, open_ws, tmp_path):
    ws = open_ws(make_csv("ids.csv", "name,score\n" + "".join(f"n{i},{i % 17}\n" for i in range(60))))
    result = draw(ws, tmp_path, kind="box", x="name", y="score")
    assert result.spec["x"] is None and len(result.rows) == 1 and "one box" in result.notes[0]


def test_tick_labels_keep_the_digits_a_round_tick_needs():
    from dsagent.tools.chart.style import fmt_number

    assert [fmt_number(v) for v in (1.25e9, 1.5e9, 1.75e9)] == ["1.25B", "1.5B", "1.75B"]  # not 1.2B / 1.8B
    assert fmt_number(1_723_456) == "1.7M" and fmt_number(2e6) == "2M"  # values keep one decimal


def test_split_histogram_draws_empty_bins_as_zero(make_csv, open_ws, tmp_path):
    lines = ["gears,make"] + [f"{g},{m}" for g, m in [(3, "a"), (4, "a"), (4, "b"), (6, "b"), (6, "a")] * 10]
    ws = open_ws(make_csv("cars.csv", "\n".join(lines) + "\n"))
    result = draw(ws, tmp_path, kind="histogram", x="gears", color="make")
    # no car has 5 gears: the 5 bin is drawn (at zero), so 6 is not drawn twice as wide
    assert result.draw["edges"] == [2.5, 3.5, 4.5, 5.5, 6.5]


def test_scatter_groups_differ_in_shape_as_well_as_colour(ws, tmp_path):
    result = draw(ws, tmp_path, kind="scatter", x="price", y="area", color="city")
    assert len(set(result.draw["markers"])) == len(result.draw["series"]) == 3


def test_box_over_a_number_with_many_values_uses_ranges(make_csv, open_ws, tmp_path):
    lines = ["score,value"] + [f"{i % 101},{(i * 7) % 50}" for i in range(1000)]
    ws = open_ws(make_csv("scores.csv", "\n".join(lines) + "\n"))
    result = make_chart(ws, ChartSpec(kind="box", x="score", y="value"),
                        ToolContext(output_dir=tmp_path, question="box plot of value per score"))
    groups = result.draw["groups"]
    assert len(groups) == 10 and groups[0] == "0–10" and groups[-1] == "90–100"  # 100 closes the last range
    assert sum(r[result.columns.index("rows")] for r in result.rows) == 1000


def test_legend_swatches_are_plain_when_one_group_is_hatched(make_csv, open_ws, tmp_path):
    lines = ["shop,tier,price"] + [f"s{i % 3},{'gold' if i < 8 else 'basic'},{10 + i}" for i in range(120)]
    ws = open_ws(make_csv("shops.csv", "\n".join(lines) + "\n"))
    result = draw(ws, tmp_path, kind="grouped_bar", x="shop", y="price", color="tier", aggregate="mean")
    assert result.draw["hatched"]  # the few 'gold' rows are hatched in the bars ...
    assert result.draw["legend_hatched"] == []  # ... but the legend's swatch for 'gold' is a plain colour


def test_bars_below_zero_get_a_zero_line(make_csv, open_ws, tmp_path):
    lines = ["shop,profit"] + [f"s{i % 3},{(i % 3 - 1) * 10 + i % 5}" for i in range(60)]
    ws = open_ws(make_csv("profit.csv", "\n".join(lines) + "\n"))
    result = draw(ws, tmp_path, kind="bar", x="shop", y="profit", aggregate="sum")
    assert result.draw["value_axis"][0] < 0 and result.draw.get("zero_line") is True
    positive = draw(ws, tmp_path, kind="bar", x="shop")
    assert "zero_line" not in positive.draw


def test_the_preview_of_a_rate_writes_percentages_as_the_image_does(make_csv, open_ws, tmp_path):
    """The PNG of a rate says 66.1 %; its text preview said 0.661."""
    lines = ["city,sold"] + [f"{['Lima', 'Quito'][i % 2]},{int(i % 4 == 0)}" for i in range(40)]
    ws = open_ws(make_csv("sales.csv", "\n".join(lines) + "\n"))
    result = draw(ws, tmp_path, kind="bar", x="city", y="sold", aggregate="mean")
    assert result.preview["percent"] is True
    console = Console(record=True, width=100)
    render_result(result, console)
    text = console.export_text()
    assert "50%" in text and " 0.5\n" not in text
    plain = draw(ws, tmp_path, kind="bar", x="city", aggregate="count")
    assert plain.preview["percent"] is False
