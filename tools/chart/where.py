"""The chart spec's one free-text field, the filter: checked, quoted, and explained when it matches nothing."""

from __future__ import annotations

import re

from dsagent.errors import ModelError


def check_where(plan) -> None:
    """The filter is the one free-text part of a spec: one boolean expression over known columns."""
    if not plan.where:
        return
    import sqlglot
    from sqlglot import exp

    from dsagent.tools.chart.lint import resolve_column

    plan.where = quote_known_columns(plan.where, list(plan.types))

    try:
        tree = sqlglot.parse_one(f"SELECT 1 FROM t WHERE {plan.where}", dialect="duckdb")
    except sqlglot.errors.ParseError as exc:
        raise ModelError(f"The filter '{plan.where}' is not a valid SQL condition: {str(exc).splitlines()[0]}") from None
    where = tree.args.get("where")
    if not isinstance(tree, exp.Select) or where is None or tree.args.get("limit") or tree.args.get("group"):
        raise ModelError(f"The filter must be one condition without WHERE, GROUP BY or LIMIT: '{plan.where}'.")
    if list(where.find_all(exp.Select, exp.Table)) or ";" in plan.where:
        raise ModelError("The filter may not contain a sub-query or another statement.")
    columns = {c: t for c, t in plan.types.items()}
    for col in where.find_all(exp.Column):
        if col.name not in columns:
            resolve_column(col.name, columns, "the filter", plan.table)  # raises with "did you mean"
            raise ModelError(f"The filter names '{col.name}'; quote column names exactly as in the table.")


def quote_known_columns(where: str, columns: list[str]) -> str:
    """Quote the table's multi-word column names written bare (`Release Year > 2000`), outside quotes."""
    from dsagent.data.naming import quote_ident

    odd = sorted((c for c in columns if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", c)), key=len, reverse=True)
    if not odd:
        return where
    name = re.compile("|".join(rf"(?<![\w\"]){re.escape(c)}(?![\w\"])" for c in odd), re.I)
    exact = {c.lower(): c for c in odd}
    parts = re.split(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")", where)  # keep quoted text as it is
    return "".join(p if i % 2 else name.sub(lambda m: quote_ident(exact[m.group(0).lower()]), p)
                   for i, p in enumerate(parts))


def empty_result_message(ws, plan, privacy: str = "masked") -> str:
    """Why a chart has no rows, precisely enough for a model to repair the filter.

    "No rows match the filter 'Year >= 1997': 'Year' runs from 70 to 82." rather than a bare "no rows".
    The message goes back to the planner, so under privacy `schema` it names no values from the data.
    """
    from dsagent.data.naming import quote_ident

    if not plan.where:
        return "The chart query returned no rows: the columns drawn have no values. Nothing was drawn."
    used = [c for c in plan.types if re.search(rf"(?<![\w]){re.escape(c)}(?![\w])", plan.where, re.I)]
    facts = []
    for col in used[:3] if privacy != "schema" else []:
        q, t = quote_ident(col), quote_ident(plan.table)
        try:
            if plan.cls(col) in ("number", "time"):
                lo, hi = ws.query(f"SELECT min({q}), max({q}) FROM {t}", max_rows=1).rows[0]
                facts.append(f"'{col}' runs from {lo} to {hi}")
            else:
                top = [r[0] for r in ws.query(f"SELECT {q} FROM {t} WHERE {q} IS NOT NULL GROUP BY 1 "
                                               f"ORDER BY count(*) DESC LIMIT 5", max_rows=5).rows]
                facts.append(f"'{col}' has values such as {', '.join(repr(v) for v in top)}")
        except Exception:  # noqa: BLE001 - the message is a hint; the chart has failed either way
            continue
    detail = (": " + "; ".join(facts) + ".") if facts else "."
    return (f"No rows match the filter '{plan.where}'{detail} Change the filter or leave it out. "
            "Nothing was drawn.")
