"""The SQL guard's second opinion: DuckDB's own parser reads the exact text that will run.

sqlglot and DuckDB do not always tokenise alike (sqlglot's DuckDB dialect reads `\\'` inside a string
as an escaped quote; DuckDB does not), so a statement that sqlglot sees as one harmless SELECT could
be two statements to DuckDB. This module therefore parses the final text with DuckDB itself
(`extract_statements` for the count and kind, `json_serialize_sql` for the parse tree) on a
locked-down connection — nothing is executed against the person's data: both only parse — and applies
the same allow-list to the tree DuckDB will actually bind: base tables only from the workspace (or a
CTE in scope), table functions only from a short list that reads no files, no denied scalar functions.

The connection is the workspace's parser cursor when the caller has one (`Workspace.parser`: the
hardened database, no second one), else a private empty connection of this module. A second DuckDB
database costs about 20 ms of CPU and 40 ms or more of wall time to open on every run (issue 20).
"""

from __future__ import annotations

import json
import threading
from typing import Any, Iterable

import duckdb

from dsagent.errors import SqlRejected

# Table functions that read nothing but their arguments. Everything else in FROM must be a table.
ALLOWED_TABLE_FUNCTIONS = frozenset({"range", "generate_series", "unnest", "json_each", "json_tree",
                                     "pragma_version"})
# Table functions describing one table: allowed when their one argument names a workspace table.
TABLE_INFO_FUNCTIONS = frozenset({"pragma_table_info"})

# Scalar functions that read the system, files or settings, or change session state.
DENIED_FUNCTIONS = frozenset({
    "getenv", "current_setting", "nextval", "currval", "setseed", "glob", "sniff_csv", "query",
    "query_table", "which_secret", "write_log", "load_aws_credentials", "read_text", "read_blob",
    "json_execute_serialized_sql", "checkpoint", "force_checkpoint", "shell", "system", "setval",
    "sleep_ms", "pg_sleep",
})
DENIED_PREFIXES = ("read_", "parquet_", "duckdb_", "pragma_", "sqlite_", "postgres_", "mysql_", "iceberg_",
                   "delta_", "ducklake_", "http", "s3_", "enable_", "disable_", "load_", "arrow_", "python_")

# Parse-tree keys that only say where a node was in the text.
_LOCATION_KEYS = ("query_location", "query_location_length")
# How a lambda was spelt: `x -> x + 1` (deprecated, refused by DuckDB 2 at bind time) or
# `lambda x: x + 1`. sqlglot writes the keyword form; both mean the same function.
_LAMBDA_SPELLINGS = ("SINGLE_ARROW", "LAMBDA_KEYWORD")

_parser_lock = threading.Lock()
_parser: duckdb.DuckDBPyConnection | None = None


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ident_key(name: str) -> str:
    """An identifier as DuckDB matches it: case-insensitive for ASCII letters only ('Ó' != 'ó')."""
    return str(name).translate(_ASCII_LOWER)


# Catalog functions (the PostgreSQL compatibility set and DuckDB's own): they describe the connection,
# not the person's data. pg_get_viewdef() returned the internal SQL of the workspace's views, with
# the sources' absolute paths; get_block_size() reported the storage. pg_typeof and pg_size_pretty
# only look at their argument and stay.
CATALOG_FUNCTIONS = frozenset({"get_block_size", "current_schemas", "col_description", "obj_description",
                               "shobj_description"})
_CATALOG_KEPT = frozenset({"pg_typeof", "pg_size_pretty"})


def denied_function(name: str) -> bool:
    """True when a function of this name may not appear in a query."""
    low = name.lower()
    if low in ALLOWED_TABLE_FUNCTIONS or low in TABLE_INFO_FUNCTIONS:
        return False
    if low in CATALOG_FUNCTIONS or low.endswith("_privilege") or (low.startswith("pg_") and low not in _CATALOG_KEPT):
        return True
    return low in DENIED_FUNCTIONS or low.startswith(DENIED_PREFIXES)


def _parser_connection(con: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """`con` when given (a workspace's parser cursor), else a private empty connection used only to
    parse: no tables, no file access, settings locked."""
    global _parser
    if con is not None:
        return con
    if _parser is None:
        con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                                 "autoload_known_extensions": False})
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        _parser = con
    return _parser


def statement_kinds(text: str, con: duckdb.DuckDBPyConnection | None = None) -> list[str]:
    """DuckDB's statement kinds for `text` ('SELECT', 'DROP', ...); raises duckdb.Error if unparsable."""
    # on a connection of ours: duckdb.extract_statements would open DuckDB's default database,
    # another one in the process (about 30 ms)
    with _parser_lock:
        return [s.type.name for s in _parser_connection(con).extract_statements(text)]


def parse_tree(text: str, con: duckdb.DuckDBPyConnection | None = None) -> dict[str, Any] | None:
    """DuckDB's parse tree of one SELECT as JSON (no locations), or None if DuckDB cannot serialise it."""
    with _parser_lock:
        raw = _parser_connection(con).execute("SELECT json_serialize_sql(?)", [text]).fetchone()[0]
    data = json.loads(raw)
    if data.get("error"):
        return None
    return _strip_locations(data)


def _strip_locations(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip_locations(v) for k, v in node.items()
                if k not in _LOCATION_KEYS and not (k == "syntax_type" and v in _LAMBDA_SPELLINGS)}
    if isinstance(node, list):
        return [_strip_locations(v) for v in node]
    return node


def verify(text: str, tables: Iterable[str], con: duckdb.DuckDBPyConnection | None = None) -> dict[str, Any]:
    """Check the exact text DuckDB will run; returns its parse tree or raises SqlRejected.

    `con` parses (see the module's docstring); the private connection when None."""
    try:
        kinds = statement_kinds(text, con)
    except duckdb.Error as exc:
        raise SqlRejected(f"DuckDB cannot parse this statement: {_first_line(exc)}") from None
    if len(kinds) != 1:
        raise SqlRejected(f"Only one statement at a time: DuckDB reads {len(kinds)} statements here "
                          f"({', '.join(kinds)}). Send a single SELECT.")
    if kinds[0] != "SELECT":
        raise SqlRejected(f"{kinds[0]} statements are not allowed: only a read-only SELECT (or WITH ... SELECT) runs.")
    tree = parse_tree(text, con)
    if tree is None:
        raise SqlRejected("DuckDB could not verify this statement as a plain SELECT; rewrite it as one "
                          "SELECT (or WITH ... SELECT) over the workspace's tables.")
    allowed = {ident_key(t) for t in tables}
    for statement in tree.get("statements", []):
        _walk(statement.get("node"), allowed, frozenset())
    return tree


def _walk(node: Any, allowed: set[str], ctes: frozenset[str]) -> None:
    """Apply the allow-lists to every table reference and function call, with CTE names scoped."""
    if isinstance(node, list):
        for item in node:
            _walk(item, allowed, ctes)
        return
    if not isinstance(node, dict):
        return
    cte_map = node.get("cte_map")
    if isinstance(cte_map, dict) and cte_map.get("map"):
        ctes = ctes | {ident_key(entry.get("key", "")) for entry in cte_map["map"]}
    kind = node.get("type")
    if kind == "BASE_TABLE":
        _check_table(node, allowed, ctes)
    elif kind == "TABLE_FUNCTION":
        function = node.get("function") or {}
        name = str(function.get("function_name", "")).lower()
        if name in TABLE_INFO_FUNCTIONS:
            _check_table_argument(name, function.get("arguments") or [], allowed)
        elif name not in ALLOWED_TABLE_FUNCTIONS:
            raise SqlRejected(f"The table function {name}() is not allowed: queries read only the workspace's "
                              f"tables ({_list(allowed)}).")
    elif kind == "SHOW_REF" and node.get("query") is None:
        raise SqlRejected("SHOW is not allowed; the workspace's tables are: " + _list(allowed) + ".")
    if node.get("class") == "FUNCTION" and denied_function(str(node.get("function_name", ""))):
        raise SqlRejected(f"The function {node.get('function_name')}() is not allowed: it reads the system, "
                          "files or settings, or changes session state.")
    for value in node.values():
        if isinstance(value, (dict, list)):
            _walk(value, allowed, ctes)


def _check_table(node: dict[str, Any], allowed: set[str], ctes: frozenset[str]) -> None:
    name = str(node.get("table_name", ""))
    catalog = str(node.get("catalog_name", "")).lower()
    schema = str(node.get("schema_name", "")).lower()
    qualified = bool(catalog and catalog != "memory") or bool(schema and schema != "main")
    if not qualified and not schema and ident_key(name) in ctes:
        return
    if qualified or ident_key(name) not in allowed:
        raise SqlRejected(f"Table '{'.'.join(p for p in (catalog, schema, name) if p)}' is not one of the "
                          f"workspace's tables ({_list(allowed)}).")


def _check_table_argument(name: str, arguments: list[Any], allowed: set[str]) -> None:
    """pragma_table_info('t'): the one argument must be a string naming a workspace table."""
    literal = (arguments[0].get("expression") or {}).get("literal") or {} if len(arguments) == 1 else {}
    if literal.get("kind") != "STRING" or ident_key(str(literal.get("text", ""))) not in allowed:
        raise SqlRejected(f"{name}() takes the name of one of the workspace's tables as a string "
                          f"({_list(allowed)}).")


def _list(names: Iterable[str]) -> str:
    return ", ".join(sorted(names)) or "none"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
