"""Guarded DuckDB SQL -> the engine's SQL, checked again in the engine's own dialect.

The order matters: the SQL guard has judged the DuckDB text already; here the tree is rewritten
(`rewrite.RULES`), the workspace's table names become the engine's qualified names, sqlglot writes
the target dialect (refusing what it cannot write), and the result is parsed *again* by sqlglot in
the target dialect and checked again: exactly one read-only statement, tables only from the
workspace's list, no function that touches files, the network, settings or other sessions.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, SqlglotError, UnsupportedError

from dsagent.engines.base import EngineQueryError, RemoteTable
from dsagent.engines.rewrite import Target, Untranslatable, rewrite
from dsagent.sql.duckdb_parse import ident_key

# Functions refused in the target dialect, whatever the DuckDB text looked like.
_DENIED = {
    "postgres": {"current_setting", "set_config", "nextval", "setval", "currval", "lo_import", "lo_export",
                 "lo_get", "lo_put", "lo_from_bytea", "lo_create", "lo_unlink", "query_to_xml", "table_to_xml",
                 "cursor_to_xml", "schema_to_xml", "database_to_xml", "query_to_xmlschema",
                 "query_to_xml_and_xmlschema", "txid_current", "inet_server_addr", "inet_server_port"},
    "spark": {"reflect", "java_method", "try_reflect", "input_file_name", "input_file_block_start",
              "input_file_block_length", "read_files", "current_user", "session_user", "secret", "try_secret"},
}
_DENIED_PREFIXES = {
    "postgres": ("pg_", "dblink", "lo_", "file_", "pgp_"),
    "spark": ("java_", "read_", "aes_"),
}


def tables_in(sql: str) -> set[str] | None:
    """The table names (ident_key) a DuckDB statement reads, CTE names excluded; None if sqlglot
    cannot parse it (the caller then asks DuckDB's parser)."""
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except SqlglotError:
        return None
    ctes = {ident_key(c.alias_or_name) for c in tree.find_all(exp.CTE)}
    return {ident_key(t.name) for t in tree.find_all(exp.Table)
            if t.name and not (not t.db and ident_key(t.name) in ctes)}


def to_engine_sql(sql: str, target: Target) -> str:
    """The engine's text for one guarded DuckDB statement; EngineQueryError / Untranslatable
    (both fed back to the planner) when it cannot be written faithfully."""
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except SqlglotError:
        raise Untranslatable(f"This query uses DuckDB-only syntax that cannot be checked for {target.label}; "
                             "write it as a plain SELECT ... FROM ... GROUP BY ...") from None
    if isinstance(tree, (exp.Describe, exp.Summarize)):
        raise Untranslatable(f"DESCRIBE and SUMMARIZE run only on DuckDB; on {target.label} ask for the schema "
                             "card (the tables' columns) or select the columns you need.")
    tree = rewrite(tree, target)
    _qualify_tables(tree, target)
    _exact_columns(tree, target)
    try:
        text = tree.sql(dialect=target.dialect, unsupported_level=ErrorLevel.RAISE)
    except UnsupportedError as exc:
        raise Untranslatable(f"This query cannot be written for {target.label}: {_one_line(str(exc))} "
                             "Rewrite that part with plain SQL.") from None
    check_engine_sql(text, target)
    return text


def _qualify_tables(tree: exp.Expr, target: Target) -> None:
    """Workspace names -> the engine's schema.table, aliased back to the workspace name so that
    `orders.amount` still resolves."""
    ctes = {ident_key(c.alias_or_name) for c in tree.find_all(exp.CTE)}
    for table in list(tree.find_all(exp.Table)):
        key = ident_key(table.name)
        if table.db or key in ctes or key not in target.tables:
            continue
        remote = target.tables[key]
        alias = table.args.get("alias")
        new = exp.Table(this=exp.to_identifier(remote.name, quoted=True),
                        db=exp.to_identifier(remote.schema, quoted=True) if remote.schema else None,
                        alias=alias.copy() if alias else exp.TableAlias(this=exp.to_identifier(table.name)))
        if table.args.get("sample") is not None:
            new.set("sample", table.args["sample"].copy())
        table.replace(new)


def _exact_columns(tree: exp.Expr, target: Target) -> None:
    """A column DuckDB matched case-insensitively gets its exact, quoted name: PostgreSQL folds an
    unquoted `Region` to `region`, which is another column there."""
    exact: dict[str, str] = {}
    for key in target.tables:
        for name, _ in target.columns(key):
            exact.setdefault(ident_key(name), name)
    for column in tree.find_all(exp.Column):
        ident = column.this
        if isinstance(ident, exp.Identifier) and ident_key(ident.name) in exact:
            column.set("this", exp.to_identifier(exact[ident_key(ident.name)], quoted=True))


def check_engine_sql(text: str, target: Target) -> None:
    """Parse the engine's text in its own dialect and apply the allow-list once more."""
    try:
        statements = [s for s in sqlglot.parse(text, read=target.dialect) if s is not None]
    except SqlglotError as exc:
        raise EngineQueryError(f"The query written for {target.label} does not parse again there "
                               f"({_one_line(str(exc))}); write it more simply.") from None
    if len(statements) != 1:
        raise EngineQueryError(f"The query for {target.label} became {len(statements)} statements; send one SELECT.")
    statement = statements[0]
    if not isinstance(statement, (exp.Select, exp.SetOperation, exp.Subquery)):
        raise EngineQueryError(f"Only a read-only SELECT runs on {target.label}, not {statement.key.upper()}.")
    for node in statement.find_all(exp.Into, exp.Lock, exp.Command, exp.Create, exp.Insert, exp.Update,
                                   exp.Delete, exp.Drop, exp.Set):
        raise EngineQueryError(f"Only a read-only SELECT runs on {target.label}: {node.key.upper()} is not allowed.")
    allowed = {(ident_key(t.schema), ident_key(t.name)) for t in target.tables.values()}
    ctes = {ident_key(c.alias_or_name) for c in statement.find_all(exp.CTE)}
    for table in statement.find_all(exp.Table):
        if isinstance(table.this, exp.Func) or not isinstance(table.this, exp.Identifier):
            raise EngineQueryError(f"Table functions are not allowed on {target.label}; read only the tables.")
        if table.catalog:
            raise EngineQueryError(f"Table '{table.sql(target.dialect)}' is not one of the workspace's tables.")
        key = (ident_key(table.db), ident_key(table.name))
        if not table.db and key[1] in ctes:
            continue
        if key not in allowed:
            raise EngineQueryError(f"Table '{table.sql(target.dialect)}' is not one of the workspace's tables.")
    denied, prefixes = _DENIED[target.dialect], _DENIED_PREFIXES[target.dialect]
    for func in statement.find_all(exp.Func):
        name = (func.name if isinstance(func, exp.Anonymous) else func.sql_name()).lower()
        if name in denied or name.startswith(prefixes):
            raise EngineQueryError(f"The function {name}() is not allowed on {target.label}: it reads the server, "
                                   "files or settings.")


def _one_line(text: str) -> str:
    return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", text).split())[:400]


__all__ = ["RemoteTable", "Target", "Untranslatable", "check_engine_sql", "tables_in", "to_engine_sql"]
