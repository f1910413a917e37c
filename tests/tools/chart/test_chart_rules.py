"""Each chart correction of tools/chart/intent.py against its own fixture file: request + spec -> drawn spec.

tests/fixtures/chart_rules/<rule>.jsonl holds one case a line: the request, the spec a small model
wrote, and the fields of the resolved chart (kind, x, y, color, aggregate, time_grain) that should
come out, plus optionally a word of the note the rule writes. A case passes when the rule changes the
plan for that request and the chart has those fields. The table is made up (homes for sale,
tests/fixtures/charts/homes.csv), so no rule can lean on a benchmark's column names. Every rule of
`intent.RULES` must have a fixture file, and every fixture file must name a rule.
"""

from __future__ import annotations


import pytest

from dsagent.tools.chart import intent
from dsagent.tools.chart.lint import resolve
from dsagent.tools.chart.tool import ChartSpec
from conftest import FIXTURES, jsonl_cases

RULE_CASES = FIXTURES / "chart_rules"
FIELDS = ("kind", "x", "y", "color", "aggregate", "time_grain")


@pytest.fixture(scope="module")
def ws():
    from dsagent.data.workspace import Workspace

    ws = Workspace.open([str(FIXTURES / "charts" / "homes.csv")])
    yield ws
    ws.close()


def _view(p) -> tuple:
    return tuple(getattr(p, f) for f in FIELDS) + (tuple(p.notes),)


CASES = jsonl_cases(RULE_CASES)


def test_every_rule_has_cases():
    names = {r.__name__ for r in intent.RULES}
    files = {p.stem for p in RULE_CASES.glob("*.jsonl")}
    assert sorted(names - files) == [], "rules without a fixture file"
    assert sorted(files - names) == [], "fixture files that name no rule"
    assert len(names) == len(intent.RULES)
    for rule in intent.RULES:
        assert (rule.__doc__ or "").strip(), f"{rule.__name__} has no docstring"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_chart_rule_case(case, ws, monkeypatch):
    applied: list[str] = []

    def traced(rule):
        def run(p, w):
            before = _view(p)
            rule(p, w)
            if _view(p) != before:
                applied.append(rule.__name__)

        return run

    monkeypatch.setattr(intent, "RULES", tuple(traced(r) for r in intent.RULES))
    plan = resolve(ChartSpec(table="homes", **case["spec"]), ws, case["q"])
    assert case["rule"] in applied, f"{case['rule']} did not change {case['spec']} for {case['q']!r} ({applied})"
    for key, want in case["chart"].items():
        assert getattr(plan, key) == want, f"{key} of {case['q']!r}"
    if case.get("note"):
        assert any(case["note"] in n for n in plan.notes), plan.notes
