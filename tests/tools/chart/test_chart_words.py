"""Reading a chart request's words (tools/chart_words.py): named columns, kinds, axis order, grains."""

from __future__ import annotations

import pytest

from dsagent.tools.chart.words import asks_distribution, axis_named, grain_named, mentions, xy_order
from dsagent.words.charts import kind_named

COLUMNS = ["listing_id", "Asking Price", "Floor Area", "rooms", "City", "Sub-City", "agent_name", "Year Built",
           "listed_on", "Energy Rating", "Buyer Rating"]


def named(question: str) -> list[str]:
    return [m.column for m in mentions(question, COLUMNS)]


def test_whole_names_in_any_spelling_and_order():
    assert named("asking price vs floor_area per city") == ["Asking Price", "Floor Area", "City"]
    assert named("ROOMS by Cities") == ["rooms", "City"]  # case and plural


def test_one_distinctive_word_names_a_column_a_shared_word_names_none():
    assert named("price by area") == ["Asking Price", "Floor Area"]
    assert named("homes by rating") == []  # two columns are ratings: "rating" names neither
    assert named("energy rating by agent") == ["Energy Rating", "agent_name"]


def test_a_longer_name_claims_its_words_first():
    assert named("homes per sub-cities") == ["Sub-City"]
    assert named("sub-city and city") == ["Sub-City", "City"]


@pytest.mark.parametrize("text, kind", [
    ("a stacked bar chart of sales", "stacked_bar"), ("stack the bars by city", "stacked_bar"),
    ("scatterplot of price and area", "scatter"), ("show a time series of price", "line"),
    ("histograma de precios", "histogram"), ("box plot of price per city", "box"),
    ("bar graph of rooms", "bar"), ("price per city", None),
    ("average price grouped by city", None),  # "grouped by" asks for a split, not side-by-side bars
    ("grouped bar chart of price by city and rooms", "grouped_bar"),
])
def test_kind_named_outright(text, kind):
    assert kind_named(text) == kind


def test_distribution_words():
    assert asks_distribution("distribution of floor area") and asks_distribution("how is price distributed")
    assert not asks_distribution("price by city")


def test_axis_order_follows_the_joining_word():
    assert xy_order("asking price vs floor area", "Asking Price", "Floor Area", COLUMNS) == ("Floor Area", "Asking Price")
    assert xy_order("asking price against floor area", "Asking Price", "Floor Area", COLUMNS) == \
        ("Floor Area", "Asking Price")
    assert xy_order("asking price and floor area", "Asking Price", "Floor Area", COLUMNS) is None
    assert xy_order("asking price vs rooms", "Asking Price", "Floor Area", COLUMNS) is None  # area not named


def test_axes_named_outright():
    assert axis_named("City on the x axis and price on the y-axis", COLUMNS) == {"x": "City", "y": "Asking Price"}
    assert axis_named("x axis: rooms, y axis is floor area", COLUMNS) == {"x": "rooms", "y": "Floor Area"}
    assert axis_named("price by city", COLUMNS) == {}


def test_grain_named():
    assert grain_named("monthly asking price") == "month"
    assert grain_named("price by quarter") == "quarter"
    assert grain_named("ventas por año") == "year"
    assert grain_named("price by city") is None
    assert grain_named("daily and monthly price") is None  # two grains: the model's choice stands


def test_a_plural_column_name_is_named_in_the_singular():
    assert named("price per room") == ["Asking Price", "rooms"]
