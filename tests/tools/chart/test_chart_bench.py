"""The chart benchmark's scoring (bench/bench_charts.py), on inline Vega-Lite specs."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import REPO

BENCH = REPO / "bench" / "bench_charts.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_charts", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GROUPED = {"mark": {"type": "bar"}, "encoding": {
    "column": {"field": "Cylinders"}, "x": {"field": "Origin"},
    "y": {"aggregate": "mean", "field": "Acceleration", "axis": {"title": "AVG (Acceleration)"}},
    "color": {"field": "Origin"}}}
HISTOGRAM = {"mark": {"type": "bar"}, "encoding": {"x": {"bin": True, "field": "Weight"}, "y": {"aggregate": "count"}}}
MISLABELLED = {"mark": {"type": "bar"}, "encoding": {
    "x": {"field": "State"}, "y": {"field": "Profit", "aggregate": "sum", "axis": {"title": "AVG (Profit)"}}}}


def test_gold_facet_counts_as_the_split(bench):
    gold = bench.gold_encoding(GROUPED)
    assert gold == {"mark": "bar", "x": "Origin", "y": "Acceleration", "color": "Cylinders", "aggregate": "mean",
                    "bin": False, "aggregate_shown": "mean"}


def test_swapped_split_is_lenient_not_strict(bench):
    pred = bench.predicted_encoding({"kind": "grouped_bar", "x": "Cylinders", "y": "Acceleration", "color": "Origin",
                                     "aggregate": "mean"})
    s = bench.score(pred, bench.gold_encoding(GROUPED))
    assert s["lenient"] and not s["strict"]
    wrong = bench.predicted_encoding({"kind": "grouped_bar", "x": "Cylinders", "y": "MPG", "color": "Origin",
                                      "aggregate": "mean"})
    assert not bench.score(wrong, bench.gold_encoding(GROUPED))["lenient"]


def test_histogram_needs_binning(bench):
    gold = bench.gold_encoding(HISTOGRAM)
    hist = bench.predicted_encoding({"kind": "histogram", "x": "Weight", "aggregate": "count"})
    bars = bench.predicted_encoding({"kind": "bar", "x": "Weight", "aggregate": "count"})
    assert bench.score(hist, gold)["strict"] and not bench.score(bars, gold)["lenient"]


def test_axis_title_aggregate_is_accepted_only_leniently(bench):
    gold = bench.gold_encoding(MISLABELLED)
    mean = bench.predicted_encoding({"kind": "bar", "x": "State", "y": "Profit", "aggregate": "mean"})
    s = bench.score(mean, gold)
    assert s["lenient"] and not s["strict"]
    assert not bench.score(bench.predicted_encoding({"kind": "bar", "x": "State", "y": "Profit",
                                                      "aggregate": "max"}), gold)["lenient"]


def test_dev_and_test_halves_are_fixed_and_disjoint(bench):
    texts = [f"utterance {i}" for i in range(21)] + ["utterance 3"]  # one repeated
    dev, test = bench.split_part(texts, "dev"), bench.split_part(texts, "test")
    assert not set(dev) & set(test) and set(dev) | set(test) == set(texts)
    assert abs(len(dev) - len(test)) <= 1
    assert bench.split_part(list(reversed(texts)), "dev") == dev  # the order of the corpus does not matter
    assert bench.split_part(texts, "all") == texts
