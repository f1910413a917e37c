"""Drawing a planned chart with matplotlib (Agg): aggregated rows in, PNG/SVG bytes and a draw summary out.

Readable by default: Okabe-Ito colours (safe for colour-blind readers), thousands separators, concise
date axes, long category names on horizontal bars, value axes of bars and areas from zero (D3), and
groups under 20 rows hatched (D1). The summary reports what was drawn (limits, scales, series), so
tests can check the figure without comparing pixels.
"""

from __future__ import annotations

import io
from typing import Any

from dsagent.tools.chart.draw_kinds import bars, box, heatmap, histogram, lines, pie, scatter
from dsagent.tools.chart.style import TEXT, fmt_number, fmt_percent, is_horizontal


def draw(plan, rows: list[dict], title: str, subtitle: str, labels: dict, fmt: str = "png") -> tuple[bytes, dict]:
    """Draw the plan's rows; returns (image bytes, summary of what was drawn)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    style = {"font.size": 10, "axes.titlesize": 10, "axes.labelsize": 10, "axes.spines.top": False,
             "axes.spines.right": False, "axes.edgecolor": "#888888", "axes.labelcolor": TEXT,
             "xtick.color": TEXT, "ytick.color": TEXT, "axes.grid": False, "svg.hashsalt": "dsagent",
             "hatch.color": "white", "hatch.linewidth": 1.2}
    # the mean of a 0/1 column is a rate: shown as a percentage
    value_fmt = fmt_percent if plan.roles.get("rate") else fmt_number
    with plt.rc_context(style):
        width, height = _size(plan, rows)
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
        summary: dict[str, Any] = {"kind": plan.kind, "hatched": []}
        try:
            {"bar": bars, "grouped_bar": bars, "stacked_bar": bars, "pie": pie, "line": lines,
             "area": lines, "scatter": scatter, "histogram": histogram, "box": box,
             "heatmap": heatmap}[plan.kind](fig, ax, plan, rows, labels, summary, FuncFormatter(value_fmt))
            fig.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold", color="#111111")
            if summary["hatched"]:
                from dsagent.tools.chart.titles import small_mark

                subtitle += small_mark(plan.kind)
            ax.set_title(_wrapped(subtitle, int(width * SUBTITLE_CHARS_PER_INCH)), loc="left", fontsize=9,
                         color="#555555")
            summary["subtitle"] = subtitle
            if plan.kind != "pie":
                summary.update({"x_lim": list(ax.get_xlim()), "y_lim": list(ax.get_ylim()),
                                "x_scale": ax.get_xscale(), "y_scale": ax.get_yscale(),
                                "x_label": ax.get_xlabel(), "y_label": ax.get_ylabel()})
            summary["title"] = title
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=110, facecolor="white", metadata=_metadata(fmt))
            summary["size_px"] = [round(width * 110), round(height * 110)]
        finally:
            plt.close(fig)
    return buf.getvalue(), summary


SUBTITLE_CHARS_PER_INCH = 12  # 9-point text over the axes' width (the figure less its margins)


def _wrapped(subtitle: str, chars: int) -> str:
    """The subtitle on as many lines as it needs, broken between its parts (' · ') where it can: a
    filter's SQL ran off the right edge of the figure."""
    import textwrap

    lines: list[str] = []
    for part in subtitle.split(" · "):
        if lines and len(lines[-1]) + 3 + len(part) <= chars:
            lines[-1] += " · " + part
        else:
            lines.extend(textwrap.wrap(part, chars) or [""])
    return "\n".join(lines)


def _metadata(fmt: str) -> dict:
    return {"Software": "dsagent"} if fmt == "png" else {"Creator": "dsagent", "Date": None}


def _size(plan, rows) -> tuple[float, float]:
    if plan.kind == "heatmap":
        return 9.5, 6.5
    if plan.kind == "pie":
        return 7.5, 6.0
    if plan.kind in ("bar", "box") and is_horizontal(plan, rows):
        return 9.0, max(4.5, min(11.0, 1.6 + 0.34 * len(rows)))
    if plan.kind in ("bar", "box") and not plan.roles.get("series") and len(rows) <= 5:
        return 7.0, 5.0
    return 9.5, 5.5


