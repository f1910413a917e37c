"""What every chart kind shares: the palette, number and time formats, labels, axis rules, pivoting.

Readable by default: Okabe-Ito colours (safe for colour-blind readers), thousands separators and
value axes of bars and areas from zero (D3).
"""

from __future__ import annotations

import datetime as dt
from typing import Any


# Okabe & Ito (2008), ordered for contrast on white; grey is reserved for "Other".
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]


OTHER = "#999999"


HATCH = "///"


TEXT = "#333333"


def fmt_number(v: float, _pos: Any = None) -> str:
    """12,345 · 1.2M · 3.5B · 0.42: thousands separators, short forms for millions and up."""
    if v is None:
        return ""
    a = abs(v)
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if a >= scale:
            # one decimal for values ("1.7M"), two for a round tick that needs them ("1.25B", not "1.2B")
            scaled = v / scale
            digits = 2 if abs(scaled * 100 - round(scaled * 100)) < 1e-6 and round(scaled * 100) % 10 else 1
            text = f"{scaled:,.{digits}f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    if a >= 1000 or float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:.3g}"


def fmt_percent(v: float, _pos: Any = None) -> str:
    """0.626 -> 62.6%."""
    return "" if v is None else f"{v * 100:.3g}%"


def as_time(v: Any) -> dt.datetime:
    if isinstance(v, dt.datetime):
        return v
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day)
    return dt.datetime.fromisoformat(str(v))


def time_label(v: Any, grain: str | None) -> str:
    t = as_time(v)
    if grain == "year":
        return f"{t:%Y}"
    if grain == "quarter":
        return f"{t.year} Q{(t.month - 1) // 3 + 1}"
    if grain == "month":
        from dsagent.tools.chart.titles import months

        return months(f"{t:%b %Y}")
    if grain == "hour":
        return f"{t:%Y-%m-%d %H:00}"
    return f"{t:%Y-%m-%d}"


def value_label(plan, v: Any, col: str | None) -> str:
    from dsagent.tools.chart.lint import MISSING

    if v is None or v == MISSING and plan.cls(col) in ("text", "bool"):
        from dsagent.words.language import say

        return say("chart", "missing")
    if plan.cls(col) == "time":
        return time_label(v, plan.time_grain if col == plan.x else None)
    width = plan.roles.get("x_bin_width") if col == plan.x else plan.roles.get("y_bin_width") if col == plan.y else None
    if width and isinstance(v, (int, float)) and plan.kind in ("bar", "grouped_bar", "stacked_bar", "heatmap", "box"):
        return f"{fmt_number(v)}–{fmt_number(v + width)}"
    if isinstance(v, float):
        return fmt_number(v)
    return str(v)


def series_colors(names: list[str], other: str | None) -> dict[str, str]:
    out, i = {}, 0
    for n in names:
        if other and n == other:
            out[n] = OTHER
        else:
            out[n] = PALETTE[i % len(PALETTE)]
            i += 1
    return out


def is_horizontal(plan, rows) -> bool:
    """Long or many category names read better down the side than slanted along the bottom."""
    if plan.cls(plan.x) not in ("text", "bool") or plan.roles.get("series") or plan.kind not in ("bar", "box"):
        return False
    names = [str(r[plan.roles["x"]]) for r in rows] if plan.roles.get("x") else []
    return len(names) > 7 or max((len(n) for n in names), default=0) > 10


def value_axis_from_zero(ax, values: list[float], horizontal: bool, summary: dict) -> None:
    """D3: the length of a bar or area encodes its value, so the axis includes zero."""
    lo, hi = (ax.get_xlim() if horizontal else ax.get_ylim())
    vals = [v for v in values if v is not None]
    low = min(0.0, min(vals, default=0.0))
    hi = max(0.0, hi)
    lo = low - 0.06 * (hi - low) if low < 0 else 0.0
    (ax.set_xlim if horizontal else ax.set_ylim)(lo, hi)
    if low < 0:  # bars go both ways: the zero they grow from is drawn, not left to a grid line
        (ax.axvline if horizontal else ax.axhline)(0, color="#666666", linewidth=0.9, zorder=2)
        summary["zero_line"] = True
    summary["value_axis"] = [lo, hi]
    summary["orientation"] = "horizontal" if horizontal else "vertical"


def pivot(plan, rows, key2: str) -> tuple[list, list, dict]:
    r = plan.roles
    xs, ss, cells = [], [], {}
    for row in rows:
        x, s = row[r["x"]], row[key2]
        if x not in xs:
            xs.append(x)
        if s not in ss:
            ss.append(s)
        cells[(x, s)] = row
    return xs, ss, cells


def x_values(plan, raw: list) -> tuple[list, bool]:
    if plan.cls(plan.x) == "time":
        return [as_time(v) for v in raw], True
    return raw, False


def looks_like_year(xs: list) -> bool:
    nums = [v for v in xs if isinstance(v, (int, float))]
    return bool(nums) and all(float(v).is_integer() and 1800 <= v <= 2100 for v in nums)


def FuncFormatterYear():  # noqa: N802 - a formatter factory named like the class it returns
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _p: f"{v:.0f}")
