"""The cleaning rules as named units, each with its fixture file: sentinel codes and typos of categories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dsagent.tools.clean.sentinel import sentinel_values
from dsagent.tools.clean.spelling import edit_distance, spelling_groups

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "clean"


def _cases(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / name).read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", _cases("sentinels.jsonl"), ids=lambda c: c["why"])
def test_sentinel_values(case):
    present = {float(k): n for k, n in case["present"].items()}
    assert sentinel_values(present, case["q1"], case["q3"]) == case["expected"]


@pytest.mark.parametrize("case", _cases("typos.jsonl"), ids=lambda c: c["why"])
def test_spelling_groups_find_typos(case):
    assert spelling_groups([tuple(c) for c in case["counts"]]) == case["expected"]


def test_edit_distance_counts_a_swap_as_one_edit():
    assert [edit_distance(a, b) for a, b in [("rian", "rain"), ("fgo", "fog"), ("ab", "ba"), ("sunn", "sun"),
                                             ("germny", "germany"), ("abc", "xyz")]] == [1, 1, 1, 1, 1, 2]
    assert edit_distance("abcd", "badc", limit=2) == 2
