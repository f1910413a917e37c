"""How a workspace's tables join, found in the data: one line for the compact schema card.

A small model given several tables often answers from one of them ("makers who make PCs with more
than 1500 RAM" read from products alone) or joins on a column that only shares a name (`type`,
`price`). A column is a join key here when tables share it by name and type, its values are unique
in one table (the one the others point to) and every value the other tables hold is among them:
`sales.customer_id = customers.customer_id`, `laptops.model = pcs.model = products.model`.
Only column names are shown, so the line is the same in every privacy mode.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from .naming import quote_ident

MAX_TABLE_ROWS = 500_000  # larger tables are not probed: each probe scans the column
MAX_SHARED_NAMES = 8  # shared column names (and names after another table's column) probed per card
_ID_NAME = re.compile(r"(^|_)(id|key|code|no|num|number)$|[a-z]id$", re.I)


def join_keys(ws: Any, columns: dict[str, list[tuple[str, str]]]) -> list[list[str]]:
    """Groups of `table.column` that join, the table whose values are unique first."""
    owners: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    shapes: dict[str, frozenset] = {t: frozenset(c.lower() for c, _ in cols) for t, cols in columns.items()}
    for table, cols in columns.items():
        for col, typ in cols:
            if _key_like(col, typ):
                owners[(col.lower(), typ)].append((table, col))
    # copies of one table (the same columns) share every column without one pointing to the other
    owners = {k: g for k, g in owners.items() if len({shapes[t] for t, _ in g}) > 1}
    shared = [group for group in owners.values() if len(group) >= 2][:MAX_SHARED_NAMES]
    shared += _named_after(columns)[:MAX_SHARED_NAMES]
    if not shared:
        return []
    small = {t for t in columns if _rows(ws, t) <= MAX_TABLE_ROWS}
    found = []
    for group in shared:
        group = [(t, c) for t, c in group if t in small]
        unique = [(t, c) for t, c in group if _unique(ws, t, c)]
        best: tuple[tuple[str, str], list[tuple[str, str]]] | None = None
        for parent in unique:  # the unique column that holds the most of the others' values
            held = [(t, c) for t, c in group if (t, c) != parent and _within(ws, (t, c), parent)]
            if held and (best is None or len(held) > len(best[1])):
                best = (parent, held)
        if best:
            parent, held = best
            tables = [t for t, _ in held]
            # two columns of one table pointing to the same key are two joins, not one chain
            chains = [held] if len(set(tables)) == len(tables) else [[x] for x in held]
            found += [[f"{_name(t)}.{_name(c)}" for t, c in (parent, *chain)] for chain in chains]
    return found


def _named_after(columns: dict[str, list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    """Columns named after another table's column: trip_id -> trip.id, airline_icao_code ->
    airline.icao_code, departure_airport_iata_code -> airport.iata_code, user_id -> users.id."""
    groups = []
    for parent, pcols in columns.items():
        stem = parent.lower()
        names = {stem, stem[:-1] if stem.endswith("s") else stem}
        for pcol, ptype in pcols:
            if not _key_like(pcol, ptype):
                continue
            suffixes = tuple(f"{n}_{pcol.lower()}" for n in names)
            children = [(t, c) for t, cols in columns.items() if t != parent for c, typ in cols
                        if typ == ptype and (c.lower() in suffixes or c.lower().endswith(tuple("_" + x for x in suffixes)))]
            if children:
                groups.append([(parent, pcol), *children])
    return groups


def join_line(ws: Any, columns: dict[str, list[tuple[str, str]]]) -> str:
    """'-- joins: a.x = b.x; ...' or '' when the tables share no key (or there is one table)."""
    if len(columns) < 2:
        return ""
    try:
        groups = join_keys(ws, columns)
    except Exception:  # noqa: BLE001 - the line is optional context; a failing probe leaves it out
        return ""
    return "-- joins: " + "; ".join(" = ".join(g) for g in groups) if groups else ""


def _key_like(name: str, typ: str) -> bool:
    """Text, or a whole number named like an identifier: a small integer measure (ram, quantity)
    shared by two tables is unique and contained by chance far too often."""
    if typ.upper().startswith(("VARCHAR", "UUID")):
        return True
    return "INT" in typ.upper() and bool(_ID_NAME.search(name))


def _rows(ws: Any, table: str) -> int:
    return int(ws.scalar(f"SELECT count(*) FROM {quote_ident(table)}") or 0)


def _unique(ws: Any, table: str, col: str) -> bool:
    q = quote_ident(col)
    n, distinct = ws.query(f"SELECT count({q}), count(DISTINCT {q}) FROM {quote_ident(table)}",
                           count_total=False).rows[0]
    return bool(n) and n == distinct


def _within(ws: Any, child: tuple[str, str], parent: tuple[str, str]) -> bool:
    """Every non-null value of child is a value of parent (and child has some)."""
    (ct, cc), (pt, pc) = child, parent
    outside, present = ws.query(
        f"SELECT count(*) FILTER (WHERE p.v IS NULL), count(*) FROM (SELECT DISTINCT {quote_ident(cc)} AS v "
        f"FROM {quote_ident(ct)} WHERE {quote_ident(cc)} IS NOT NULL) c "
        f"LEFT JOIN (SELECT DISTINCT {quote_ident(pc)} AS v FROM {quote_ident(pt)}) p ON c.v = p.v",
        count_total=False).rows[0]
    return bool(present) and outside == 0


def _name(name: str) -> str:
    return name if re.fullmatch(r"[a-z_][a-z0-9_]*", name) else quote_ident(name)
