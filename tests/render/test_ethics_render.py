"""The findings panel as a person reads it: worst first, numbers against thresholds, what was done."""

from __future__ import annotations

from rich.console import Console

from dsagent.render.findings import render
from dsagent.ethics.finding import Finding


def draw(findings) -> str:
    console = Console(width=110, record=True, force_terminal=False)
    render(findings, console)
    return console.export_text()


def test_panel_orders_by_severity_and_shows_numbers_and_fixes():
    text = draw([Finding(id="C1", severity="info", message="Rows are grouped by 'sex' (sex)."),
                 Finding(id="C3", severity="block", message="The model selects sex 'Female' at 0.48 times the rate "
                         "of sex 'Male'.", statistic="demographic parity ratio", value=0.4812, threshold=0.8,
                         fix="Check whether the difference is justified."),
                 {"id": "E2", "severity": "warn", "message": "Personal data column(s): 'email' (email).",
                  "fix": "Use --privacy full to show raw values."}])
    assert "review: 1 block, 1 warn, 1 info" in text
    labels = [line.split()[1] for line in text.splitlines() if line.startswith("│ ") and line.split()[1] in
              ("BLOCK", "WARN", "info")]
    assert labels == ["BLOCK", "WARN", "info"]
    assert "demographic parity ratio: 0.481 (threshold 0.8)" in text
    assert "→ Check whether the difference is justified." in text
    assert "0.48 times the rate" in text


def test_no_findings_no_panel():
    assert draw([]) == ""
