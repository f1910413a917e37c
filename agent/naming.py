"""Names: SQL-safe table names derived from files, and identifier quoting.

Table-name rule (documented in docs/data.md): take the file name without its extension(s), fold
accents to ASCII, lower-case it, turn every run of characters other than a-z, 0-9 into one `_`, trim
`_` at both ends; a name that is empty or starts with a digit gets the prefix `t_`; a name that is a
SQL keyword gets the suffix `_t`; a name already taken gets `_2`, `_3`, ... Column names are kept as
they are in the file and quoted wherever they are used.
"""

from __future__ import annotations

import re
import unicodedata

# Keywords that cannot be used unquoted as a table name in DuckDB (and most dialects).
_RESERVED = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case",
    "cast", "check", "collate", "column", "constraint", "create", "default", "deferrable", "desc",
    "describe", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
    "from", "grant", "group", "having", "in", "initially", "intersect", "into", "join", "lateral",
    "leading", "limit", "not", "null", "offset", "on", "only", "or", "order", "pivot", "placing",
    "primary", "qualify", "references", "returning", "select", "show", "some", "summarize",
    "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "unpivot", "using",
    "variadic", "when", "where", "window", "with", "user", "date", "time", "timestamp", "interval",
    "values", "by", "left", "right", "inner", "outer", "full", "cross", "natural", "is", "like",
    "between", "exists", "over", "partition", "range", "rows", "set", "delete", "update", "insert",
    "drop", "alter", "copy", "attach", "detach", "install", "load", "pragma", "call", "export",
    "import", "reset",
}

_IDENT_SAFE = re.compile(r"^[a-z_][a-z0-9_]*$")


def fold_accents(text: str) -> str:
    """'Málaga Ñu' -> 'Malaga Nu'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def table_name_for(stem: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A clean, unique, SQL-safe table name for a file stem (see the module docstring)."""
    name = re.sub(r"[^a-z0-9]+", "_", fold_accents(stem).lower()).strip("_")
    if not name or name[0].isdigit():
        name = f"t_{name}" if name else "t"
    if name in _RESERVED:
        name = f"{name}_t"
    base, n = name, 2
    while name in taken:
        name = f"{base}_{n}"
        n += 1
    return name


def quote_ident(name: str) -> str:
    """Quote an identifier for DuckDB when it needs it: `order date` -> `"order date"`."""
    if _IDENT_SAFE.match(name) and name not in _RESERVED:
        return name
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"
