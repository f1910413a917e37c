"""Draw a `TableResult` in the terminal: the SQL, the rows, and how many there are in all.

Numbers are right-aligned with thousands separators and one precision per column; identifiers and
years are printed as they are (no "2,024"); NULL is a dimmed word; long text is cut with an
ellipsis; every value is shown as literal text (data cannot inject rich markup). When the rows were
capped, the footer says "showing first N of M rows"; when a table is too wide for the terminal, the
columns that do not fit are named instead of squeezed to nothing.
"""

from __future__ import annotations

import math
import re
from typing import Any

from rich import box
from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from dsagent.render.visible import visible
from dsagent.words.names import is_label, is_year_name

MAX_TEXT = 60  # characters of a text value before it is cut (the terminal may cut further)
MIN_COLUMN = 8  # text columns wider than MIN_COLUMN + 4 may be cut down to that width

_NUMERIC = re.compile(r"^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|"
                      r"FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC|INT\d*)", re.I)
_INTEGER = re.compile(r"^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|INT\d*)", re.I)


def render(result: Any, console: Console, show_sql: bool = True) -> None:
    """Draw the SQL (highlighted), the rows and a footer with the row count."""
    if show_sql and getattr(result, "query", None):
        console.print(Syntax(result.query, "sql", theme="ansi_dark", word_wrap=True, background_color="default"))
    columns = [str(c) for c in result.columns]
    types = list(result.types) + [""] * (len(columns) - len(result.types))
    cells, numeric = [], []
    for i, (name, kind) in enumerate(zip(columns, types)):
        values = [row[i] for row in result.rows]
        is_number = _is_numeric(kind, values)
        fmt = _column_format(name, kind, values) if is_number else None
        numeric.append(is_number)
        cells.append([_cell(v, fmt) for v in values])
    widths = _layout(columns, cells, numeric, console.width or 80)
    shown = len(widths)
    if result.rows:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold", expand=False)
        for i in range(shown):
            table.add_column(Text(visible(str(columns[i]))), justify="right" if numeric[i] else "left", no_wrap=True,
                             overflow="ellipsis", width=widths[i])
        for r in range(len(result.rows)):
            table.add_row(*[cells[i][r] for i in range(shown)])
        console.print(table)
    console.print(_footer(result, columns[shown:]))


def _layout(columns: list[str], cells: list[list[Text]], numeric: list[bool], width: int) -> list[int]:
    """The width of each leading column that fits: numbers and short values whole, long text cut.

    Columns are taken left to right while their smallest useful widths fit; a long text column may
    take what is left. Spare room then goes, a character at a time, to the text columns that want it.
    """
    desired = [max([len(name)] + [c.cell_len for c in col]) for name, col in zip(columns, cells)]
    desired = [d if numeric[i] else min(d, MAX_TEXT) for i, d in enumerate(desired)]
    widths: list[int] = []
    used = 0
    for i, want in enumerate(desired):
        least = want if numeric[i] or want <= MIN_COLUMN + 4 else MIN_COLUMN + 4
        gap = 3 if widths else 0
        if widths and used + gap + least > width:
            room = width - used - gap
            if not numeric[i] and room >= MIN_COLUMN:
                widths.append(room)
            break
        widths.append(min(least, width))
        used += gap + widths[-1]
    spare = width - sum(widths) - 3 * (len(widths) - 1)
    while spare > 0:
        hungry = [i for i, w in enumerate(widths) if w < desired[i]]
        if not hungry:
            break
        for i in hungry:
            if spare == 0:
                break
            widths[i] += 1
            spare -= 1
    return widths


def _footer(result: Any, hidden_names: list[str]) -> Text:
    total = int(result.row_count)
    if total == 0:
        text = Text("no rows", style="yellow")
    elif result.truncated:
        text = Text(f"showing first {len(result.rows):,} of {total:,} rows", style="bold yellow")
    else:
        text = Text(f"{total:,} row{'s' if total != 1 else ''}", style="dim")
    hidden = len(hidden_names)
    if hidden:
        names = ", ".join(hidden_names[:8]) + (", ..." if hidden > 8 else "")
        text.append(f"; {hidden} more column{'s' if hidden != 1 else ''} not shown: {names} (use --json for all)",
                    style="dim")
    seconds = getattr(result, "seconds", 0) or 0
    if seconds >= 0.05:
        text.append(f"  ({seconds:.2f} s)", style="dim")
    return text


def _is_numeric(kind: str, values: list[Any]) -> bool:
    if kind:
        return bool(_NUMERIC.match(kind))
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present)


def _column_format(name: str, kind: str, values: list[Any]) -> dict[str, Any]:
    """One number format per column, so that the decimal points line up."""
    label = is_label(str(name)) or is_year_name(str(name))  # integers that name, not count: no "2,024"
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    finite = [abs(float(v)) for v in numbers if math.isfinite(float(v))]
    decimal = re.match(r"^(DECIMAL|NUMERIC)\(\d+,\s*(\d+)\)", kind or "", re.I)
    if decimal:
        places = min(int(decimal.group(2)), 6)
    elif _INTEGER.match(kind or "") or all(float(v).is_integer() for v in numbers if math.isfinite(float(v))):
        places = 0
    else:
        top = max(finite, default=0.0)
        places = 2 if top >= 100 else 3 if top >= 1 else 4
    scientific = any(v >= 1e15 for v in finite) or (finite and 0 < max(finite) < 1e-4)
    return {"places": places, "separators": not label, "scientific": bool(scientific)}


def _cell(value: Any, fmt: dict[str, Any] | None) -> Text:
    if value is None:
        return Text("NULL", style="dim")
    if isinstance(value, bool):
        return Text("true" if value else "false")
    if fmt is not None and isinstance(value, (int, float)):
        return Text(_number(value, fmt))
    if isinstance(value, (list, dict)):
        value = _compact(value)
    text = " ".join(str(value).split()) if "\n" in str(value) or "\t" in str(value) else str(value)
    text = visible(text)  # a cell may hold terminal control sequences: shown, never obeyed
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT - 1] + "…"
    return Text(text, overflow="ellipsis", no_wrap=True)


def _number(value: float | int, fmt: dict[str, Any]) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if fmt["scientific"] and value != 0:
        return f"{float(value):.3e}"
    comma = "," if fmt["separators"] else ""
    if isinstance(value, int) and fmt["places"] == 0:
        return f"{value:{comma}d}"
    return f"{float(value):{comma}.{fmt['places']}f}"


def _compact(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, default=str, separators=(", ", ": "))
