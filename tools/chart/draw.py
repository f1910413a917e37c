"""Drawing a planned chart with matplotlib (Agg): aggregated rows in, PNG/SVG bytes and a draw summary out.

Readable by default: Okabe-Ito colours (safe for colour-blind readers), thousands separators, concise
date axes, long category names on horizontal bars, value axes of bars and areas from zero (D3), and
groups under 20 rows hatched (D1). The summary reports what was drawn (limits, scales, series), so
tests can check the figure without comparing pixels.
"""

from __future__ import annotations

import datetime as dt
import io
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


def _as_time(v: Any) -> dt.datetime:
    if isinstance(v, dt.datetime):
        return v
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day)
    return dt.datetime.fromisoformat(str(v))


def _time_label(v: Any, grain: str | None) -> str:
    t = _as_time(v)
    if grain == "year":
        return f"{t:%Y}"
    if grain == "quarter":
        return f"{t.year} Q{(t.month - 1) // 3 + 1}"
    if grain == "month":
        return f"{t:%b %Y}"
    if grain == "hour":
        return f"{t:%Y-%m-%d %H:00}"
    return f"{t:%Y-%m-%d}"


def _label(plan, v: Any, col: str | None) -> str:
    if v is None:
        return "(missing)"
    if plan.cls(col) == "time":
        return _time_label(v, plan.time_grain if col == plan.x else None)
    width = plan.roles.get("x_bin_width") if col == plan.x else plan.roles.get("y_bin_width") if col == plan.y else None
    if width and isinstance(v, (int, float)) and plan.kind in ("bar", "grouped_bar", "stacked_bar", "heatmap", "box"):
        return f"{fmt_number(v)}–{fmt_number(v + width)}"
    if isinstance(v, float):
        return fmt_number(v)
    return str(v)


def _colors(names: list[str], other: str | None) -> dict[str, str]:
    out, i = {}, 0
    for n in names:
        if other and n == other:
            out[n] = OTHER
        else:
            out[n] = PALETTE[i % len(PALETTE)]
            i += 1
    return out


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
        from dsagent.tools.chart.draw_kinds import _box, _heatmap, _histogram, _pie, _scatter

        try:
            {"bar": _bars, "grouped_bar": _bars, "stacked_bar": _bars, "pie": _pie, "line": _lines,
             "area": _lines, "scatter": _scatter, "histogram": _histogram, "box": _box,
             "heatmap": _heatmap}[plan.kind](fig, ax, plan, rows, labels, summary, FuncFormatter(value_fmt))
            fig.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold", color="#111111")
            if summary["hatched"]:
                mark = "*" if plan.kind == "heatmap" else "open circles" if plan.kind == "line" else "hatched"
                subtitle += f" · {mark}: fewer than 20 rows behind the value"
            ax.set_title(subtitle, loc="left", fontsize=9, color="#555555")
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


def _metadata(fmt: str) -> dict:
    return {"Software": "dsagent"} if fmt == "png" else {"Creator": "dsagent", "Date": None}


def _size(plan, rows) -> tuple[float, float]:
    if plan.kind == "heatmap":
        return 9.5, 6.5
    if plan.kind == "pie":
        return 7.5, 6.0
    if plan.kind in ("bar", "box") and _horizontal(plan, rows):
        return 9.0, max(4.5, min(11.0, 1.6 + 0.34 * len(rows)))
    if plan.kind in ("bar", "box") and not plan.roles.get("series") and len(rows) <= 5:
        return 7.0, 5.0
    return 9.5, 5.5


def _horizontal(plan, rows) -> bool:
    """Long or many category names read better down the side than slanted along the bottom."""
    if plan.cls(plan.x) not in ("text", "bool") or plan.roles.get("series") or plan.kind not in ("bar", "box"):
        return False
    names = [str(r[plan.roles["x"]]) for r in rows] if plan.roles.get("x") else []
    return len(names) > 7 or max((len(n) for n in names), default=0) > 10


def _value_axis_from_zero(ax, values: list[float], horizontal: bool, summary: dict) -> None:
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


def _pivot(plan, rows, key2: str) -> tuple[list, list, dict]:
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


def _order_categories(plan, xs: list, cells: dict, ss: list) -> list:
    if plan.cls(plan.x) not in ("text", "bool") or plan.sort == "x":
        return xs
    other = plan.roles.get("x_other")
    vkey = plan.roles["value"]

    def total(x):
        return sum((cells.get((x, s)) or {}).get(vkey) or 0 for s in ss)

    ordered = sorted((x for x in xs if x != other), key=total, reverse=plan.sort != "y_asc")
    return ordered + ([other] if other in xs else [])


def _order_series(plan, ss: list, cells: dict, xs: list) -> list:
    """Largest series first (the bottom of a stack, the first colour), Other last."""
    other = plan.roles.get("color_other")
    vkey = plan.roles["value"]

    def total(s):
        return sum(abs((cells.get((x, s)) or {}).get(vkey) or 0) for x in xs)

    return sorted((s for s in ss if s != other), key=lambda s: (-total(s), str(s))) + ([other] if other in ss else [])


def _bars(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    r = plan.roles
    series_key = r.get("series")
    if series_key:
        xs, ss, cells = _pivot(plan, rows, series_key)
        xs = _order_categories(plan, xs, cells, ss)
        ss = _order_series(plan, ss, cells, xs)
    else:
        xs, ss, cells = [row[r["x"]] for row in rows], [None], {(row[r["x"]], None): row for row in rows}
    colors = _colors([str(s) for s in ss], plan.roles.get("color_other"))
    horizontal = not series_key and _horizontal(plan, rows)
    pos = list(range(len(xs)))
    width = 0.8 / len(ss) if plan.kind == "grouped_bar" else 0.8
    bottoms_pos = [0.0] * len(xs)
    bottoms_neg = [0.0] * len(xs)
    values_all = []
    for j, s in enumerate(ss):
        vals = [(cells.get((x, s)) or {}).get(r["value"]) for x in xs]
        small = [bool((cells.get((x, s)) or {}).get("_small")) for x in xs]
        offs = [p + (j - (len(ss) - 1) / 2) * width if plan.kind == "grouped_bar" else p for p in pos]
        heights = [v if v is not None else 0 for v in vals]
        if plan.kind == "stacked_bar":
            base = [bottoms_pos[i] if h >= 0 else bottoms_neg[i] for i, h in enumerate(heights)]
            for i, h in enumerate(heights):
                if h >= 0:
                    bottoms_pos[i] += h
                else:
                    bottoms_neg[i] += h
            values_all += bottoms_pos + bottoms_neg
        else:
            base = [0.0] * len(xs)
            values_all += heights
        color = colors[str(s)] if series_key else PALETTE[0]
        if not series_key:
            other = plan.roles.get("x_other")
            color = [OTHER if other and x == other else PALETTE[0] for x in xs]
        bar = ax.barh if horizontal else ax.bar
        kw = {"height": width} if horizontal else {"width": width}
        artists = bar(offs, heights, left=base, **kw, color=color, label=str(s) if series_key else None) if horizontal \
            else bar(offs, heights, bottom=base, **kw, color=color, label=str(s) if series_key else None)
        for patch, is_small, x in zip(artists.patches, small, xs):
            if is_small:
                patch.set_hatch(HATCH)
                summary["hatched"].append(_label(plan, x, plan.x) + (f" / {s}" if series_key else ""))
        if not series_key and len(xs) <= 25:
            texts = ["n<5 hidden" if v is None else numfmt(v) for v in vals]
            ax.bar_label(artists, labels=texts, padding=3, fontsize=8, color=TEXT)
        elif series_key and not horizontal:  # say where a value was withheld, so a gap is not read as zero
            for off, x, v in zip(offs, xs, vals):
                if v is None and (x, s) in cells:
                    ax.text(off, 0, " n<5", rotation=90, fontsize=7, ha="center", va="bottom", color="#555555")
    names = [_label(plan, x, plan.x) for x in xs]
    if horizontal:
        ax.set_yticks(pos, names)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(numfmt)
        ax.set_xlabel(labels["y"])
        ax.set_ylabel(labels["x"])
        ax.grid(axis="x", color="#e5e5e5")
    else:
        ax.set_xticks(pos, names)
        longest = max((len(n) for n in names), default=0)
        if len(names) * max(longest, 3) > 90:
            ax.tick_params(axis="x", labelrotation=35)
            for t in ax.get_xticklabels():
                t.set_horizontalalignment("right")
        if len(names) > 40:
            for i, t in enumerate(ax.get_xticklabels()):
                t.set_visible(i % max(1, len(names) // 20) == 0)
        ax.yaxis.set_major_formatter(numfmt)
        ax.set_xlabel(labels["x"])
        ax.set_ylabel(labels["y"])
        ax.grid(axis="y", color="#e5e5e5")
    ax.set_axisbelow(True)
    ax.margins(x=0.01) if not horizontal else ax.margins(y=0.01)
    if not horizontal and not series_key and len(xs) <= 25:
        ax.margins(y=0.08)
    _value_axis_from_zero(ax, values_all, horizontal, summary)
    if horizontal and len(xs) <= 25:  # room for the value labels at both ends
        lo, hi = ax.get_xlim()
        ax.set_xlim(lo - 0.08 * (hi - lo) if lo < 0 else lo, hi * 1.08 if hi > 0 else hi)
        summary["value_axis"] = list(ax.get_xlim())
    if series_key:
        from matplotlib.patches import Patch

        # plain swatches: a legend copied from the first bar would show hatching that marks one small group
        handles = [Patch(facecolor=colors[str(s)], label=str(s)) for s in ss]
        ax.legend(handles=handles, title=plan.color, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        summary["legend_hatched"] = [str(h.get_label()) for h in handles if h.get_hatch()]
    summary["categories"] = names
    summary["series"] = [str(s) for s in ss] if series_key else []


def _x_values(plan, raw: list) -> tuple[list, bool]:
    if plan.cls(plan.x) == "time":
        return [_as_time(v) for v in raw], True
    return raw, False


def _lines(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    from matplotlib.ticker import FuncFormatter

    r = plan.roles
    series_key = r.get("series")
    text_x = plan.cls(plan.x) in ("text", "bool")
    if series_key:
        xs, ss, cells = _pivot(plan, rows, series_key)
        xs = sorted(xs, key=lambda v: (v is None, v))
        ss = _order_series(plan, ss, cells, xs)
    else:
        xs, ss, cells = [row[r["x"]] for row in rows], [None], {(row[r["x"]], None): row for row in rows}
    colors = _colors([str(s) for s in ss], plan.roles.get("color_other"))
    xv, is_time = _x_values(plan, xs)
    if text_x:
        xv = list(range(len(xs)))
    matrix = [[(cells.get((x, s)) or {}).get(r["value"]) for x in xs] for s in ss]
    if plan.kind == "area":
        filled = [[v or 0 for v in line] for line in matrix]
        if series_key:
            ax.stackplot(xv, filled, labels=[str(s) for s in ss], colors=[colors[str(s)] for s in ss], alpha=0.85)
        else:
            ax.fill_between(xv, filled[0], color=PALETTE[0], alpha=0.35, linewidth=0)
            ax.plot(xv, filled[0], color=PALETTE[0], linewidth=1.8)
        tops = [sum(col) for col in zip(*filled)]
        _value_axis_from_zero(ax, tops, False, summary)
    else:
        markers = len(xs) <= 40
        for s, line in zip(ss, matrix):
            color = colors[str(s)] if series_key else PALETTE[0]
            ax.plot(xv, [float("nan") if v is None else v for v in line], color=color, linewidth=1.9,
                    marker="o" if markers else None, markersize=4, label=str(s) if series_key else None)
            for x, xval in zip(xs, xv):
                row = cells.get((x, s)) or {}
                if row.get("_small"):
                    ax.plot([xval], [row.get(r["value"])], marker="o", markersize=8, markerfacecolor="white",
                            markeredgecolor=color, linestyle="none")
                    summary["hatched"].append(_label(plan, x, plan.x))
    if plan.log_y:
        ax.set_yscale("log")
    else:
        ax.yaxis.set_major_formatter(numfmt)
    if is_time:
        import matplotlib.dates as mdates

        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    elif text_x:
        ax.set_xticks(xv, [_label(plan, x, plan.x) for x in xs])
    elif plan.cls(plan.x) == "number":
        ax.xaxis.set_major_formatter(FuncFormatterYear() if _looks_like_year(xs) else FuncFormatter(fmt_number))
    ax.grid(axis="y", color="#e5e5e5")
    ax.set_axisbelow(True)
    ax.set_xlabel(labels["x"])
    ax.set_ylabel(labels["y"])
    if series_key:
        ax.legend(title=plan.color, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    summary["series"] = [str(s) for s in ss] if series_key else []
    summary["points"] = len(xs)
    summary["x_sorted"] = all(a <= b for a, b in zip(xv, xv[1:])) if not text_x else True


def _looks_like_year(xs: list) -> bool:
    nums = [v for v in xs if isinstance(v, (int, float))]
    return bool(nums) and all(float(v).is_integer() and 1800 <= v <= 2100 for v in nums)


def FuncFormatterYear():  # noqa: N802 - a formatter factory named like the class it returns
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _p: f"{v:.0f}")
