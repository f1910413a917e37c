"""Write the DuckDB -> PostgreSQL / Spark support table into docs/engines.md.

For each construct in tests/fixtures/engines/rewrite_cases.txt: is it refused (with what words),
rewritten before transpiling (by which rules), or left to sqlglot as is. The same fixtures are the
tests (tests/engines/test_engine_rewrite.py); the rows on real servers are compared by
tests/engines/test_engine_shapes.py. Run: python bench/engine_support.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import sqlglot

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "engines")]

from test_engine_rewrite import _cases, _target  # noqa: E402

from dsagent.engines.rewrite import RULES, Untranslatable  # noqa: E402
from dsagent.engines.translate import to_engine_sql  # noqa: E402

START, END = "<!-- support-table:start -->", "<!-- support-table:end -->"


def status(duck: str, dialect: str) -> str:
    target = _target(dialect)
    try:
        to_engine_sql(duck, target)
    except Untranslatable as exc:
        construct = exc.message.split(" does not carry over")[0]
        return f"refused ({construct})"
    used = []
    for name, rule in RULES:
        tree = sqlglot.parse_one(duck, read="duckdb")
        before = tree.sql("duckdb")
        try:
            after = rule(tree, target).sql("duckdb")
        except Untranslatable:
            continue
        if after != before:
            used.append(name)
    return "rewritten: " + ", ".join(used) if used else "sqlglot as is"


def table() -> str:
    seen: dict[str, dict[str, str]] = {}
    for duck, dialect, _ in _cases():
        seen.setdefault(duck, {})[dialect] = status(duck, dialect)
    lines = ["| DuckDB construct | PostgreSQL | Spark |", "|---|---|---|"]
    for duck, by in seen.items():
        cell = duck.replace("|", "\\|")
        lines.append(f"| `{cell}` | {by['postgres']} | {by['spark']} |")
    return "\n".join(lines)


def main() -> None:
    doc = ROOT / "docs" / "engines.md"
    text = doc.read_text(encoding="utf-8")
    body = f"{START}\n{table()}\n{END}"
    text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _m: body, text, flags=re.S)
    doc.write_text(text, encoding="utf-8")
    print(f"wrote the support table ({len(table().splitlines()) - 2} constructs) into {doc}")


if __name__ == "__main__":
    main()
