"""The SQL guard: every statement, typed by a person or written by a model, passes here before DuckDB.

`guard_sql(sql, ws)` accepts exactly one read-only statement — SELECT, WITH ... SELECT, a set
operation of selects, VALUES, or DESCRIBE/SUMMARIZE of a workspace table or query — and refuses
everything else with a message a model can act on (worded in `sqlguard_hints`). It is an
allow-list: only the workspace's tables (and CTE names) may appear as tables, only `range`,
`generate_series`, `unnest`, `json_each`, `json_tree`, `pragma_version` and `pragma_table_info` of a
workspace table as table functions, and functions that read the system, files or settings are
denied. Two parsers must agree: sqlglot (for structure, suggestions and normalisation) and DuckDB's
own parser on the exact text that will run (see `sqlguard_duckdb`). The hardened Workspace is the
third wall. docs/sql.md explains each rule.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, SqlglotError

from dsagent.sql import duckdb_parse as engine
from dsagent.sql.dialect import dialect_names, resolve_dialect, transpile  # noqa: F401  (the guard's public API)
from dsagent.sql.sizes import Limits, check_sizes
from dsagent.sql.repair import columns_of, did_you_mean, did_you_mean_in, unknown_column
from dsagent.sql.typed import looks_like_sql, skip_comments  # noqa: F401
from dsagent.errors import SqlRejected
from dsagent.data.memory import parse_size
from dsagent.data.naming import quote_literal

# sqlglot logs "falling back to parsing as a Command" warnings; the guard reports those itself.
logging.getLogger("sqlglot").setLevel(logging.ERROR)

MAX_SQL_CHARS = 100_000
READ = "duckdb"

_WRITES = "changes data or schema; dsagent only reads (one SELECT or WITH ... SELECT) and never changes a source. " \
          "Ask in plain language for a cleaned or derived copy instead."
_REFUSALS: dict[type, str] = {
    exp.Create: _WRITES, exp.Drop: _WRITES, exp.Alter: _WRITES, exp.Insert: _WRITES, exp.Update: _WRITES,
    exp.Delete: _WRITES, exp.Merge: _WRITES, exp.TruncateTable: _WRITES, exp.Cache: _WRITES,
    exp.Copy: "writes or reads files; queries may only read the workspace's tables.",
    exp.Export: "writes files; queries may only read the workspace's tables.",
    exp.Attach: "opens other databases; only the data named on the command line can be read.",
    exp.Detach: "changes which databases are open; only the data named on the command line can be read.",
    exp.Use: "changes which database is open; only the data named on the command line can be read.",
    exp.Install: "installs an extension; dsagent never installs or loads extensions at run time.",
    exp.LoadData: "loads files or extensions; only the data named on the command line can be read.",
    exp.Pragma: "reads or changes settings; settings are fixed while dsagent runs.",
    exp.Set: "changes settings; settings are fixed while dsagent runs.",
    exp.Transaction: "starts a transaction; queries are single read-only statements.",
    exp.Commit: "ends a transaction; queries are single read-only statements.",
    exp.Rollback: "ends a transaction; queries are single read-only statements.",
    exp.Show: "is not allowed; use DESCRIBE <table> to see a table's columns.",
    exp.Pivot: "as a statement is not allowed; write PIVOT inside a SELECT with explicit values, e.g. "
               "SELECT * FROM t PIVOT (sum(x) FOR y IN ('a', 'b')).",
}
_WRITE_WORDS = ("CREATE", "DROP", "ALTER", "INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE")
_COMMAND_REFUSALS = {
    "LOAD": "loads an extension; dsagent never installs or loads extensions at run time.",
    "RESET": "changes settings; settings are fixed while dsagent runs.",
    "CALL": "runs a procedure; only a read-only SELECT runs.",
    "EXPORT": "writes files; queries may only read the workspace's tables.",
    "IMPORT": "reads files into the database; only the data named on the command line can be read.",
    "VACUUM": "maintains the database; only a read-only SELECT runs.",
    "CHECKPOINT": "maintains the database; only a read-only SELECT runs.",
    "ATTACH": "opens other databases; only the data named on the command line can be read.",
    "INSTALL": "installs an extension; dsagent never installs or loads extensions at run time.",
    "PRAGMA": "reads or changes settings; settings are fixed while dsagent runs.",
    "SET": "changes settings; settings are fixed while dsagent runs.",
    "COPY": "writes or reads files; queries may only read the workspace's tables.",
    "BEGIN": "starts a transaction; queries are single read-only statements.",
    **{word: _WRITES for word in _WRITE_WORDS},
}
# Bare words DuckDB binds without a table (sqlglot may parse some of them as columns).
_IMPLICIT_NAMES = {"range", "generate_series", "unnest", "rowid", "all", "current_date", "current_time",
                   "current_timestamp", "current_user", "current_role", "session_user", "user", "localtime",
                   "localtimestamp", "current_catalog", "current_schema", "true", "false", "null"}


_key = engine.ident_key  # DuckDB matches identifiers case-insensitively for ASCII letters only
_AMBIGUOUS = "\x00ambiguous"  # an alias naming different tables in different scopes


@dataclass(frozen=True)
class GuardedSql:
    """A statement that passed the guard: the text to run and what it reads."""

    sql: str  # the text to run on DuckDB: sqlglot-normalised when DuckDB parses it identically
    tables: list[str] = field(default_factory=list)  # workspace tables it reads
    columns: list[str] = field(default_factory=list)  # workspace columns it names explicitly
    original: str = ""
    normalised: bool = False


def guard_sql(sql: str, ws: Any, question: str = "") -> GuardedSql:
    """Check one statement against the workspace; raises `SqlRejected` with a repairable message.

    `question`, the request the statement answers (when a model wrote it), only shapes suggestions:
    of the tables a missing column could come from, the joins offered are to those the request names."""
    text = (sql or "").strip()
    if not text.rstrip(";").strip():
        raise SqlRejected("Empty statement: send one SELECT over the workspace's tables.")
    if len(text) > MAX_SQL_CHARS:
        raise SqlRejected(f"Statement too long ({len(text):,} characters; the limit is {MAX_SQL_CHARS:,}).")
    _check_characters(text)
    try:
        return _guard(text, ws, question)
    except RecursionError:  # sqlglot walks the tree recursively; DuckDB stops at depth 1000 anyway
        raise SqlRejected("The statement is nested too deeply to check; simplify it (fewer nested "
                          "parentheses or subqueries).") from None


def _guard(text: str, ws: Any, question: str = "") -> GuardedSql:
    workspace_tables = {_key(name): name for name in ws.tables}
    introspection = _introspection(text, ws, workspace_tables)
    if introspection is not None:
        return introspection
    try:
        statements = [s for s in sqlglot.parse(text, read=READ) if s is not None and not isinstance(s, exp.Semicolon)]
    except SqlglotError as exc:  # parse or tokenizer error: DuckDB may still read it (DuckDB-only syntax)
        return _guard_unparsed(text, exc, workspace_tables, ws)
    if len(statements) != 1:
        kinds = ", ".join(_statement_word(s) for s in statements) or "none"
        raise SqlRejected(f"Only one statement at a time: found {len(statements)} ({kinds}). Send a single SELECT.")
    statement = statements[0]
    _check_statement_kind(statement, text)
    ctes = {_key(cte.alias_or_name) for cte in statement.find_all(exp.CTE)}
    used, tables = _check_tables(statement, workspace_tables, ctes)
    _check_functions(statement)
    columns = _check_columns(statement, ws, used, tables, ctes, question)

    # DuckDB must read the original as one allowed SELECT; the normalised text is used only when
    # DuckDB's parse tree of it is identical, otherwise the original (without comments) runs.
    original = _without_comments(text)
    parser = _parser_of(ws)
    tree = engine.verify(original, workspace_tables.values(), parser)
    check_sizes(tree, _size_limits(ws))
    normal = statement.sql(dialect=READ, comments=False)
    if normal == original:  # the same text has the same tree: no second parse (our own rewrites, run_sql's count)
        return GuardedSql(normal, tables, columns, text, True)
    try:
        if engine.verify(normal, workspace_tables.values(), parser) == tree:
            return GuardedSql(normal, tables, columns, text, True)
    except SqlRejected:
        pass
    return GuardedSql(original, tables, columns, text, False)


_SHOW_TABLES = re.compile(r"^(?:SHOW\s+TABLES|PRAGMA\s+show_tables|CALL\s+pragma_show_tables\s*\(\s*\))\s*;?\s*$",
                          re.I)
_TABLE_INFO = re.compile(r"""^(?:PRAGMA\s+table_info|CALL\s+pragma_table_info)\s*\(\s*(?:'([^']*)'|"([^"]*)"|(\w+))\s*\)\s*;?\s*$""",
                         re.I)
_VERSION = re.compile(r"^(?:PRAGMA\s+version|CALL\s+pragma_version\s*\(\s*\))\s*;?\s*$", re.I)
_EXPLAIN = re.compile(r"^EXPLAIN\s+(ANALY[SZ]E\s+)?", re.I)


def _introspection(text: str, ws: Any, workspace_tables: dict[str, str]) -> GuardedSql | None:
    """SHOW TABLES, PRAGMA show_tables / table_info(t) / version (or CALL pragma_...) and EXPLAIN
    [ANALYZE] of a guarded query.

    These are read-only questions about the workspace, so they are answered — but never passed
    through as PRAGMA/SHOW (which see the whole connection): each is rebuilt as a SELECT over the
    workspace's own names, or as EXPLAIN of a statement that passed the guard.
    """
    body = skip_comments(text)
    if _SHOW_TABLES.match(body):
        names = sorted(ws.tables)
        if not names:
            raise SqlRejected("The workspace has no tables.")
        values = ", ".join(f"({quote_literal(n)})" for n in names)
        # `table_name`, not DuckDB's `name`: a column called name is a person's name to the reviewer,
        # which masked SHOW TABLES as <PERSON>.
        return GuardedSql(f"SELECT table_name FROM (VALUES {values}) AS t(table_name) ORDER BY table_name",
                          names, [], text, True)
    info = _TABLE_INFO.match(body)
    if info:
        name = next(g for g in info.groups() if g is not None)
        real = workspace_tables.get(_key(name))
        if real is None:
            raise SqlRejected(f"Unknown table '{name}'{did_you_mean(name, list(workspace_tables.values()))} "
                              f"Tables: {', '.join(sorted(workspace_tables.values()))}.")
        return GuardedSql(f"SELECT * FROM pragma_table_info({quote_literal(real)})", [real], [], text, True)
    if _VERSION.match(body):
        return GuardedSql("SELECT * FROM pragma_version()", [], [], text, True)
    explain = _EXPLAIN.match(body)
    if explain:
        inner = guard_sql(body[explain.end():], ws)
        if _EXPLAIN.match(inner.sql):
            raise SqlRejected("EXPLAIN of an EXPLAIN is not allowed.")
        prefix = "EXPLAIN ANALYZE " if explain.group(1) else "EXPLAIN "
        return GuardedSql(prefix + inner.sql, inner.tables, inner.columns, text, inner.normalised)
    return None


def _parser_of(ws: Any):
    """The workspace's own parser cursor, or None (duckdb_parse's private connection then parses)."""
    parser = getattr(ws, "parser", None)
    con = parser() if callable(parser) else None
    return con if isinstance(con, engine.duckdb.DuckDBPyConnection) else None


def _guard_unparsed(text: str, error: SqlglotError, workspace_tables: dict[str, str], ws: Any) -> GuardedSql:
    """sqlglot cannot parse it: refuse, unless DuckDB reads it as one allowed SELECT (DuckDB-only syntax)."""
    try:
        kinds = engine.statement_kinds(text, _parser_of(ws))
    except Exception:  # DuckDB cannot parse it either: sqlglot's message has the line and column
        raise SqlRejected(_parse_message(error)) from None
    if len(kinds) == 1 and kinds[0] != "SELECT":
        first = re.match(r"[A-Za-z]+", skip_comments(text))
        word = first.group(0).upper() if first else kinds[0]
        raise SqlRejected(_refusal(word if word in _COMMAND_REFUSALS or word in _WRITE_WORDS else kinds[0]))
    if len(kinds) != 1:
        raise SqlRejected(f"Only one statement at a time: found {len(kinds)} ({', '.join(kinds)}). Send a single SELECT.")
    tree = engine.verify(text, workspace_tables.values(), _parser_of(ws))
    check_sizes(tree, _size_limits(ws))
    tables = sorted({workspace_tables[n] for n in _tree_tables(tree) if n in workspace_tables})
    return GuardedSql(text.rstrip().rstrip(";").rstrip(), tables, [], text, False)


def _tree_tables(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if node.get("type") == "BASE_TABLE":
            found.add(_key(node.get("table_name", "")))
        for value in node.values():
            found |= _tree_tables(value)
    elif isinstance(node, list):
        for value in node:
            found |= _tree_tables(value)
    return found


# ------------------------------------------------------------------------------------ checks
_DEFAULT_MEMORY = "4GB"  # the Workspace's default, for a workspace object that does not say


def _size_limits(ws: Any) -> Limits:
    """How large one value may be under the workspace's memory limit (see dsagent.sql.sizes)."""
    limit = str(getattr(ws, "memory_limit", None) or _DEFAULT_MEMORY)
    try:
        return Limits.for_memory(parse_size(limit), limit)
    except ValueError:
        return Limits.for_memory(parse_size(_DEFAULT_MEMORY), _DEFAULT_MEMORY)


def _check_characters(text: str) -> None:
    """Refuse control and invisible formatting characters (zero-width, bidi overrides, BOM)."""
    for ch in text:
        if ch in "\t\n\r":
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf"):
            name = unicodedata.name(ch, "control character")
            raise SqlRejected(f"The statement contains an invisible character U+{ord(ch):04X} ({name}); "
                              "retype it without hidden characters.")


def _statement_word(statement: exp.Expression) -> str:
    """The keyword a person would use for a parsed statement: SELECT, DROP, TRUNCATE ..."""
    if isinstance(statement, exp.Command):
        return str(statement.this).upper()
    if isinstance(statement, (exp.Select, exp.SetOperation, exp.Subquery)):
        return "SELECT"
    first = re.match(r"[A-Za-z]+", skip_comments(statement.sql(dialect=READ)))
    return first.group(0).upper() if first else statement.key.upper()


def _refusal(word: str, statement: exp.Expression | None = None) -> str:
    """Why a statement kind is refused, as one sentence starting with its keyword."""
    reason = None
    if statement is not None:
        reason = next((r for kind, r in _REFUSALS.items() if isinstance(statement, kind)), None)
    reason = reason or _COMMAND_REFUSALS.get(word)
    if reason is None:
        return f"{word} is not allowed: only a read-only SELECT (or WITH ... SELECT) runs."
    return f"{word} {reason}" if reason.startswith(("is ", "as ")) else f"{word} is not allowed: it {reason}"


def _check_statement_kind(statement: exp.Expression, text: str) -> None:
    if isinstance(statement, (exp.Select, exp.SetOperation, exp.Values, exp.Subquery)):
        return
    if isinstance(statement, (exp.Describe, exp.Summarize)):
        return  # of a workspace table or a query: tables are checked like any other
    first = re.match(r"[A-Za-z]+", skip_comments(text))
    word = first.group(0).upper() if first else _statement_word(statement)
    if word == "FORCE":
        word = "INSTALL"
    raise SqlRejected(_refusal(word, statement))


def _check_tables(statement: exp.Expression, workspace_tables: dict[str, str],
                  ctes: set[str]) -> tuple[dict[str, str], list[str]]:
    """Every table must be a workspace table or a CTE; returns ({name or alias: table}, tables read)."""
    used: dict[str, str] = {}
    read: set[str] = set()
    available = ", ".join(sorted(workspace_tables.values())) or "none"
    for table in statement.find_all(exp.Table):
        if isinstance(table.this, exp.Func):
            name = _function_name(table.this)
            if name in engine.ALLOWED_TABLE_FUNCTIONS:
                continue
            if name in engine.TABLE_INFO_FUNCTIONS:
                read.add(_described_table(name, table.this, workspace_tables))
                continue
            raise SqlRejected(f"The table function {name}() is not allowed: queries read only the workspace's "
                              f"tables ({available}), never files, URLs or the system.")
        name, db, catalog = table.name, table.db, table.catalog
        if not db and not catalog and _key(name) in ctes:
            continue
        if (db and _key(db) != "main") or (catalog and _key(catalog) != "memory"):
            full = ".".join(p for p in (catalog, db, name) if p)
            flat = workspace_tables.get(_key(f"{db}_{name}"))  # a source schema's table is registered as schema_table
            if flat:
                raise SqlRejected(f"Table '{full}' is registered in the workspace as {flat}; write FROM {flat}.")
            raise SqlRejected(f"Table '{full}' is not one of the workspace's tables; use a table name alone "
                              f"({available}).")
        real = workspace_tables.get(_key(name))
        if real is None:
            if re.search(r"[/\\:]|\.\w{2,8}$", name):
                raise SqlRejected(f"Reading files by path ('{name}') is not allowed: only the data named on the "
                                  f"command line can be read, as the tables {available}.")
            raise SqlRejected(f"Unknown table '{name}'{did_you_mean(name, list(workspace_tables.values()))} "
                              f"Tables: {available}.")
        read.add(real)
        for label in {_key(name), _key(table.alias)} - {""}:
            # the same alias for two tables in different scopes: leave its columns to DuckDB
            used[label] = real if used.get(label, real) == real else _AMBIGUOUS
    return used, sorted(read)


def _described_table(name: str, function: exp.Expression, workspace_tables: dict[str, str]) -> str:
    """The workspace table named by pragma_table_info('t'); refuses any other argument."""
    args = function.expressions
    if len(args) == 1 and isinstance(args[0], exp.Literal) and args[0].is_string:
        real = workspace_tables.get(_key(args[0].this))
        if real is not None:
            return real
    tables = ", ".join(sorted(workspace_tables.values())) or "none"
    raise SqlRejected(f"{name}() takes the name of one of the workspace's tables as a string ({tables}).")


def _function_name(node: exp.Expression) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    return node.sql_name().lower()


def _check_functions(statement: exp.Expression) -> None:
    for node in statement.find_all(exp.Func):
        name = _function_name(node)
        if engine.denied_function(name):
            raise SqlRejected(f"The function {name}() is not allowed: it reads the system, files or settings, "
                              "or changes session state.")


def _check_columns(statement: exp.Expression, ws: Any, used: dict[str, str], tables: list[str],
                   ctes: set[str], question: str = "") -> list[str]:
    """Refuse columns that exist nowhere in the query's tables or aliases, with suggestions.

    Conservative on purpose: a name that could be an alias, a lambda parameter, a struct field or a
    column made by PIVOT is left to DuckDB's binder (whose error goes back to the model as well).
    """
    if statement.find(exp.Pivot) or any(_function_name(f) == "columns" for f in statement.find_all(exp.Func)):
        return []
    if any(isinstance(t.this, exp.Func) and _function_name(t.this) not in ("range", "generate_series")
           for t in statement.find_all(exp.Table)):
        return []  # json_each/json_tree name their own output columns
    table_columns = {real: [c for c, _ in ws.columns(real)] for real in tables}
    derived = {_key(node.alias) for node in statement.find_all(exp.Subquery, exp.Values, exp.Unnest, exp.Lateral)
               if node.alias}
    known = {_key(c): c for cols in table_columns.values() for c in cols}
    others = set(_IMPLICIT_NAMES) | ctes | set(used)
    others |= {_key(a.alias) for a in statement.find_all(exp.Alias) if a.alias}
    for alias in statement.find_all(exp.TableAlias):
        others.add(_key(alias.name))
        others |= {_key(c.name) for c in alias.columns}
    for lam in statement.find_all(exp.Lambda):
        others |= {_key(e.name) for e in lam.expressions}
    for comp in statement.find_all(exp.Comprehension):  # [x FOR x IN list IF ...]
        variable = comp.args.get("expression")
        if variable is not None:
            others.add(_key(variable.name))
    has_values = statement.find(exp.Values) is not None
    named: list[str] = []
    for column in statement.find_all(exp.Column):
        if isinstance(column.this, exp.Star) or len(column.parts) > 2:
            continue
        name, low, qualifier = column.name, _key(column.name), _key(column.table)
        if qualifier:
            real = used.get(qualifier) if qualifier not in ctes and qualifier not in derived else None
            if real is None or real == _AMBIGUOUS:
                continue  # a subquery alias, a CTE or a struct column: DuckDB decides
            cols = {_key(c): c for c in table_columns[real]}
            if low not in cols:
                raise SqlRejected(f"Unknown column '{name}' in table {real}"
                                  f"{did_you_mean_in(name, real, table_columns[real], ws)} {columns_of(real, table_columns)}")
            named.append(cols[low])
            continue
        if low in known:
            named.append(known[low])
        elif low in others or "(" in name or (has_values and re.fullmatch(r"col\d+", low)):
            continue
        else:
            raise SqlRejected(unknown_column(name, column, table_columns, ws, question))
    return list(dict.fromkeys(named))


def _parse_message(error: SqlglotError) -> str:
    details = error.errors[0] if isinstance(error, ParseError) and error.errors else {}
    if not details:
        return f"Syntax error: {_one_line(str(error))}"
    near = (details.get("highlight") or "").strip()
    where = f"line {details.get('line')}, column {details.get('col')}"
    return (f"Syntax error at {where}" + (f" near '{near}'" if near else "") + f": {details.get('description')}."
            + _QUOTING)


# The syntax slips small models make most: aliases with spaces, Python's r'...' strings, "text".
_QUOTING = (" Names with spaces or symbols take double quotes (AS \"total (USD)\"); text values take single "
            "quotes ('like this'); there are no r'...' strings.")


def _one_line(text: str) -> str:
    return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", text).split())[:500]


def _without_comments(text: str) -> str:
    """The statement without comments and trailing semicolons, spacing kept (via sqlglot's tokens)."""
    tokens = [t for t in sqlglot.Dialect.get_or_raise(READ).tokenize(text)]
    while tokens and tokens[-1].token_type == sqlglot.TokenType.SEMICOLON:
        tokens.pop()
    if not tokens:
        return ""
    parts, previous_end = [], None
    for token in tokens:
        if previous_end is not None:
            gap = text[previous_end + 1:token.start]
            parts.append(gap if gap.strip() == "" else ("\n" if "\n" in gap else " "))
        parts.append(text[token.start:token.end + 1])
        previous_end = token.end
    return "".join(parts)
