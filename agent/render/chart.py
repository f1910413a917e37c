"""Terminal view of a chart: a small preview in text blocks, the notes, and the saved files as links.

The preview is drawn from `ChartResult.preview` (labels and values the tool already computed); this
module only scales them to the terminal's width. The PNG itself is the chart; the preview is a glance.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dsagent.render.context import phrase

_EIGHTHS = " ▏▎▍▌▋▊▉█"
_SPARK = "▁▂▃▄▅▆▇█"


def _num(v: Any, percent: bool = False) -> str:
    if v is None:
        return "-"
    try:
        from dsagent.tools.chart.style import fmt_number, fmt_percent

        return fmt_percent(float(v)) if percent else fmt_number(float(v))
    except (TypeError, ValueError):
        return str(v)


def bar_lines(labels: list[str], values: list[float | None], width: int = 40, percent: bool = False) -> list[str]:
    """Horizontal bars in eighth-blocks, labels left, values right; negatives drawn with '░'."""
    if not labels:
        return []
    label_w = min(24, max(len(str(lab)) for lab in labels))
    finite = [abs(v) for v in values if v is not None]
    top = max(finite, default=0) or 1
    out = []
    for lab, v in zip(labels, values):
        name = str(lab)
        name = name if len(name) <= label_w else name[: label_w - 1] + "…"
        if v is None:
            bar = ""
        else:
            eighths = round(abs(v) / top * width * 8)
            bar = "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")
            if v < 0:
                bar = "░" * len(bar)
        out.append(f"{name:>{label_w}} {bar:<{width}} {_num(v, percent)}")
    return out


def column_lines(values: list[float], height: int = 8, width: int = 60) -> list[str]:
    """Vertical columns (a histogram or a series) `height` rows tall, at most `width` columns wide."""
    vals = [v or 0 for v in values]
    if not vals:
        return []
    if len(vals) > width:  # average neighbours so the picture fits; the PNG has every point
        step = len(vals) / width
        vals = [sum(vals[int(i * step): max(int((i + 1) * step), int(i * step) + 1)]) /
                max(1, len(vals[int(i * step): max(int((i + 1) * step), int(i * step) + 1)])) for i in range(width)]
    if len(vals) * 2 <= width:  # widen few columns so the shape is visible
        k = width // len(vals)
        vals = [v for v in vals for _ in range(k)]
    lo = min(0.0, min(vals))
    top = max(vals) - lo or 1
    levels = [round((v - lo) / top * height * 8) for v in vals]
    rows = []
    for r in range(height, 0, -1):
        line = ""
        for lv in levels:
            full = lv - (r - 1) * 8
            line += "█" if full >= 8 else (_SPARK[full - 1] if full > 0 else " ")
        rows.append(line)
    return rows


def point_lines(points: list[list[Any]], height: int = 12, width: int = 60) -> list[str]:
    """A scatter as a character grid: '·' for one point in a cell, '•' for a few, '●' for many."""
    pts = [(float(x), float(y)) for x, y in points if isinstance(x, (int, float)) and isinstance(y, (int, float))]
    if not pts:
        return []
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    grid = [[0] * width for _ in range(height)]
    for x, y in pts:
        c = int((x - x0) / ((x1 - x0) or 1) * (width - 1))
        r = height - 1 - int((y - y0) / ((y1 - y0) or 1) * (height - 1))
        grid[r][c] += 1
    glyph = lambda n: " " if n == 0 else "·" if n == 1 else "•" if n < 5 else "●"  # noqa: E731
    return ["".join(glyph(n) for n in row) for row in grid]


def _labels(labels: list[Any]) -> list[Any]:
    """Date labels at their grain (2012-01 for months), others as they are."""
    from dsagent.render.values import is_temporal, temporal_format

    if not labels or not is_temporal("", labels):
        return labels
    write = temporal_format("", labels)
    return [write(v) for v in labels]


def preview_lines(preview: dict[str, Any], width: int = 60) -> list[str]:
    kind = preview.get("type")
    if kind == "bars":
        return bar_lines(_labels(preview.get("labels", [])[:20]), preview.get("values", [])[:20], max(10, width - 36),
                         bool(preview.get("percent")))
    if kind in ("columns", "series"):
        labels = _labels(preview.get("labels", []))
        lines = column_lines(preview.get("values", []), 8, width)
        if labels:
            first, last = str(labels[0])[:10], str(labels[-1])[:10]
            span = len(lines[0]) if lines else 0
            lines.append(first + " " * max(1, span - len(first) - len(last)) + last)
        return lines
    if kind == "points":
        return point_lines(preview.get("points", []), 12, width)
    return []


def render(result: Any, console: Any) -> None:
    """Title, text preview, notes and the saved files (clickable where the terminal supports links)."""
    from rich.style import Style
    from rich.text import Text

    width = max(30, min(int(getattr(console, "width", 80) or 80) - 4, 100))
    console.print(Text(result.title or phrase("chart_title"), style="bold"))
    subtitle = (getattr(result, "draw", None) or {}).get("subtitle")
    if subtitle:  # what the rows are (a filter, a sample, the dates): the image says it under the title too
        console.print(Text(subtitle, style="dim"))
    for line in preview_lines(result.preview or {}, width):
        console.print(Text(line, style="cyan"), overflow="crop", no_wrap=True)
    what = (result.preview or {}).get("what")
    if what:
        console.print(Text(phrase("chart_preview", what=what), style="dim"))
    for note in result.notes:
        console.print(Text(f"{phrase('note')}: {note}", style="yellow"))
    for label, path in (("file_chart", result.path), ("file_data", result.data_path), ("file_spec", result.spec_path)):
        if not path:
            continue
        uri = Path(path).resolve().as_uri()
        line = Text(f"{phrase(label)}: ", style="dim")
        line.append(str(path), style=Style(link=uri, underline=True))
        console.print(line)
