"""Which of an engine's tables a workspace sees (`--tables`), and the names it gives them.

The default is every table the role can read in the search path (PostgreSQL) or the current
database (Spark). `--tables sales.orders,sales.customers` or a glob (`sales.*`, `*_2024`) narrows
it; a name without a schema means the search path. More than MAX_REMOTE_TABLES is refused with a
message that says how to narrow it.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from dsagent.data.naming import table_name_for
from dsagent.engines.base import MAX_REMOTE_TABLES, RemoteTable
from dsagent.errors import UserError


def split_tables_flag(text: str | None) -> list[str]:
    """`--tables a.b, c.*` -> ['a.b', 'c.*']."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def pick_tables(readable: list[RemoteTable], default_schemas: list[str], patterns: list[str],
                where: str, unreadable: list[RemoteTable] | None = None) -> list[RemoteTable]:
    """The tables a workspace registers, in the engine's order; UserError with a way out when
    a pattern names nothing, a named table may not be read, or too many match."""
    defaults = [s.lower() for s in default_schemas]
    if not patterns:
        chosen = [t for t in readable if not t.schema or t.schema.lower() in defaults]
        if not chosen:
            raise UserError(f"{where}: the role can read no table in {', '.join(default_schemas) or 'the search path'}; "
                            "name tables in another schema with --tables schema.table")
        _cap(chosen, where)
        return chosen
    chosen: list[RemoteTable] = []
    for pattern in patterns:
        found = [t for t in readable if _matches(t, pattern, defaults)]
        if not found:
            denied = [t for t in (unreadable or []) if _matches(t, pattern, defaults)]
            if denied:
                raise UserError(f"{where}: permission denied for table {denied[0].qualified} (the role may not "
                                "read it; ask for GRANT SELECT, or leave it out of --tables)")
            sample = ", ".join(t.qualified for t in readable[:8]) + (", ..." if len(readable) > 8 else "")
            raise UserError(f"{where}: no readable table matches '{pattern}' (readable: {sample or 'none'})")
        chosen.extend(t for t in found if t not in chosen)
    _cap(chosen, where)
    return chosen


def _matches(table: RemoteTable, pattern: str, defaults: list[str]) -> bool:
    pattern = pattern.lower()
    if "." in pattern:
        return fnmatchcase(table.qualified.lower(), pattern)
    in_path = not table.schema or table.schema.lower() in defaults
    return in_path and fnmatchcase(table.name.lower(), pattern)


def _cap(chosen: list[RemoteTable], where: str) -> None:
    if len(chosen) > MAX_REMOTE_TABLES:
        schemas = sorted({t.schema for t in chosen if t.schema})[:3]
        example = f"{schemas[0]}.*" if schemas else "name_*"
        raise UserError(f"{where}: {len(chosen)} readable tables, more than {MAX_REMOTE_TABLES}; name the ones to "
                        f"use with --tables schema.a,schema.b or a glob such as '{example}'")


def workspace_names(tables: list[RemoteTable], default_schemas: list[str], taken: set[str]) -> dict[str, RemoteTable]:
    """{workspace name: table}: the table's own name when no other chosen table has it, else
    schema_table (as the schemas of an attached DuckDB file are named), made SQL-safe."""
    counts: dict[str, int] = {}
    for t in tables:
        counts[t.name.lower()] = counts.get(t.name.lower(), 0) + 1
    names: dict[str, RemoteTable] = {}
    used = set(taken)
    for t in tables:
        stem = t.name if counts[t.name.lower()] == 1 or not t.schema else f"{t.schema}_{t.name}"
        name = table_name_for(stem, used)
        used.add(name)
        names[name] = t
    return names
