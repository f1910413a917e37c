"""A small model's chart spec corrected by the request's words (tools/chart_intent.py), spec in, drawn spec out.

The specs are the kind of slips a small model makes; the table is made up (homes for sale), so no rule
can lean on a benchmark's column names.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from dsagent.errors import ModelError
from dsagent.tools.base import ToolContext
from dsagent.tools.chart.tool import ChartSpec, make_chart

CITIES = ["Aldport", "Brenna", "Corvel", "Dunmore", "Eastwick"]


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    from dsagent.data.workspace import Workspace

    rng = random.Random(11)
    lines = ["listing_id,price,area,rooms,city,agent_name,built_year,listed_on,sold"]
    for i in range(400):
        area = rng.randrange(40, 260)
        lines.append(f"L{i:04d},{area * rng.uniform(2500, 4000):.2f},{area},{rng.randrange(1, 7)},{CITIES[i % 5]},"
                     f"agent {i % 300},{rng.randrange(1950, 2021)},{date(2023, 1, 1) + timedelta(days=i)},"
                     f"{rng.randrange(2)}")
    path = tmp_path_factory.mktemp("homes") / "homes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = Workspace.open([str(path)])
    yield ws
    ws.close()


def drawn(ws, tmp_path, question: str, **spec) -> dict:
    result = make_chart(ws, ChartSpec(**spec), ToolContext(output_dir=tmp_path, question=question))
    return {**result.spec, "notes": result.notes}


def test_a_named_histogram_is_drawn(ws, tmp_path):
    got = drawn(ws, tmp_path, "histogram of prices", kind="bar", x="price", y="area")
    assert (got["kind"], got["x"], got["y"]) == ("histogram", "price", None)
    assert any("histogram the request asks for" in n for n in got["notes"])


def test_distribution_is_a_histogram_or_a_box_per_category(ws, tmp_path):
    hist = drawn(ws, tmp_path, "distribution of area", kind="bar", x="area", aggregate="count")
    assert (hist["kind"], hist["x"]) == ("histogram", "area")
    box = drawn(ws, tmp_path, "distribution of price for each city", kind="bar", x="city", y="price",
                aggregate="mean")
    assert (box["kind"], box["x"], box["y"]) == ("box", "city", "price")


def test_a_measure_on_colour_makes_a_scatter_coloured_by_the_category(ws, tmp_path):
    got = drawn(ws, tmp_path, "price and area by city", kind="bar", x="city", y="price", color="area")
    assert (got["kind"], got["color"]) == ("scatter", "city")
    assert {got["x"], got["y"]} == {"price", "area"}


def test_scatter_of_a_category_takes_the_second_measure_from_the_words(ws, tmp_path):
    # the model put the category on x: without the words this would be a box plot of price per city
    got = drawn(ws, tmp_path, "scatter plot of price vs area, one per city", kind="scatter", x="city", y="price")
    assert (got["kind"], got["x"], got["y"], got["color"]) == ("scatter", "area", "price", "city")


def test_scatter_axes_follow_vs_and_against(ws, tmp_path):
    vs = drawn(ws, tmp_path, "area vs price", kind="scatter", x="area", y="price")
    assert (vs["x"], vs["y"]) == ("price", "area")  # "a plot of y versus x"
    against = drawn(ws, tmp_path, "plot price against area", kind="scatter", x="price", y="area")
    assert (against["x"], against["y"]) == ("area", "price")
    plain = drawn(ws, tmp_path, "price and area", kind="scatter", x="price", y="area")
    assert (plain["x"], plain["y"]) == ("price", "area")  # no order in the words: the model's stands


def test_bars_of_one_measure_by_another_are_a_scatter(ws, tmp_path):
    got = drawn(ws, tmp_path, "how does price vary with area in each city", kind="grouped_bar", x="area",
                y="price", color="city", aggregate="mean")
    assert (got["kind"], got["x"], got["y"], got["color"]) == ("scatter", "area", "price", "city")
    asked = drawn(ws, tmp_path, "average price by area", kind="bar", x="area", y="price", aggregate="mean")
    assert asked["kind"] == "bar"  # the person asked for an average: binned bars, not points


def test_an_average_drawn_as_a_scatter_is_aggregated(ws, tmp_path):
    line = drawn(ws, tmp_path, "average price vs year built", kind="scatter", x="price", y="built_year")
    assert (line["kind"], line["x"], line["y"], line["aggregate"]) == ("line", "built_year", "price", "mean")
    bars = drawn(ws, tmp_path, "average price by number of rooms", kind="scatter", x="rooms", y="price")
    assert (bars["kind"], bars["x"], bars["y"], bars["aggregate"]) == ("bar", "rooms", "price", "mean")


def test_a_named_category_left_out_splits_the_chart(ws, tmp_path):
    got = drawn(ws, tmp_path, "total price over time for each city", kind="line", x="listed_on", y="price",
                aggregate="sum")
    assert got["color"] == "city"
    named_ids = drawn(ws, tmp_path, "total price per month by agent name", kind="line", x="listed_on",
                      y="price", aggregate="sum")
    assert named_ids["color"] is None  # 300 agents do not make a readable split
    filtered = drawn(ws, tmp_path, "total price over time in the city of Aldport", kind="line", x="listed_on",
                     y="price", aggregate="sum", where="city = 'Aldport'")
    assert filtered["color"] is None  # the named column is the filter


def test_counts_when_the_request_names_no_measure(ws, tmp_path):
    got = drawn(ws, tmp_path, "how many listings were there in each city?", kind="bar", x="city", y="price",
                aggregate="sum")
    assert (got["y"], got["aggregate"]) == (None, "count")
    kept = drawn(ws, tmp_path, "how many rooms do homes in each city have on average", kind="bar", x="city",
                 y="rooms", aggregate="mean")
    assert (kept["y"], kept["aggregate"]) == ("rooms", "mean")
    synonym = drawn(ws, tmp_path, "how does the cost relate to the room count?", kind="bar", x="rooms", y="price")
    assert synonym["y"] == "price"  # "room count" names the rooms column; "cost" is the model's reading


def test_axis_named_outright(ws, tmp_path):
    got = drawn(ws, tmp_path, "average price by rooms and city, city on the x axis", kind="grouped_bar",
                x="rooms", y="price", color="city", aggregate="mean")
    assert (got["x"], got["color"]) == ("city", "rooms")


def test_a_named_grain_is_used(ws, tmp_path):
    got = drawn(ws, tmp_path, "monthly total price", kind="line", x="listed_on", y="price", aggregate="sum",
                time_grain="year")
    assert got["time_grain"] == "month"


def test_a_category_on_y_splits_the_bars(ws, tmp_path):
    got = drawn(ws, tmp_path, "", kind="stacked_bar", x="rooms", y="city")
    assert (got["kind"], got["x"], got["y"], got["color"], got["aggregate"]) == \
        ("stacked_bar", "rooms", None, "city", "count")


def test_no_request_no_word_rules(ws, tmp_path):
    got = drawn(ws, tmp_path, "", kind="bar", x="city", y="price", color="area")
    assert got["kind"] == "bar" and got["color"] is None  # the numeric colour is dropped, as before


def test_column_names_with_an_extra_word_or_one_word_resolve(ws, tmp_path):
    got = drawn(ws, tmp_path, "", kind="bar", x="City Name", y="Sale Price", aggregate="mean")
    assert (got["x"], got["y"]) == ("city", "price")


def test_an_expression_of_two_columns_is_a_scatter_of_them(ws, tmp_path):
    got = drawn(ws, tmp_path, "price per area by city", kind="bar", x="city", y="price/area")
    assert (got["kind"], got["x"], got["y"], got["color"]) == ("scatter", "area", "price", "city")
    with pytest.raises(ModelError, match="use kind=scatter with x='area' and y='price'"):
        drawn(ws, tmp_path, "", kind="heatmap", x="city", y="rooms", color="price/area")  # where no scatter fits


def test_a_filter_that_matches_nothing_says_what_the_column_holds(ws, tmp_path):
    with pytest.raises(ModelError, match="'built_year' runs from 19.. to 20.."):
        drawn(ws, tmp_path, "", kind="bar", x="city", where="built_year > 2100")
    ctx = ToolContext(output_dir=tmp_path, privacy="schema")
    with pytest.raises(ModelError) as err:
        make_chart(ws, ChartSpec(kind="bar", x="city", where="built_year > 2100"), ctx)
    assert "runs from" not in str(err.value) and "No rows match the filter" in str(err.value)


def test_the_measure_the_request_names_is_measured(ws, tmp_path):
    got = drawn(ws, tmp_path, "which city has the lowest average area?", kind="bar", x="city", y="price",
                aggregate="mean")
    assert got["y"] == "area" and any("which the request names" in n for n in got["notes"])


def test_a_histogram_without_x_takes_the_named_number(ws, tmp_path):
    got = drawn(ws, tmp_path, "histogram of areas with 20 bins", kind="histogram", bins=20)
    assert (got["kind"], got["x"]) == ("histogram", "area")


def test_a_row_count_written_as_a_column_is_a_count(ws, tmp_path):
    got = drawn(ws, tmp_path, "", kind="bar", x="city", y="ROWCOUNT")
    assert (got["y"], got["aggregate"]) == (None, "count")


def test_bars_over_many_years_become_a_line(ws, tmp_path):
    got = drawn(ws, tmp_path, "", kind="bar", x="built_year", y="price", aggregate="mean")
    assert got["kind"] == "line" and any("periods of bars" in n for n in got["notes"])


def test_a_chart_is_not_split_by_an_identifier(ws, tmp_path):
    got = drawn(ws, tmp_path, "price vs area by listing", kind="scatter", x="area", y="price", color="listing_id")
    assert got["color"] is None and any("without that split" in n for n in got["notes"])
    lines = drawn(ws, tmp_path, "", kind="line", x="listed_on", y="price", color="listing_id", aggregate="sum")
    assert lines["color"] is None
    by_city = drawn(ws, tmp_path, "price vs area by city", kind="scatter", x="area", y="price", color="city")
    assert by_city["color"] == "city"


def test_histogram_and_distribution_of_a_category_stay_counts(ws, tmp_path):
    hist = drawn(ws, tmp_path, "histogram of the count of each city, sorted by number of rooms", kind="bar",
                 x="city", aggregate="count")
    assert (hist["kind"], hist["x"], hist["color"]) == ("bar", "city", None)
    dist = drawn(ws, tmp_path, "distribution of cities by area", kind="stacked_bar", x="city", aggregate="count")
    assert (dist["kind"], dist["x"], dist["y"]) == ("bar", "city", None)


def test_a_time_series_of_bars_is_a_line_unless_bars_are_asked_for(ws, tmp_path):
    got = drawn(ws, tmp_path, "total price by month", kind="bar", x="listed_on", y="price", aggregate="sum")
    assert got["kind"] == "line" and got["time_grain"] == "month"  # 14 months
    bars = drawn(ws, tmp_path, "bar chart of total price by month", kind="bar", x="listed_on", y="price",
                 aggregate="sum")
    assert bars["kind"] == "bar"
