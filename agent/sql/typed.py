"""Is a request itself SQL? Typed statements are guarded and run; questions go to the planner."""

from __future__ import annotations

import re

_SQL_START = re.compile(
    r"""^(?:
        SELECT\s+(?:\*|DISTINCT\b|ALL\b|[\w".]+\s*(?:[,()*+\-/|:\[=<>%;]|\bFROM\b|\bAS\b|$))
      | WITH\s+(?:RECURSIVE\s+)?[\w"]+\s*(?:\([^)]*\))?\s+AS\s*(?:NOT\s+)?(?:MATERIALIZED\s+)?\(
      | FROM\s+[\w".]+(?:\s+(?:AS\s+)?\w+)?\s*(?:;|$|\b(?:SELECT|WHERE|LIMIT|ORDER|GROUP|JOIN|USING)\b)
      | VALUES\s*\(
      | (?:DESCRIBE|SUMMARIZE)\s+(?:SELECT\b|[\w".]+\s*;?\s*$)
      | (?:DROP|TRUNCATE)\s+(?:TABLE|VIEW|SCHEMA|DATABASE|MACRO|SEQUENCE|TYPE|INDEX|FUNCTION|SECRET)\b
      | CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\w*\s+|PERSISTENT\s+)?(?:TABLE|VIEW|SCHEMA|MACRO|SEQUENCE|TYPE|INDEX|FUNCTION|SECRET)\b
      | INSERT\s+(?:OR\s+\w+\s+)?INTO\b | UPDATE\s+[\w".]+\s+SET\b | DELETE\s+FROM\b | ALTER\s+(?:TABLE|VIEW)\b
      | MERGE\s+INTO\b | COPY\s*\( | COPY\s+[\w".]+\s+(?:TO|FROM)\s+' | ATTACH\s+(?:'|DATABASE\b|IF\b)
      | DETACH\s+\w+\s*;?\s*$ | (?:INSTALL|LOAD|FORCE\s+INSTALL)\s+(?:\w+|'[^']*')\s*;?\s*$ | PRAGMA\s+\w+
      | (?-i:TRUNCATE)\s+[\w".]+\s*;?\s*$
      | FROM\s+[\w.]+\s*\(
      | SET\s+(?:GLOBAL\s+|SESSION\s+|VARIABLE\s+)?\w+\s*(?:=|\bTO\b)\s*\S | RESET\s+\w+\s*;?\s*$
      | (?:EXPORT|IMPORT)\s+DATABASE\b | CALL\s+\w+\s*\( | USE\s+\w+\s*;?\s*$
      | (?:CHECKPOINT|VACUUM|BEGIN|COMMIT|ROLLBACK)\s*;?\s*$ | SHOW\s+(?:ALL\s+)?TABLES\b
      | EXPLAIN\s+(?:ANALYZE\s+)?(?:SELECT|WITH|FROM)\b
    )""", re.IGNORECASE | re.VERBOSE)


def skip_comments(text: str) -> str:
    """`text` without its leading whitespace and comments."""
    body = text
    while True:
        body = body.lstrip()
        if body.startswith("--"):
            body = body.split("\n", 1)[1] if "\n" in body else ""
        elif body.startswith("/*"):
            body = body.split("*/", 1)[1] if "*/" in body else ""
        else:
            return body


def looks_like_sql(text: str) -> bool:
    """True when a request is itself SQL (to be guarded and run) rather than a plain-language question.

    Leading comments and brackets are skipped. Plain-language requests that happen to start with an
    SQL word ("Select the 5 oldest passengers", "Drop duplicates", "With income above 50k ...",
    "Describe the loans table") stay questions; a statement a person typed, harmful ones included,
    is SQL, so the guard (not the planner) answers it.
    """
    body = skip_comments(text or "").lstrip("(").lstrip()
    return bool(_SQL_START.match(body))
