"""Drawing the distribution and part-of-whole kinds: scatter, histogram, box, heatmap, pie (see chart_draw)."""

from __future__ import annotations

from dsagent.tools.chart.draw import (HATCH, PALETTE, _colors, _label, _looks_like_year, _pivot, _value_axis_from_zero,
                         _x_values, _horizontal)


MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def _scatter(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    r = plan.roles
    xs, is_time = _x_values(plan, [row[r["x"]] for row in rows])
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
        colors = _colors(names, plan.roles.get("color_other"))
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


def _histogram(fig, ax, plan, rows, labels, summary, numfmt) -> None:
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
        colors = _colors(list(groups), plan.roles.get("color_other"))
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
    if not _looks_like_year([s for s in starts]):
        ax.xaxis.set_major_formatter(numfmt)
    ax.grid(axis="y", color="#e5e5e5")
    ax.set_axisbelow(True)
    ax.set_xlabel(labels["x"])
    ax.set_ylabel(labels["y"])
    _value_axis_from_zero(ax, values, False, summary)
    summary["bins"] = len({row[r["bin_start"]] for row in rows})
    summary["bin_width"] = width


def _box(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    r = plan.roles
    stats = []
    for row in rows:
        name = _label(plan, row[r["x"]], plan.x) if r.get("x") else (plan.y or "")
        stats.append({"label": name, "med": row["median"], "q1": row["q1"], "q3": row["q3"],
                      "whislo": row["whisker_low"], "whishi": row["whisker_high"], "mean": row["mean"],
                      "fliers": row.get("fliers") or []})
    horizontal = _horizontal(plan, rows)
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


def _heatmap(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    r = plan.roles
    ykey = r["heat_y"]
    xs, ys, cells = _pivot(plan, rows, ykey)
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
    ax.set_xticks(range(len(xs)), [_label(plan, x, plan.x) for x in xs])
    ax.set_yticks(range(len(ys)), [_label(plan, y, plan.y) for y in ys])
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


def _pie(fig, ax, plan, rows, labels, summary, numfmt) -> None:
    r = plan.roles
    names = [_label(plan, row[r["x"]], plan.x) for row in rows]
    values = [row[r["value"]] or 0 for row in rows]
    colors = list(_colors(names, plan.roles.get("x_other")).values())
    wedges, _texts, _auto = ax.pie(values, labels=names, colors=colors, startangle=90, counterclock=False,
                                   autopct=lambda pct: f"{pct:.0f}%", pctdistance=0.75,
                                   wedgeprops={"edgecolor": "white", "linewidth": 1.5})
    for w, row in zip(wedges, rows):
        if row.get("_small"):
            w.set_hatch(HATCH)
            summary["hatched"].append(str(row[r["x"]]))
    ax.set_aspect("equal")
    summary["parts"] = len(rows)
