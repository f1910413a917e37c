"""Other engines' SQL: `--dialect` names and sqlglot transpilation of guarded DuckDB SQL."""

from __future__ import annotations

from difflib import get_close_matches

import sqlglot
from sqlglot.errors import ErrorLevel, SqlglotError, UnsupportedError

from dsagent.errors import UserError

READ = "duckdb"


def _one_line(text: str) -> str:
    import re

    return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", text).split())[:500]


_DIALECT_ALIASES = {"postgresql": "postgres", "pg": "postgres", "sparksql": "spark", "mssql": "tsql",
                    "sqlserver": "tsql", "bq": "bigquery", "prestosql": "presto", "maria": "mysql",
                    "mariadb": "mysql", "sqlite3": "sqlite"}


def dialect_names() -> list[str]:
    """Dialects sqlglot can write, for help text and suggestions."""
    return sorted(d for d in sqlglot.Dialect.classes if d)


def resolve_dialect(dialect: str) -> str:
    """A known sqlglot dialect name, or UserError "Unknown dialect 'x'. Did you mean y?"."""
    name = (dialect or "duckdb").strip().lower()
    name = _DIALECT_ALIASES.get(name, name)
    known = dialect_names()
    if name not in known:
        close = get_close_matches(name, known, n=1, cutoff=0.5)
        hint = f" Did you mean {close[0]}?" if close else f" Dialects: {', '.join(known)}."
        raise UserError(f"Unknown dialect '{dialect}'.{hint}")
    return name


def transpile(sql: str, dialect: str) -> str:
    """Rewrite guarded DuckDB SQL for another engine with sqlglot; UserError when it cannot be written."""
    name = resolve_dialect(dialect)
    if name == READ:
        return sql
    try:
        return sqlglot.transpile(sql, read=READ, write=name, unsupported_level=ErrorLevel.RAISE)[0]
    except UnsupportedError as exc:
        raise UserError(f"This query cannot be written in {name}: {_one_line(str(exc))}") from None
    except SqlglotError as exc:
        raise UserError(f"sqlglot cannot transpile this query to {name}: {_one_line(str(exc))}") from None
