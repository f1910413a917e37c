"""Draw a `TableResult` in the terminal: the SQL, the rows, and how many there are in all.

Numbers are right-aligned with thousands separators and one precision per column; identifiers and
years are printed as they are (no "2,024"); NULL is a dimmed word; long text is cut with an
ellipsis; every value is shown as literal text (data cannot inject rich markup). Dates are written at
their grain (2012-01 for a month, no zero time), expression headers get a label ("count" for
count_star()), and cells the reviewer withheld read "hidden (< 5 rows)", not NULL.

Like the duckdb CLI, a long result shows one page: the first and last rows (or the first rows when
only those were fetched), the count, and how to write every row to a file. When a table is too wide
for the terminal, the columns that do not fit are named instead of squeezed to nothing.
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

from dsagent.render.context import phrase, surface
from dsagent.render.values import is_temporal, label, temporal_format
from dsagent.render.visible import visible
from dsagent.words.names import is_label, is_year_name

MAX_TEXT = 60  # characters of a text value before it is cut (the terminal may cut further)
MIN_COLUMN = 8  # text columns wider than MIN_COLUMN + 4 may be cut down to that width
PAGE_ROWS = 40  # rows drawn at most (the duckdb CLI's page): the first and last 20 of a complete result

_NUMERIC = re.compile(r"^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|"
                      r"FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC|INT\d*)", re.I)
_INTEGER = re.compile(r"^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|INT\d*)", re.I)


def render(result: Any, console: Console, show_sql: bool = True) -> None:
    """Draw the SQL (highlighted), one page of rows and a footer with the row count."""
    if show_sql and getattr(result, "query", None):
        console.print(Syntax(result.query, "sql", theme="ansi_dark", word_wrap=True, background_color="default"))
    names = [str(c) for c in result.columns]
    columns = [label(c) for c in names]
    types = list(result.types) + [""] * (len(columns) - len(result.types))
    page = _page(len(result.rows), bool(result.truncated))
    hidden, limit = _withheld_cells(result, names)
    withheld = Text(phrase("hidden_cell", limit=limit), style="dim italic")
    cells, numeric = [], []
    for i, (name, kind) in enumerate(zip(names, types)):
        values = [row[i] for row in result.rows]
        is_number = _is_numeric(kind, values)
        fmt = _column_format(name, kind, values) if is_number else None
        dates = temporal_format(name, values, getattr(result, "query", None)) \
            if not is_number and is_temporal(kind, values) else None
        numeric.append(is_number)
        cells.append([withheld.copy() if (r, i) in hidden else _cell(values[r], fmt, dates) for r in page])
    widths = _layout(columns, cells, numeric, console.width or 80)
    shown = len(widths)
    if result.rows:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold", expand=False)
        for i in range(shown):
            table.add_column(Text(visible(str(columns[i]))), justify="right" if numeric[i] else "left", no_wrap=True,
                             overflow="ellipsis", width=widths[i])
        for k, r in enumerate(page):
            if k and r != page[k - 1] + 1:  # the rows left out between the first and the last ones
                table.add_row(*[Text("·", style="dim")] * shown)
            table.add_row(*[cells[i][k] for i in range(shown)])
        console.print(table)
    console.print(_footer(result, columns[shown:], len(page)))


def _page(count: int, truncated: bool) -> list[int]:
    """Indexes of the rows drawn: all of them, or the first and last PAGE_ROWS / 2 (the first
    PAGE_ROWS when the result was capped, since its last rows were never fetched)."""
    if count <= PAGE_ROWS:
        return list(range(count))
    if truncated:
        return list(range(PAGE_ROWS))
    half = PAGE_ROWS // 2
    return list(range(half)) + list(range(count - half, count))


def _withheld_cells(result: Any, columns: list[str]) -> tuple[set[tuple[int, int]], int]:
    """(row, column) of the values the reviewer's D1 block blanked: the measures of groups under its limit.

    The reviewer blanks them in place (None) and says so in a D1 block finding on the result; which
    rows it blanked follows from the rows behind each (the query's own counts or a count column). A
    NULL the data itself holds stays NULL.
    """
    blocks = [f for f in getattr(result, "findings", None) or []
              if _get(f, "id") == "D1" and _get(f, "severity") == "block"]
    if not blocks or not result.rows:
        return set(), 5
    measures = [columns.index(c) for f in blocks for c in (_get(f, "columns") or []) if c in columns]
    limit = int(min(float(_get(f, "threshold") or 5) for f in blocks))
    counts = getattr(result, "group_sizes", None)
    if counts is None or len(counts) != len(result.rows):
        from dsagent.ethics.representation import find_count_column

        at = find_count_column(columns, result.rows, getattr(result, "query", None))
        counts = [row[at] for row in result.rows] if at is not None else [None] * len(result.rows)
    cells = {(r, i) for r, (row, n) in enumerate(zip(result.rows, counts)) for i in measures
             if row[i] is None and (n is None or (isinstance(n, (int, float)) and n < limit))}
    return cells, limit


def _get(f: Any, key: str) -> Any:
    return f.get(key) if isinstance(f, dict) else getattr(f, key, None)


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


def _footer(result: Any, hidden_names: list[str], drawn: int) -> Text:
    total = int(result.row_count)
    if total == 0:
        text = Text(phrase("no_rows"), style="yellow")
    elif drawn < total:
        export = phrase(f"export_{surface()}")
        key = "page_ends" if drawn < len(result.rows) and not result.truncated else "page_first"
        text = Text(phrase(key, total=f"{total:,}", shown=f"{drawn:,}", half=f"{drawn // 2:,}", export=export),
                    style="bold yellow")
    else:
        text = Text(phrase("one_row" if total == 1 else "rows", total=f"{total:,}"), style="dim")
    hidden = len(hidden_names)
    if hidden:
        names = ", ".join(hidden_names[:8]) + (", ..." if hidden > 8 else "")
        text.append("; " + phrase("one_more_column" if hidden == 1 else "more_columns", count=hidden, names=names),
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
    if not decimal:  # a DECIMAL's scale is the data's own precision (money: 12.50); a float's digits are not
        places = min(places, _needed_places(numbers, places))
    scientific = any(v >= 1e15 for v in finite) or (finite and 0 < max(finite) < 1e-4)
    return {"places": places, "separators": not label, "scientific": bool(scientific)}


def _needed_places(numbers: list[Any], most: int) -> int:
    """The fewest decimals that write every value of the column exactly (9.4, not 9.399999999999999
    or 9.400000), up to `most`: float noise past the 9th significant digit is not a digit."""
    for places in range(most + 1):
        if all(abs(float(v) - round(float(v), places)) <= 1e-9 * max(1.0, abs(float(v)))
               for v in numbers if math.isfinite(float(v))):
            return places
    return most


def _cell(value: Any, fmt: dict[str, Any] | None, dates: Any = None) -> Text:
    if value is None:
        return Text("NULL", style="dim")
    if dates is not None:
        return Text(visible(dates(value)), no_wrap=True)
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
