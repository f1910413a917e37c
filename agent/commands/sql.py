"""`dsagent sql DATA... "question" [--dialect D] [--run]`: print only the SQL for a question.

stdout holds the SQL and nothing else, one statement (DuckDB dialect, or transpiled by sqlglot for
--dialect), so `$(dsagent sql ...)` can be pasted into another tool. A question that is itself SQL
(SELECT, WITH ... SELECT, FROM ...) is guarded and printed without asking any model; a refused
statement is a one-line error with exit code 2. A plain-language question goes through the agent
(the configured planner) and its final SQL is printed; no SQL: one line on stderr, exit code 1.

With --run the query also runs on DuckDB: after the SQL, a blank line, then the rows as a table
(and any reviewer findings) on stdout. The SQL printed is the --dialect one; the rows come from the
DuckDB query. docs/sql.md has examples.
"""

from __future__ import annotations

import sys
from typing import Any

from dsagent.config import load_settings
from dsagent.render.visible import visible
from dsagent.errors import SqlRejected, UserError
from dsagent.commands._common import notice_once, open_workspace, require_question


def run(args: Any) -> int:
    from dsagent.sql.guard import guard_sql, looks_like_sql, resolve_dialect, transpile

    require_question(args.question)
    given = getattr(args, "dialect", None)
    if given is not None and not str(given).strip():
        raise UserError("--dialect needs a name: postgres, spark, snowflake, bigquery, trino, mysql, duckdb ...")
    dialect = resolve_dialect(given or "duckdb")  # a typo fails before any work
    settings = load_settings(args)
    ws = open_workspace(args, settings)
    try:
        question = args.question
        if looks_like_sql(question) and not args.run:
            try:
                guarded = guard_sql(question, ws)
            except SqlRejected as exc:
                raise UserError(exc.message) from None
            _check_binds(guarded.sql, ws)
            print(transpile(guarded.sql, dialect))
            return 0
        return _through_session(ws, settings, question, dialect, bool(args.run))
    finally:
        ws.close()


def _through_session(ws: Any, settings: Any, question: str, dialect: str, run_it: bool) -> int:
    """Ask the agent (typed SQL included, when rows are wanted) and print its final SQL."""
    from dsagent.session import Session
    from dsagent.sql.guard import transpile

    session = Session(ws, settings)
    answer = session.ask(question)
    notice = getattr(session._backend, "notice", None) if session._backend is not None else None
    if notice_once(notice):
        print(f"dsagent: {notice}", file=sys.stderr)
    sql = answer.sql
    if not sql:
        if answer.error:
            reason = answer.error.get("message", "")
        else:
            reason = answer.narrative or "the answer did not come from a query"
        from dsagent.sql.guard import looks_like_sql

        # A typed statement that failed (refused, stopped by a limit) is an error, not a missing SQL.
        lead = "error" if looks_like_sql(question) else "no SQL for this question"
        print(f"dsagent: {lead}: {visible(' '.join(str(reason).split()))}", file=sys.stderr)
        return 2 if answer.exit_code == 2 else 1
    print(transpile(sql, dialect))
    if not run_it:
        return 0
    sys.stdout.flush()
    _render_rows(answer)
    return answer.exit_code


def _render_rows(answer: Any) -> None:
    """The rows (the SQL is already printed) and the reviewer's findings, on stdout."""
    from dsagent.render.console import make_console

    from dsagent.render.answer import render_findings, render_result
    from dsagent.render.context import rendering
    from dsagent.words.language import detect_language

    console = make_console()
    console.print()
    result = answer.result
    with rendering(lang=detect_language(answer.question or ""), surface="sql"):  # `sql` has no -o: say ask's
        if result is not None and getattr(result, "kind", None) == "table":
            from dsagent.render.table import render

            render(result, console, show_sql=False)
        elif result is not None:
            render_result(result, console)
        if answer.error:
            print(f"dsagent: error: {visible(' '.join(str(answer.error.get('message', '')).split()))}",
                  file=sys.stderr)
        render_findings(list(answer.review or []), console)


def _check_binds(sql: str, ws: Any) -> None:
    """Let DuckDB bind the query without running it (wrong types, unknown functions): UserError if it cannot."""
    import duckdb

    if sql.lstrip().upper().startswith(("DESCRIBE", "SUMMARIZE")):
        return
    try:
        ws.run_interruptible(lambda con: con.execute(f"DESCRIBE {sql}").fetchall())
    except duckdb.Error as exc:
        lines = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip() and not ln.strip().startswith("LINE ")]
        raise UserError(f"DuckDB cannot run this query: {' '.join(lines[:2])}") from None
