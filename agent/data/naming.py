"""Names: SQL-safe table names derived from files, and identifier quoting.

Table-name rule (documented in docs/data.md): take the file name without its extension(s), fold
accents to ASCII, lower-case it, turn every run of characters other than a-z, 0-9 into one `_`, trim
`_` at both ends; a name that is empty or starts with a digit gets the prefix `t_`; a name that is a
SQL keyword gets the suffix `_t`; a name already taken gets `_2`, `_3`, ... Column names are kept as
they are in the file and quoted wherever they are used.
"""

from __future__ import annotations

import re

from dsagent.words.text import fold_accents

# Keywords that cannot be used unquoted as a table name in DuckDB (and most dialects): every DuckDB
# 2.0 keyword outside the 'unreserved' category (`SELECT keyword_name FROM duckdb_keywords() WHERE
# keyword_category <> 'unreserved'`), plus words reserved in other common dialects so that SQL
# shown with --dialect stays valid. Found the hard way: a file `semi.csv` became `FROM semi`, which
# DuckDB parses as a SEMI join.
_DUCKDB_KEYWORDS = """
all analyse analyze and anti any array as asc asof asymmetric at authorization between bigint binary
bit boolean both by case cast char character check coalesce collate collation column columns
concurrently constraint create cross dec decimal default deferrable desc describe distinct do else end
except exists extract false fetch float for foreign freeze from full generated glob group grouping
grouping_id having ilike in initially inner inout int integer intersect interval into is isnull join
lambda lateral leading left like limit map national natural nchar none not notnull null nullif numeric
offset on only or order out outer overlaps overlay pivot pivot_longer pivot_wider placing position
positional precision primary qualify real references returning right row select semi setof show
similar smallint some struct substring summarize symmetric table tablesample then time timestamp to
trailing treat trim true try_cast tuple union unique unpack unpivot using values varchar variadic
verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces
xmlparse xmlpi xmlroot xmlserialize xmltable
"""
_OTHER_DIALECTS = """
user date over partition range rows set delete update insert drop alter copy attach detach install
load pragma call export import reset
"""
_RESERVED = frozenset((_DUCKDB_KEYWORDS + _OTHER_DIALECTS).split())

_IDENT_SAFE = re.compile(r"^[a-z_][a-z0-9_]*$")


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
