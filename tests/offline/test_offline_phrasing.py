"""Offline planner phrasing classes beyond the fixture files: what is a guess, and what links where."""

from __future__ import annotations


import pytest

from dsagent.offline.planner import Planner
from dsagent.offline.columns import Column
from dsagent.offline.linker import is_place_column
from dsagent.data.workspace import Workspace
from conftest import FIXTURES

DATA = FIXTURES / "offline" / "data"


@pytest.fixture(scope="module")
def exports():
    ws = Workspace.open([str(DATA / "exports.csv")])
    yield Planner.for_workspace(ws)
    ws.close()


@pytest.mark.parametrize("question", ["average freigt cost by product line",  # a typo of a word of a name
                                      "average return on investment by country",  # initials of ROI
                                      "average profitability by product line"])  # a derivation of profit
def test_near_readings_answer_but_are_not_confident(exports, question):
    plan = exports.plan(question)
    assert plan.intent == "query" and not plan.confident  # hybrid mode hands these to the model


def test_exact_readings_stay_confident(exports):
    for question in ("average weight by country", "average freight cost for different product lines",
                     "average freight cost by number of containers"):
        assert exports.plan(question).confident, question


def test_place_column_needs_most_values_to_be_places():
    col = Column("t", "origin", "VARCHAR", "text", 4, ["USA", "Japan", "Europe", "Mars"])
    assert is_place_column(col)
    assert not is_place_column(Column("t", "team", "VARCHAR", "text", 3, ["Spain", "Lions", "Tigers"]))
    assert not is_place_column(Column("t", "region", "VARCHAR", "text", 4, ["North", "South", "East", "West"]))


def test_a_column_named_region_beats_a_column_of_countries(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text("region,market,revenue\nNorth,Germany,10\nSouth,France,20\nNorth,Spain,5\n", encoding="utf-8")
    ws = Workspace.open([str(path)])
    try:
        planner = Planner.for_workspace(ws)
        assert planner.plan("total revenue by region").groups[0].column.name == "region"
        assert planner.plan("total revenue by country").groups[0].column.name == "market"
    finally:
        ws.close()


def test_chart_first_draws_panels_as_colours_and_notes_it(exports):
    plan = Planner(exports.index, exports.default_table, prefer="chart").plan(
        "average profit by product line, small multiples by destination")
    assert plan.intent == "chart" and plan.chart_color.name == "destination"
    assert any("colour" in n for n in plan.notes)


def test_bin_width_becomes_a_bin_count_from_the_range(exports):
    plan = exports.plan("histogram of weight, bin size 5")
    import math

    col = plan.chart_x
    assert plan.bins == math.ceil((float(col.max) - float(col.min)) / 5)


def test_chart_first_rereads_a_failed_table_request_of_two_columns_as_a_chart(exports):
    from dsagent.offline.grammar.roles import NotUnderstood

    with pytest.raises(NotUnderstood):
        exports.plan("freight cost by weight and destination")  # no table answers this
    chart_first = Planner(exports.index, exports.default_table, prefer="chart")
    plan = chart_first.plan("freight cost by weight and destination")
    assert (plan.chart_kind, plan.chart_x.name, plan.chart_y.name, plan.chart_color.name) == \
        ("scatter", "weight", "freight_cost", "destination")
    for question in ("freight cost in 2023",  # one column: total or average is the open question
                     "which destination has the highest freight cost for each product line"):  # a lookup
        with pytest.raises(NotUnderstood):
            chart_first.plan(question)
    with pytest.raises(NotUnderstood):  # not inside a conversation, where the words may refer back
        chart_first.plan("freight cost by weight and destination", ["average profit by product line"])


def test_bars_of_a_number_are_its_histogram_as_a_guess(exports):
    plan = exports.plan("bar chart of weight")
    assert plan.chart_kind == "histogram" and not plan.confident
    assert exports.plan("histogram of weight").confident


def test_split_bars_stack_only_what_adds_up(exports):
    chart_first = Planner(exports.index, exports.default_table, prefer="chart")
    assert chart_first.plan("total profit by product line and destination").chart_kind == "stacked_bar"
    assert chart_first.plan("number of shipments by product line and destination").chart_kind == "stacked_bar"
    # stacked averages would draw a sum of averages: side by side instead
    assert chart_first.plan("average profit by product line and destination").chart_kind == "grouped_bar"
    assert exports.plan("plot average profit by product line and destination").chart_kind == "grouped_bar"


def test_axis_words_give_way_to_columns_named_x_and_y(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("x,y,label\n1,2,a\n5,3,b\n5,9,c\n", encoding="utf-8")
    ws = Workspace.open([str(path)])
    try:
        plan = Planner.for_workspace(ws).plan("rows where x = 5")
        assert plan.intent == "rows" and plan.filters[0].column.name == "x" and plan.filters[0].value == 5
    finally:
        ws.close()
