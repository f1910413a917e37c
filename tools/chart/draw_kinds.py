"""Drawing each chart kind: bars (plain, grouped, stacked), lines and areas, scatter, histogram, box, heatmap, pie."""

from __future__ import annotations

from dsagent.tools.chart.style import (HATCH, OTHER, PALETTE, TEXT, FuncFormatterYear, fmt_number, is_horizontal, series_colors,
                                       looks_like_year, pivot, value_axis_from_zero, value_label, x_values)
from dsagent.words.scales import scale_order

MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def scatter(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    r = plan.roles
    xs, is_time = x_values(plan, [row[r["x"]] for row in rows])
    ys = [row[r["y"]] for row in rows]
    n = len(rows)
    alpha = 0.75 if n < 300 else 0.5 if n < 2000 else 0.3
    size = 22 if n < 1000 else 12
    ckey = r.get("color")
    if ckey and plan.cls(plan.color) == "number":
        art = ax.scatter(xs, ys, c=[row[ckey] for row in rows], cmap="viridis", s=size, alpha=alpha, linewidths=0)
        fig.colorbar(art, ax=ax, label=plan.color, format=numfmt)
        summary["series"] = []
    elif ckey:
        groups: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            groups.setdefault(str(row[ckey]), []).append(i)
        names = sorted(groups, key=lambda g: (g == plan.roles.get("color_other"), -len(groups[g])))
        colors = series_colors(names, plan.roles.get("color_other"))
        for j, g in enumerate(names):
            idx = groups[g]
            # a shape per group as well as a colour: groups stay apart where colours blend or are not seen
            ax.scatter([xs[i] for i in idx], [ys[i] for i in idx], s=size, alpha=alpha, color=colors[g],
                       label=g, linewidths=0, marker=MARKERS[j % len(MARKERS)])
        legend = ax.legend(title=plan.color, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                           markerscale=1.5)
        for handle in legend.legend_handles:
            handle.set_alpha(1.0)
        summary["series"] = names
        summary["markers"] = [MARKERS[j % len(MARKERS)] for j in range(len(names))]
    else:
        ax.scatter(xs, ys, s=size, alpha=alpha, color=PALETTE[0], linewidths=0)
        summary["series"] = []
    if plan.log_y:
        ax.set_yscale("log")
    else:
        ax.yaxis.set_major_formatter(numfmt)
    if not is_time:
        ax.xaxis.set_major_formatter(numfmt)
    ax.grid(color="#eeeeee")
    ax.set_axisbelow(True)
    ax.set_xlabel(labels["x"])
    ax.set_ylabel(labels["y"])
    summary["points"] = n


def histogram(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    r = plan.roles
    skey = r.get("series")
    width = r["width"]
    if skey:
        # every bin from the first to the last, empty ones included: a missing bin must read as zero,
        # not as the previous bin drawn twice as wide
        first = min(row[r["bin_start"]] for row in rows)
        count = round((max(row[r["bin_start"]] for row in rows) - first) / width) + 1
        groups: dict[str, dict[int, int]] = {}
        for row in rows:
            groups.setdefault(str(row[skey]), {})[round((row[r["bin_start"]] - first) / width)] = row[r["value"]]
        starts = [first + i * width for i in range(count)]
        edges = starts + [starts[-1] + width]
        colors = series_colors(list(groups), plan.roles.get("color_other"))
        for g, counts in groups.items():
            ax.stairs([counts.get(i, 0) for i in range(count)], edges, color=colors[g], linewidth=2, label=g)
        summary["edges"] = edges
        ax.legend(title=plan.color, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        values = [row[r["value"]] for row in rows]
    else:
        starts = [row[r["bin_start"]] for row in rows]
        values = [row[r["value"]] for row in rows]
        ax.bar(starts, values, width=width, align="edge", color=PALETTE[0], edgecolor="white", linewidth=0.6)
    ax.yaxis.set_major_formatter(numfmt)
    if not looks_like_year([s for s in starts]):
        ax.xaxis.set_major_formatter(numfmt)
    ax.grid(axis="y", color="#e5e5e5")
    ax.set_axisbelow(True)
    ax.set_xlabel(labels["x"])
    ax.set_ylabel(labels["y"])
    value_axis_from_zero(ax, values, False, summary)
    summary["bins"] = len({row[r["bin_start"]] for row in rows})
    summary["bin_width"] = width


def box(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    r = plan.roles
    stats = []
    for row in rows:
        name = value_label(plan, row[r["x"]], plan.x) if r.get("x") else (plan.y or "")
        stats.append({"label": name, "med": row["median"], "q1": row["q1"], "q3": row["q3"],
                      "whislo": row["whisker_low"], "whishi": row["whisker_high"], "mean": row["mean"],
                      "fliers": row.get("fliers") or []})
    horizontal = is_horizontal(plan, rows)
    parts = ax.bxp(stats, orientation="horizontal" if horizontal else "vertical", patch_artist=True,
                   showfliers=True, widths=0.55,
                   flierprops={"marker": "o", "markersize": 3.5, "alpha": 0.7, "markeredgecolor": PALETTE[0]},
                   medianprops={"color": "#111111", "linewidth": 1.6})
    for patch, row, st in zip(parts["boxes"], rows, stats):
        patch.set_facecolor("#a6cde8")
        patch.set_edgecolor(PALETTE[0])
        if row.get("_small"):
            patch.set_hatch(HATCH)
            patch.set_edgecolor("#555555")
            summary["hatched"].append(st["label"])
    value_axis = ax.xaxis if horizontal else ax.yaxis
    value_axis.set_major_formatter(numfmt)
    if horizontal:
        ax.invert_yaxis()
        ax.set_xlabel(labels["y"])
        ax.set_ylabel(labels["x"] if r.get("x") else "")
        ax.grid(axis="x", color="#e5e5e5")
    else:
        ax.set_ylabel(labels["y"])
        ax.set_xlabel(labels["x"] if r.get("x") else "")
        ax.grid(axis="y", color="#e5e5e5")
    ax.set_axisbelow(True)
    summary["groups"] = [s["label"] for s in stats]
    summary["orientation"] = "horizontal" if horizontal else "vertical"


def heatmap(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    r = plan.roles
    ykey = r["heat_y"]
    xs, ys, cells = pivot(plan, rows, ykey)
    xs = sorted(xs, key=lambda v: (v is None, str(v) if plan.cls(plan.x) in ("text", "bool") else v))
    ys = sorted(ys, key=lambda v: (v is None, str(v) if plan.cls(plan.y) in ("text", "bool") else v))
    grid = [[(cells.get((x, y)) or {}).get(r["value"]) for x in xs] for y in ys]
    import numpy as np

    data = np.array([[np.nan if v is None else v for v in line] for line in grid], dtype=float)
    # numbers and dates grow upwards, as on any other y axis; categories read top-down
    origin = "lower" if plan.cls(plan.y) in ("number", "time") else "upper"
    image = ax.imshow(np.ma.masked_invalid(data), cmap="cividis", aspect="auto", origin=origin)
    fig.colorbar(image, ax=ax, label=labels.get("value") or plan.roles["value"].replace("_", " "), format=numfmt)
    image.set_clim(*(image.get_clim()))
    ax.set_xticks(range(len(xs)), [value_label(plan, x, plan.x) for x in xs])
    ax.set_yticks(range(len(ys)), [value_label(plan, y, plan.y) for y in ys])
    if len(xs) > 8:
        ax.tick_params(axis="x", labelrotation=35)
        for t in ax.get_xticklabels():
            t.set_horizontalalignment("right")
    finite = data[~np.isnan(data)]
    mid = (finite.min() + finite.max()) / 2 if finite.size else 0
    if len(xs) * len(ys) <= 150:
        for i, y in enumerate(ys):
            for j, x in enumerate(xs):
                row = cells.get((x, y))
                if row is None or row.get(r["value"]) is None:
                    continue
                v = row[r["value"]]
                mark = "*" if row.get("_small") else ""
                ax.text(j, i, numfmt(v) + mark, ha="center", va="center", fontsize=9,
                        color="black" if v > mid else "white")
                if mark:
                    summary["hatched"].append(f"{x} / {y}")
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(labels["x"])
    ax.set_ylabel(labels["y"])
    summary["cells"] = [len(ys), len(xs)]


PIE_THIN_SLICE = 0.05  # a slice under 5 % of the pie has no room for its name beside a neighbour's


def pie(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    r = plan.roles
    names = [value_label(plan, row[r["x"]], plan.x) for row in rows]
    values = [row[r["value"]] or 0 for row in rows]
    colors = list(series_colors(names, plan.roles.get("x_other")).values())
    total = sum(values) or 1
    # Thin slices side by side put their names and percentages on top of each other: then the names go
    # to a legend with their shares, and only slices wide enough carry a percentage.
    crowded = sum(v / total < PIE_THIN_SLICE for v in values) >= 2
    wedges, _texts, _auto = ax.pie(values, labels=None if crowded else names, colors=colors, startangle=90,
                                   counterclock=False, pctdistance=0.75,
                                   autopct=lambda pct: f"{pct:.0f}%" if pct >= 100 * PIE_THIN_SLICE else "",
                                   wedgeprops={"edgecolor": "white", "linewidth": 1.5})
    if crowded:
        shares = [v / total for v in values]
        summary["legend"] = [f"{n} ({'<1' if 0 < s < 0.005 else f'{s:.0%}'[:-1]}%)" for n, s in zip(names, shares)]
        ax.legend(wedges, summary["legend"], loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    for w, row in zip(wedges, rows):
        if row.get("_small"):
            w.set_hatch(HATCH)
            summary["hatched"].append(str(row[r["x"]]))
    ax.set_aspect("equal")
    summary["parts"] = len(rows)


def _order_categories(plan, xs: list, cells: dict, ss: list) -> list:
    if plan.cls(plan.x) not in ("text", "bool") or plan.sort in ("x", "x_desc"):
        return xs  # in the query's order of the labels
    if plan.sort is None and scale_order(xs):  # an ordered scale keeps its order (words/scales.py)
        return scale_order(xs)
    other = plan.roles.get("x_other")
    vkey = plan.roles["value"]

    def total(x):
        return sum((cells.get((x, s)) or {}).get(vkey) or 0 for s in ss)

    ordered = sorted((x for x in xs if x != other), key=total, reverse=plan.sort != "y_asc")
    return ordered + ([other] if other in xs else [])


def _order_series(plan, ss: list, cells: dict, xs: list) -> list:
    """Largest series first (the bottom of a stack, the first colour), Other last; the values of an
    ordered scale in its order (strongly disagree at the bottom ... strongly agree at the top)."""
    other = plan.roles.get("color_other")
    if scale_order(ss):
        return scale_order(ss)
    vkey = plan.roles["value"]

    def total(s):
        return sum(abs((cells.get((x, s)) or {}).get(vkey) or 0) for x in xs)

    return sorted((s for s in ss if s != other), key=lambda s: (-total(s), str(s))) + ([other] if other in ss else [])


def bars(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    r = plan.roles
    series_key = r.get("series")
    if series_key:
        xs, ss, cells = pivot(plan, rows, series_key)
        xs = _order_categories(plan, xs, cells, ss)
        ss = _order_series(plan, ss, cells, xs)
    else:
        xs, ss, cells = [row[r["x"]] for row in rows], [None], {(row[r["x"]], None): row for row in rows}
    colors = series_colors([str(s) for s in ss], plan.roles.get("color_other"))
    horizontal = not series_key and is_horizontal(plan, rows)
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
                summary["hatched"].append(value_label(plan, x, plan.x) + (f" / {s}" if series_key else ""))
        if not series_key and len(xs) <= 25:
            texts = ["n<5 hidden" if v is None else numfmt(v) for v in vals]
            ax.bar_label(artists, labels=texts, padding=3, fontsize=8, color=TEXT)
        elif series_key and not horizontal:  # say where a value was withheld, so a gap is not read as zero
            for off, x, v in zip(offs, xs, vals):
                if v is None and (x, s) in cells:
                    ax.text(off, 0, " n<5", rotation=90, fontsize=7, ha="center", va="bottom", color="#555555")
    names = [value_label(plan, x, plan.x) for x in xs]
    _category_axis(ax, names, pos, horizontal, numfmt, labels)
    ax.margins(x=0.01) if not horizontal else ax.margins(y=0.01)
    if not horizontal and not series_key and len(xs) <= 25:
        ax.margins(y=0.08)
    value_axis_from_zero(ax, values_all, horizontal, summary)
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


def lines(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    from matplotlib.ticker import FuncFormatter

    r = plan.roles
    series_key = r.get("series")
    text_x = plan.cls(plan.x) in ("text", "bool")
    if series_key:
        xs, ss, cells = pivot(plan, rows, series_key)
        xs = sorted(xs, key=lambda v: (v is None, v))
        ss = _order_series(plan, ss, cells, xs)
    else:
        xs, ss, cells = [row[r["x"]] for row in rows], [None], {(row[r["x"]], None): row for row in rows}
    colors = series_colors([str(s) for s in ss], plan.roles.get("color_other"))
    xv, is_time = x_values(plan, xs)
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
        value_axis_from_zero(ax, tops, False, summary)
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
                    summary["hatched"].append(value_label(plan, x, plan.x))
    if plan.log_y:
        ax.set_yscale("log")
    else:
        ax.yaxis.set_major_formatter(numfmt)
    if is_time:
        import matplotlib.dates as mdates

        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        from dsagent.tools.chart.titles import spoken_dates

        ax.xaxis.set_major_formatter(spoken_dates(locator))
    elif text_x:
        ax.set_xticks(xv, [value_label(plan, x, plan.x) for x in xs])
    elif plan.cls(plan.x) == "number":
        ax.xaxis.set_major_formatter(FuncFormatterYear() if looks_like_year(xs) else FuncFormatter(fmt_number))
    ax.grid(axis="y", color="#e5e5e5")
    ax.set_axisbelow(True)
    ax.set_xlabel(labels["x"])
    ax.set_ylabel(labels["y"])
    if series_key:
        ax.legend(title=plan.color, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    summary["series"] = [str(s) for s in ss] if series_key else []
    summary["points"] = len(xs)
    summary["x_sorted"] = all(a <= b for a, b in zip(xv, xv[1:])) if not text_x else True


def _category_axis(ax, names: list[str], pos: list[int], horizontal: bool, numfmt, labels: dict) -> None:
    """Category names along the side (horizontal bars) or the bottom, slanted or thinned when crowded."""
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
