"""Ordered scales (prompts/words/scales.json): values sorted by what they mean, not the alphabet."""

from __future__ import annotations

import pytest

from dsagent.words.scales import scale_order


@pytest.mark.parametrize("values,expect", [
    (["agree", "neutral", "Strongly Agree", "disagree"], ["disagree", "neutral", "agree", "Strongly Agree"]),
    (["urgent", "low", "high", "medium"], ["low", "medium", "high", "urgent"]),
    (["large", "small", "medium"], ["small", "medium", "large"]),
    (["siempre", "nunca", "a veces"], ["nunca", "a veces", "siempre"]),
    (["senior", "junior", "lead", "mid"], ["junior", "mid", "senior", "lead"]),
    (["de acuerdo", "en desacuerdo", "neutral", None], ["en desacuerdo", "neutral", "de acuerdo"]),
])
def test_values_on_one_scale_come_in_its_order(values, expect):
    assert scale_order(values) == expect


@pytest.mark.parametrize("values", [
    ["low", "high"],  # two values: no order worth a CASE
    ["low", "medium", "banana"],  # one value off every scale
    ["north", "south", "east"],
    ["small", "medium", "very high"],  # two scales, not one
    [1, 2, 3],
])
def test_values_not_all_on_one_scale_keep_no_order(values):
    assert scale_order(values) is None
